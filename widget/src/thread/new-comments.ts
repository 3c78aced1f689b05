// The queue of comments that arrived live, and the "N new comments" button that shows them.
// Nothing moves on the page until the reader asks; screen readers hear the count, once per
// burst rather than once per comment.
import type { Comment } from "../api/types";
import { button, h } from "../dom/h";
import type { I18n } from "../i18n/i18n";

export class NewComments {
  readonly box: HTMLElement;
  private readonly bubble: HTMLButtonElement;
  private queue: Comment[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly i18n: I18n,
    private readonly announce: (text: string) => void,
    onShow: () => void,
  ) {
    this.bubble = button("", { class: "btn pri new", hidden: true });
    this.bubble.addEventListener("click", onShow);
    this.box = h("div", { class: "live" }, this.bubble);
  }

  has(id: number): boolean {
    return this.queue.some((c) => c.id === id);
  }

  add(comment: Comment): void {
    this.queue.push(comment);
    this.paint();
  }

  /** Takes a comment out of the queue (it was the reader's own); true if it was there. */
  drop(id: number): boolean {
    const before = this.queue.length;
    this.queue = this.queue.filter((c) => c.id !== id);
    this.paint();
    return this.queue.length !== before;
  }

  take(): Comment[] {
    const taken = this.queue;
    this.clear();
    return taken;
  }

  clear(): void {
    this.queue = [];
    this.paint();
  }

  private paint(): void {
    const count = this.queue.length;
    this.bubble.hidden = !count;
    clearTimeout(this.timer);
    if (!count) return;
    const text = this.i18n.n("newComments", count);
    this.bubble.textContent = text;
    this.timer = setTimeout(() => this.announce(text), 1000);
  }
}
