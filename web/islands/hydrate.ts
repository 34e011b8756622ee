import { type ComponentType, h, hydrate } from "preact";

/**
 * The browser entry: hydrates every `[data-island]` element rendered by web/components/Island.tsx with
 * the props in its `<script type="application/json">`. Each island is its own chunk, loaded on demand.
 */
// deno-lint-ignore no-explicit-any
const ISLANDS: Record<string, () => Promise<{ default: ComponentType<any> }>> = {
  SignUpForm: () => import("./SignUpForm.tsx"),
  QuestionEditor: () => import("./QuestionEditor.tsx"),
};

for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const load = ISLANDS[el.dataset.island ?? ""];
  const root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  const json = el.querySelector(':scope > script[type="application/json"]')?.textContent;
  if (!load || !root) continue;
  load().then((mod) => {
    hydrate(h(mod.default, json ? JSON.parse(json) : {}), root);
    el.dataset.hydrated = "true"; // for styles and browser tests: the island is live from here on
  });
}
