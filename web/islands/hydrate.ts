import { type ComponentType, h, hydrate } from "preact";
import { type IslandName, ISLANDS } from "./registry.ts";

/**
 * The browser entry: hydrates every `[data-island]` element rendered by web/components/Island.tsx with
 * the props in its `<script type="application/json">`. Each island is its own chunk, loaded on demand.
 */
for (const el of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const name = el.dataset.island ?? "";
  const load = Object.hasOwn(ISLANDS, name) ? ISLANDS[name as IslandName] : undefined;
  const root = el.querySelector<HTMLElement>(":scope > [data-island-root]");
  const json = el.querySelector(':scope > script[type="application/json"]')?.textContent;
  if (!load || !root) continue;
  load().then((mod) => {
    // The props were rendered by the server for this very island (web/components/Island.tsx).
    const component = mod.default as ComponentType<Record<string, unknown>>;
    hydrate(h(component, json ? JSON.parse(json) : {}), root);
    el.dataset.hydrated = "true"; // for styles and browser tests: the island is live from here on
  });
}
