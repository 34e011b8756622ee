/**
 * Brings one server-rendered section of the page up to date from a fresh render of the same page, in
 * place: the server stays the only renderer (no second copy of the section's markup in an island).
 * Items are matched by id and replaced only when their `data-state` changed; an item whose recording is
 * playing is left alone until it stops (replacing a playing <audio> would cut the recruiter off).
 */

/** Whether any recording inside `el` is playing. */
function playing(el: Element): HTMLMediaElement | null {
  const media = [...el.querySelectorAll<HTMLMediaElement>("audio, video")];
  return media.find((m) => !m.paused) ?? null;
}

export type MergeResult = { changed: number; deferredUntil: HTMLMediaElement | null };

/**
 * Merges `fresh` (the section from a new render, or null when that render has none) into the page's
 * section `id`; when the page has none yet, the fresh one goes before `anchor`. `items` selects the
 * matched children (each with an id and a data-state).
 */
export function mergeSection(
  id: string,
  fresh: Element | null,
  anchor: Element,
  items: string,
): MergeResult {
  const result: MergeResult = { changed: 0, deferredUntil: null };
  if (!fresh) return result;
  const current = document.getElementById(id);
  if (!current) {
    anchor.before(document.importNode(fresh, true));
    result.changed++;
    return result;
  }
  const list = current.querySelector(items)?.parentElement;
  const freshItems = [...fresh.querySelectorAll(items)];
  if (!list) {
    // Nothing to keep (no item, so nothing playing): the whole section is replaced.
    current.replaceWith(document.importNode(fresh, true));
    result.changed++;
    return result;
  }
  let previous: Element | null = null;
  for (const item of freshItems) {
    const existing = item.id ? document.getElementById(item.id) : null;
    if (!existing) {
      const added = document.importNode(item, true);
      if (previous) previous.after(added);
      else list.prepend(added);
      previous = added;
      result.changed++;
      continue;
    }
    previous = existing;
    if (existing.getAttribute("data-state") === item.getAttribute("data-state")) continue;
    const media = playing(existing);
    if (media) {
      // Marked, so that the page (and its tests) can tell an update is waiting.
      existing.setAttribute("data-update-pending", "");
      result.deferredUntil = media;
      continue;
    }
    const replacement = document.importNode(item, true);
    existing.replaceWith(replacement);
    previous = replacement;
    result.changed++;
  }
  return result;
}
