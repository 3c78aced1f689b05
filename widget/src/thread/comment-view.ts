// One comment as DOM. Buttons carry data-act and are handled by the thread view through one
// delegated listener, so a 200-comment thread does not create a thousand closures.
import type { Comment } from "../api/types";
import { identicon } from "../avatar/identicon";
import { button, h, setTrustedHtml } from "../dom/h";
import type { I18n } from "../i18n/i18n";
import type { ReaderMemory } from "../storage/reader-memory";
import type { TimeFormat } from "../time/time-format";

/** Replies deeper than this are drawn at this depth, with "in reply to NAME". */
export const maxIndent = 3;

export interface CommentContext {
  i18n: I18n;
  time: TimeFormat;
  memory: ReaderMemory;
  /** False once the thread is closed. */
  replies: boolean;
  now: number;
}

export interface RenderOptions {
  depth: number;
  /** The parent's author, for deep replies. */
  parentName?: string;
  /** Set while the comment is being posted: its text, shown as plain text. */
  sendingText?: string;
}

/** "in reply to {name}" with the name isolated in <bdi>, so right-to-left names stay put. */
export function withName(template: string, name: string): (Node | string)[] {
  const [before = "", after = ""] = template.split("{name}");
  return [before, h("bdi", { dir: "auto" }, name), after];
}

/**
 * The parts every comment shares, with their labels, built once per language and cloned for
 * each comment: cloning is several times faster than building and labelling each element.
 */
let skeleton: { i18n: I18n; node: HTMLElement } | null = null;

function cloneSkeleton(i18n: I18n): HTMLElement {
  if (skeleton?.i18n !== i18n) {
    const votes = h("span", { class: "votes", role: "group", "aria-label": i18n.t("votes") },
      button("▲", { class: "lnk", "data-act": "up", "aria-label": i18n.t("voteUp") }),
      h("span", { class: "score" }),
      button("▼", { class: "lnk", "data-act": "down", "aria-label": i18n.t("voteDown") }));
    const node = h("article", { class: "c", tabindex: -1 },
      h("header", { class: "head" }, h("bdi", { class: "name", dir: "auto" }), h("time")),
      h("div", { class: "body", dir: "auto" }),
      h("div", { class: "acts" }, votes, button(i18n.t("reply"), { class: "lnk", "data-act": "reply" })),
      h("div", { class: "slot" }));
    skeleton = { i18n, node };
  }
  return skeleton.node.cloneNode(true) as HTMLElement;
}

export function renderComment(c: Comment, options: RenderOptions, ctx: CommentContext): HTMLElement {
  const { i18n } = ctx;
  const depth = options.depth;
  let cls = depth ? `c d${Math.min(depth, maxIndent)}` : "c";
  if (c.status === "deleted") {
    return h("article", { class: `${cls} del`, "data-id": c.id, "data-depth": depth, tabindex: -1 },
      h("p", { class: "body" }, i18n.t("deleted")));
  }
  const pending = c.status === "pending";
  const sending = options.sendingText !== undefined;
  if (sending) cls += " sending";

  const node = cloneSkeleton(i18n);
  node.className = cls;
  node.dataset.id = String(c.id);
  node.dataset.depth = String(depth);
  const head = node.firstElementChild as HTMLElement;
  const body = head.nextElementSibling as HTMLElement;
  const acts = body.nextElementSibling as HTMLElement;
  const name = head.firstElementChild as HTMLElement;
  const time = name.nextElementSibling as HTMLTimeElement;

  head.prepend(identicon(c.author.avatar || c.author.name));
  name.textContent = c.author.name;
  if (c.author.badge || c.author.verified) {
    name.after(h("span", { class: "tag", dir: "auto" }, c.author.badge || i18n.t("verified")));
  }
  // The exact time goes into a title when the pointer reaches it (see exactTitle): formatting
  // full dates for every comment up front would cost more than the rest of a comment.
  time.dateTime = c.created;
  time.textContent = ctx.time.ago(c.created, ctx.now);
  if (c.edited) head.append(h("span", { class: "meta", "data-edited": c.edited }, i18n.t("edited")));
  if (depth > maxIndent && options.parentName) {
    head.append(h("span", { class: "meta" }, ...withName(i18n.t("inReplyTo"), options.parentName)));
  }
  for (const mark of ["pinned", "featured"] as const) if (c[mark]) head.append(h("span", { class: "tag" }, i18n.t(mark)));
  if (pending) head.append(h("span", { class: "tag" }, i18n.t("pending")));
  if (sending) head.append(h("span", { class: "tag" }, i18n.t("sending")));

  if (sending) {
    body.className = "body plain";
    body.textContent = options.sendingText!;
  } else {
    setTrustedHtml(body, c.html);
  }
  if (sending || pending) {
    acts.nextElementSibling!.remove();
    acts.remove();
    return node;
  }

  paintVotes(acts.firstElementChild!, c, ctx.memory.vote(c.id), i18n);
  if (!ctx.replies) acts.lastElementChild!.remove();
  const grant = ctx.memory.grant(c.id, ctx.now);
  if (grant) {
    node.dataset.until = String(grant.expires);
    acts.append(button(i18n.t("edit"), { class: "lnk", "data-act": "edit" }),
      button(i18n.t("delete"), { class: "lnk", "data-act": "delete" }));
  }
  return node;
}

/** Fills in the exact-time title of a <time> or "edited" mark under the pointer, once. */
export function exactTitle(target: EventTarget | null, ctx: { i18n: I18n; time: TimeFormat }): void {
  const node = (target as Element | null)?.closest?.("time, [data-edited]") as HTMLElement | null;
  if (!node || node.title) return;
  node.title = node instanceof HTMLTimeElement
    ? ctx.time.exact(node.dateTime)
    : ctx.i18n.t("editedAt", { time: ctx.time.exact(node.dataset.edited || "") });
}

export function paintVotes(
  group: Element,
  tally: { score: number; upvotes: number; downvotes: number },
  mine: number,
  i18n: I18n,
): void {
  const up = group.firstElementChild!;
  const score = up.nextElementSibling as HTMLElement;
  score.textContent = String(tally.score);
  score.title = i18n.t("voteTally", { up: tally.upvotes, down: tally.downvotes });
  up.setAttribute("aria-pressed", String(mine > 0));
  score.nextElementSibling!.setAttribute("aria-pressed", String(mine < 0));
  (group as HTMLElement).dataset.mine = String(mine);
}

/** The last element of a comment's subtree: replies follow their parent, one level deeper. */
export function subtreeEnd(node: HTMLElement): HTMLElement {
  const depth = Number(node.dataset.depth);
  let last = node;
  for (let next = node.nextElementSibling as HTMLElement | null;
    next && Number(next.dataset.depth) > depth;
    next = next.nextElementSibling as HTMLElement | null) {
    last = next;
  }
  return last;
}
