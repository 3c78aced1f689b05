// "Most discussed": the site's busiest threads of the last days, as links.
import type { Api } from "../api/client";
import type { PopularThread } from "../api/types";
import { h } from "../dom/h";
import type { BlockWords } from "../blocks/strings";
import type { I18n } from "../i18n/i18n";

/**
 * Where a thread lives. The address came from a commenter's first post, so only http(s) is
 * trusted; a path-like key is a link on this site; anything else is shown without a link.
 */
function threadHref(thread: PopularThread): string | null {
  for (const candidate of [thread.url, thread.key.startsWith("/") ? thread.key : ""]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate, location.href);
      if (url.protocol === "https:" || url.protocol === "http:") return url.href;
    } catch {
      // Not a URL; try the next one.
    }
  }
  return null;
}

export async function popularView(root: HTMLElement, api: Api, i18n: I18n, words: BlockWords, days: number, limit: number): Promise<void> {
  const list = h("ol", { class: "pop" });
  root.append(h("section", { class: "popular", "aria-labelledby": "sala-popular" },
    h("h2", { id: "sala-popular" }, words.popular), list));
  let threads: PopularThread[] = [];
  try {
    threads = await api.popular(days, limit);
  } catch {
    // The list is an extra; when the server cannot answer, it stays empty.
  }
  for (const thread of threads) {
    const title = thread.title || thread.key;
    const href = threadHref(thread);
    list.append(h("li", null,
      href ? h("a", { href, dir: "auto" }, title) : h("bdi", { dir: "auto" }, title),
      " ", h("span", { class: "meta" }, `(${i18n.n("count", thread.count)})`)));
  }
  if (!threads.length) list.replaceWith(h("p", { class: "muted" }, words.popularEmpty));
}
