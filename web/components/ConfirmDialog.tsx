import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

type Texts = { title: string; confirmLabel: string; cancelLabel: string };

/**
 * A destructive action behind a modal question, with no script: the button opens the `<dialog>` by an
 * invoker command (`commandfor` / `command="show-modal"`), whose form posts the action; "Cancel" closes
 * it and focus goes back to the button. The dialog is named by its title and described by its text.
 */
export function ConfirmPost(
  props: Texts & {
    id: string;
    action: string;
    buttonLabel: string;
    buttonClass: string;
    children: ComponentChildren;
  },
) {
  return (
    <>
      <button type="button" class={props.buttonClass} commandfor={props.id} command="show-modal">
        {props.buttonLabel}
      </button>
      <dialog
        id={props.id}
        class="confirm-dialog"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-text`}
      >
        <form method="post" action={props.action}>
          <h2 id={`${props.id}-title`}>{props.title}</h2>
          <p id={`${props.id}-text`}>{props.children}</p>
          <div class="confirm-actions">
            <button type="button" class="button button-secondary" commandfor={props.id} command="close">
              {props.cancelLabel}
            </button>
            <button type="submit" class="button button-danger">{props.confirmLabel}</button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/**
 * The same question inside an island: shown (modal) while it is rendered; Escape or "Cancel" calls
 * `onCancel`, the red button `onConfirm`. Focus starts on "Cancel", the harmless choice.
 */
export function ConfirmDialog(
  props: Texts & { id: string; text: string; onConfirm(): void; onCancel(): void },
) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Closed before it leaves the page, so the browser gives focus back to the button that opened it.
    return () => dialog?.open && dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      id={props.id}
      class="confirm-dialog"
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-text`}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p id={`${props.id}-text`}>{props.text}</p>
      <div class="confirm-actions">
        <button type="button" class="button button-secondary" autoFocus onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" class="button button-danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
