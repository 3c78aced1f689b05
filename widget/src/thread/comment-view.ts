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

export function renderComment(c: Comment, options: RenderOptions, ctx: CommentContext): HTMLElement {
  const { i18n } = ctx;
  const deleted = c.status === "deleted";
  const pending = c.status === "pending";
  const sending = options.sendingText !== undefined;
  const depth = options.depth;
  let cls = "c";
  if (depth) cls += ` d${Math.min(depth, maxIndent)}`;
  if (deleted) cls += " del";
  if (sending) cls += " sending";
  const node = h("article", { class: cls, "data-id": c.id, "data-depth": depth, tabindex: -1 });

  if (deleted) {
    node.append(h("p", { class: "body" }, i18n.t("deleted")));
    return node;
  }

  const head = h("header", { class: "head" }, identicon(c.author.avatar || c.author.name));
  head.append(h("bdi", { class: "name", dir: "auto" }, c.author.name));
  if (c.author.badge) head.append(h("span", { class: "tag", dir: "auto" }, c.author.badge));
  head.append(h("time", { datetime: c.created, title: ctx.time.exact(c.created) }, ctx.time.ago(c.created, ctx.now)));
  if (c.edited) {
    head.append(h("span", { class: "meta", title: i18n.t("editedAt", { time: ctx.time.exact(c.edited) }) },
      i18n.t("edited")));
  }
  if (depth > maxIndent && options.parentName) {
    head.append(h("span", { class: "meta" }, ...withName(i18n.t("inReplyTo"), options.parentName)));
  }
  if (pending) head.append(h("span", { class: "tag" }, i18n.t("pending")));
  if (sending) head.append(h("span", { class: "tag" }, i18n.t("sending")));
  node.append(head);

  const body = h("div", { class: sending ? "body plain" : "body", dir: "auto" });
  if (sending) body.textContent = options.sendingText!;
  else setTrustedHtml(body, c.html);
  node.append(body);
  if (sending || pending) return node;

  const acts = h("div", { class: "acts" });
  const votes = h("span", { class: "votes", role: "group", "aria-label": i18n.t("votes") },
    button("▲", { class: "lnk", "data-act": "up", "aria-label": i18n.t("voteUp") }),
    h("span", { class: "score" }),
    button("▼", { class: "lnk", "data-act": "down", "aria-label": i18n.t("voteDown") }));
  paintVotes(votes, c, ctx.memory.vote(c.id), i18n);
  acts.append(votes);
  if (ctx.replies) acts.append(button(i18n.t("reply"), { class: "lnk", "data-act": "reply" }));
  const grant = ctx.memory.grant(c.id, ctx.now);
  if (grant) {
    node.dataset.until = String(grant.expires);
    acts.append(button(i18n.t("edit"), { class: "lnk", "data-act": "edit" }),
      button(i18n.t("delete"), { class: "lnk", "data-act": "delete" }));
  }
  node.append(acts, h("div", { class: "slot" }));
  return node;
}

export function paintVotes(
  group: Element,
  tally: { score: number; upvotes: number; downvotes: number },
  mine: number,
  i18n: I18n,
): void {
  const [up, score, down] = Array.from(group.children) as HTMLElement[];
  score!.textContent = String(tally.score);
  score!.title = i18n.t("voteTally", { up: tally.upvotes, down: tally.downvotes });
  up!.setAttribute("aria-pressed", String(mine > 0));
  down!.setAttribute("aria-pressed", String(mine < 0));
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
