import type { ComponentChildren } from "preact";

/** A message box; errors are announced to screen readers. */
export function Alert(
  { kind, children }: { kind: "error" | "success" | "info" | "warning"; children: ComponentChildren },
) {
  return <div class={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>{children}</div>;
}

/** A labelled input with its hint or error underneath (server-rendered forms). */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}) {
  const message = props.error ?? props.hint;
  return (
    <div class={props.error ? "field field-invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={message ? `${props.id}-msg` : undefined}
      />
      {message && <p id={`${props.id}-msg`} class={props.error ? "field-error" : "field-hint"}>{message}</p>}
    </div>
  );
}

/** A form of one file field (posted as "file") and its submit button, with the last upload's error. */
export function UploadForm(props: {
  action: string;
  id: string;
  label: string;
  accept: string;
  submitLabel: string;
  error?: string;
}) {
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="form">
      {props.error && <Alert kind="error">{props.error}</Alert>}
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <input id={props.id} name="file" type="file" accept={props.accept} required />
      </div>
      <button type="submit" class="button button-primary">{props.submitLabel}</button>
    </form>
  );
}

/** An action as a button in a form of its own: it works without JavaScript and posts nothing else. */
export function PostButton(
  { action, buttonClass, children }: { action: string; buttonClass: string; children: ComponentChildren },
) {
  return (
    <form method="post" action={action}>
      <button type="submit" class={buttonClass}>{children}</button>
    </form>
  );
}

/** The title block of an app page. */
export function PageHeader(props: { title: string; lead?: string; back?: { href: string; label: string } }) {
  return (
    <div class="page-header">
      {props.back && <a class="back-link" href={props.back.href}>{props.back.label}</a>}
      <h1>{props.title}</h1>
      {props.lead && <p class="lead">{props.lead}</p>}
    </div>
  );
}

/** What a list shows when there is nothing in it yet. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <div class="empty-state-icon" aria-hidden="true" />
      <p class="empty-state-title">{title}</p>
      {children && <p class="empty-state-text">{children}</p>}
    </div>
  );
}
