import type { ComponentChildren } from "preact";

/**
 * A table wider than a phone scrolls sideways; keyboard users reach the scroll by focusing the region
 * (axe: scrollable-region-focusable), which screen readers announce by its label. The section around it
 * is then not labelled too (two landmarks with one name).
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
