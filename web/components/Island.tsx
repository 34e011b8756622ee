import type { ComponentType } from "preact";
import type { IslandName } from "../islands/registry.ts";

export type { IslandName };

/**
 * Renders an island on the server inside a `[data-island]` wrapper, with its props as inert JSON (the
 * CSP forbids inline code, not data), so web/islands/hydrate.ts can hydrate it in the browser.
 */
export function Island<P extends object>(
  { name, component: Component, props }: { name: IslandName; component: ComponentType<P>; props: P },
) {
  // "<" escaped so a value containing "</script>" cannot close the element early.
  const json = JSON.stringify(props).replace(/</g, "\\u003c");
  return (
    <div data-island={name} class="island">
      <script type="application/json" dangerouslySetInnerHTML={{ __html: json }} />
      <div data-island-root>
        <Component {...props} />
      </div>
    </div>
  );
}
