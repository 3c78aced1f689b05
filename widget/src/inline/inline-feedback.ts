// Inline feedback: readers comment on a passage of the article. A selection in the article
// offers "Comment on this"; passages with comments get a mark with their count, which opens
// those comments in the thread; each anchored comment quotes its passage and links to it. The
// newsroom can ask a question on a passage with data-sala-question="…" in its HTML.
import type { Comment } from "../api/types";
import type { Config } from "../config";
import { button, h } from "../dom/h";
import { addStyles } from "../dom/mount";
import type { Entry, ThreadHook, ThreadView } from "../thread/thread-view";
import { type Anchor, describe, locate } from "./anchoring";
import threadCss from "./inline.css";
import controlCss from "./control.css";
import pageCss from "./page.css";
import { strings, type Words } from "./strings";
import { TextMap, snap } from "./text-map";

export interface InlineBridge {
  view: ThreadView;
  /** The thread's root element inside its shadow root. */
  root: HTMLElement;
  config: Config;
  lang: string;
  article: Element;
}

type Found = "exact" | "changed" | "gone";

/** A passage on the page: the comments found on it, or the newsroom's question. */
interface Passage {
  /** Its span in the article's text, "start:end". */
  key: string;
  start: number;
  end: number;
  /** Set once the marks are in place. */
  range?: StaticRange;
  anchor: Anchor;
  ids: number[];
  question?: string;
}

const maxQuote = 1000;

/** The CSS Custom Highlight API marks text without touching the page's DOM. */
function highlighting(): boolean {
  return typeof Highlight === "function" && "highlights" in CSS;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export class InlineFeedback implements ThreadHook {
  private readonly words: Words;
  private readonly plural: Intl.PluralRules;
  private readonly numbers: Intl.NumberFormat;
  private readonly controlStyles: CSSStyleSheet | null;
  private readonly markByKey = new Map<string, HTMLElement>();
  /** Every anchored comment known: from /passages, posted here or arriving live. */
  private readonly anchors = new Map<number, Anchor>();
  private readonly found = new Map<number, Found>();
  private passages: Passage[] = [];
  private map: TextMap | null = null;
  /** The passage the reader chose to comment on, shown above the form until the post succeeds. */
  private picked: { anchor: Anchor; chip: HTMLElement } | null = null;
  private selected: Anchor | null = null;
  private control: HTMLElement | null = null;
  private readonly toggle: HTMLButtonElement;
  private bar: HTMLElement | null = null;
  private timer = 0;

  constructor(private readonly b: InlineBridge) {
    this.words = strings[b.lang] || strings.en!;
    this.plural = new Intl.PluralRules(b.lang);
    // One formatter: toLocaleString(lang) would build a new one for every mark.
    this.numbers = new Intl.NumberFormat(b.lang);
    addStyles(document, pageCss);
    addStyles(b.root.getRootNode() as ShadowRoot, threadCss);
    try {
      (this.controlStyles = new CSSStyleSheet()).replaceSync(controlCss);
    } catch {
      this.controlStyles = null;
    }

    this.toggle = button(this.words.filter, { class: "lnk", "aria-pressed": "false" });
    this.toggle.addEventListener("click", () => void this.showAll(this.toggle.getAttribute("aria-pressed") !== "true"));
    b.root.querySelector(".hd")?.append(this.toggle);
    // Marks act like buttons: a click, Enter or Space opens their passage's comments.
    const activate = (event: Event) => {
      const mark = (event.target as Element).closest?.("sala-mark") as HTMLElement | null;
      const key = (event as KeyboardEvent).key;
      if (!mark || (event.type === "keydown" && key !== "Enter" && key !== " ")) return;
      event.preventDefault();
      const p = this.passages.find((x) => x.key === mark.dataset.key);
      if (p) void this.open(p);
    };
    b.article.addEventListener("click", activate);
    b.article.addEventListener("keydown", activate);
    b.root.addEventListener("click", (event) => {
      const target = (event.target as Element).closest<HTMLElement>("[data-passage]");
      if (target) this.showPassage(Number(target.dataset.passage));
    });

    b.view.hook = this;
    for (const entry of b.view.entries()) this.decorateEntry(entry);
    document.addEventListener("selectionchange", () => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.onSelection(), 150);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hideControl();
      // A selection made from the keyboard leaves the focus on the page itself, and Tab would
      // start again from the top: the next stop after a selection is its control.
      const active = document.activeElement;
      if (event.key === "Tab" && !event.shiftKey && this.control && (!active || active === document.body)) {
        event.preventDefault();
        this.control.shadowRoot?.querySelector("button")?.focus();
      }
    });
    void this.load();
  }

  // ---- The hook the thread calls ---------------------------------------------------------------

  decorate(node: HTMLElement, comment: Comment): void {
    this.decorateEntry({ node, comment });
  }

  extras(): { anchor: Anchor } | undefined {
    return this.picked ? { anchor: this.picked.anchor } : undefined;
  }

  added(comment: Comment): void {
    const a = comment.anchor;
    if (!a) return;
    const picked = this.picked?.anchor;
    if (picked && picked.start === a.start && picked.quote === a.quote) this.unpick();
    if (comment.status === "pending") return;
    this.anchors.set(comment.id, a);
    this.place();
  }

  // ---- Passages in the article -----------------------------------------------------------------

  private async load(): Promise<void> {
    const { config } = this.b;
    try {
      const query = new URLSearchParams({ site: config.site, thread: config.thread });
      const response = await fetch(`${config.apiBase}/passages?${query}`, { credentials: "omit" });
      if (response.ok) {
        const data = (await response.json()) as { passages?: { anchor: Anchor; comments: number[] }[] };
        for (const p of data.passages || []) for (const id of p.comments) this.anchors.set(id, p.anchor);
      }
    } catch {
      // Without the server's list the article simply shows no marks; the thread still works.
    }
    this.place();
    // A reader may have selected a passage while this script was on its way.
    this.onSelection();
  }

  private textMap(): TextMap {
    return (this.map ||= new TextMap(this.b.article));
  }

  /**
   * Finds every anchor in the article as it is now and draws one mark per passage. Comments on
   * the same span share a mark, whatever their stored offsets were.
   */
  place(): void {
    // Marks add no text, so offsets are the same with or without them; but inserting one splits
    // a text node, so the map is made anew each time.
    this.map = null;
    const map = this.textMap();
    const bySpan = new Map<string, Passage>();
    const passage = (start: number, end: number): Passage => {
      const key = `${start}:${end}`;
      let p = bySpan.get(key);
      if (!p) bySpan.set(key, (p = { key, start, end, anchor: describe(map.text, start, end), ids: [] }));
      return p;
    };
    for (const el of this.b.article.querySelectorAll("[data-sala-question]")) {
      const span = map.span(el);
      const question = el.getAttribute("data-sala-question")!.trim();
      if (span && question) passage(span[0], span[1]).question = question;
    }
    for (const [id, anchor] of this.anchors) {
      const at = locate(map.text, anchor);
      this.found.set(id, at ? (at.exact ? "exact" : "changed") : "gone");
      if (at) passage(at.start, at.end).ids.push(id);
    }
    // A mark that still has its passage stays where it is; only new passages get one inserted.
    for (const [key, mark] of this.markByKey) {
      if (!bySpan.has(key)) {
        mark.remove();
        this.markByKey.delete(key);
      }
    }
    this.passages = [...bySpan.values()];
    // New marks go in from the end of the article backwards: inserting one splits a text node
    // after every point still to come, so the map stays right for all of them.
    for (const p of [...this.passages].sort((x, y) => y.end - x.end)) {
      if (!this.markByKey.has(p.key)) this.markByKey.set(p.key, this.insertMark(map, p));
    }
    this.map = null;
    const after = this.textMap();
    for (const p of this.passages) {
      p.range = after.range(p.start, p.end) || undefined;
      this.paintMark(p);
    }
    // Passages readers commented on are lit; a question's passage has its question under it.
    const lit = this.passages.filter((p) => p.ids.length && !p.question && p.range).map((p) => p.range!);
    if (highlighting()) CSS.highlights.set("sala-passage", new Highlight(...lit));
    for (const entry of this.b.view.entries()) this.paintStatus(entry.node);
    this.toggle.hidden = !this.passages.length;
  }

  /**
   * A mark is an empty element whose words are generated by page.css from its attributes: they
   * are not part of the article's text, so copying a passage does not copy them.
   */
  private insertMark(map: TextMap, p: Passage): HTMLElement {
    const mark = h("sala-mark" as "span", { role: "button", tabindex: 0, "data-key": p.key });
    const [node, offset] = map.endPoint(p.end);
    const at = offset < node.length ? node.splitText(offset) : node.nextSibling;
    node.parentNode!.insertBefore(mark, at);
    return mark;
  }

  private paintMark(p: Passage): void {
    const mark = this.markByKey.get(p.key)!;
    const count = p.ids.length;
    let label: string;
    if (p.question) {
      // A question is there to be read: it stands under its passage, with the number of answers.
      const answers = this.count("answerCount", count);
      label = `${this.words.asks} ${p.question} ${answers}`;
      Object.assign(mark.dataset, { q: p.question, asks: this.words.asks, count: answers });
    } else {
      label = this.count("onPassage", count);
      mark.dataset.n = String(count);
      mark.title = label;
    }
    mark.setAttribute("aria-label", label);
  }

  private count(key: "onPassage" | "answerCount", n: number): string {
    const forms = this.words[key] as Record<string, string>;
    return (forms[this.plural.select(n)] || forms.other!).replace("{n}", this.numbers.format(n));
  }

  /** Scrolls the article to a comment's passage and lights it up for a moment. */
  private showPassage(id: number): void {
    const p = this.passages.find((x) => x.ids.includes(id));
    if (!p?.range) return;
    const live = document.createRange();
    live.setStart(p.range.startContainer, p.range.startOffset);
    live.setEnd(p.range.endContainer, p.range.endOffset);
    scrollBy({ top: live.getBoundingClientRect().top - innerHeight / 3, behavior: "smooth" });
    if (highlighting()) {
      CSS.highlights.set("sala-focus", new Highlight(p.range));
      setTimeout(() => CSS.highlights.delete("sala-focus"), 4000);
    }
    this.markByKey.get(p.key)?.focus({ preventScroll: true });
  }

  // ---- The thread: quotes, statuses, filters ---------------------------------------------------

  private decorateEntry({ node, comment }: Entry): void {
    const a = comment.anchor;
    const body = node.querySelector(":scope > .body");
    if (!a || !body || node.querySelector(":scope > .sq")) return;
    const quote = h("q", { dir: "auto" }, shorten(a.quote, 200));
    const link = button("", { class: "lnk", "data-passage": comment.id, title: this.words.showPassage });
    link.append(quote);
    body.before(h("blockquote", { class: "sq" }, link, h("p", { class: "sn", hidden: true })));
    if (this.bar?.dataset.ids?.split(",").includes(String(comment.id))) node.dataset.in = "";
    this.paintStatus(node);
  }

  /** Says under the quote whether the passage changed; a passage that is gone loses its link. */
  private paintStatus(node: HTMLElement): void {
    const quote = node.querySelector<HTMLElement>(":scope > .sq");
    const status = this.found.get(Number(node.dataset.id));
    if (!quote || !status) return;
    const note = quote.lastElementChild as HTMLElement;
    note.hidden = status === "exact";
    note.textContent = status === "gone" ? this.words.gone : this.words.changed;
    const link = quote.querySelector("[data-passage]");
    if (status === "gone" && link) link.replaceWith(...link.childNodes);
  }

  /** The thread shows only comments on passages, or everything again. */
  private async showAll(only: boolean): Promise<void> {
    this.closeBar();
    this.toggle.setAttribute("aria-pressed", String(only));
    await this.b.view.filter(only);
  }

  /** A mark was activated: the thread shows that passage's comments, with a way to add one. */
  private async open(p: Passage): Promise<void> {
    const { view, root } = this.b;
    const w = this.words;
    this.closeBar();
    const heading = h("h3", { tabindex: -1, dir: "auto" },
      p.question ? w.answers.replace("{q}", p.question) : w.passage);
    const add = button(p.question ? w.answer : w.commentHere, { class: "btn pri" });
    add.addEventListener("click", () => this.pick(p.anchor));
    const all = button(w.showAll, { class: "btn" });
    all.addEventListener("click", () => void this.showAll(false));
    this.bar = h("div", { class: "pbar", "data-ids": p.ids.join(",") },
      heading, h("q", { dir: "auto" }, shorten(p.anchor.quote, 200)), add, all);
    const list = root.querySelector(".list")!;
    list.before(this.bar);
    list.classList.add("only");
    this.toggle.setAttribute("aria-pressed", "true");
    // Drawing the passage's comments marks them (see decorateEntry); the others are hidden.
    await view.filter(true, true);
    // The passage's comments, not the form above them, are what the reader asked to see.
    this.bar?.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }

  private closeBar(): void {
    this.bar?.remove();
    this.bar = null;
    this.b.root.querySelector(".list")?.classList.remove("only");
    for (const node of this.b.root.querySelectorAll<HTMLElement>("[data-in]")) delete node.dataset.in;
  }

  // ---- Choosing a passage -----------------------------------------------------------------------

  /** Puts the passage above the comment form, which takes the focus. */
  private pick(anchor: Anchor): void {
    const form = this.b.root.querySelector<HTMLFormElement>("form.form");
    if (!form || form.hidden) return;
    this.unpick();
    const remove = button(this.words.whole, { class: "lnk" });
    const chip = h("div", { class: "chip" }, h("span", null, this.words.commentingOn),
      h("q", { dir: "auto" }, shorten(anchor.quote, 200)), remove);
    remove.addEventListener("click", () => {
      this.unpick();
      form.querySelector("textarea")?.focus();
    });
    form.prepend(chip);
    this.picked = { anchor, chip };
    form.scrollIntoView({ block: "center" });
    const field = form.querySelector<HTMLElement>("input[name=author]");
    ((field as HTMLInputElement | null)?.value ? form.querySelector("textarea") : field)?.focus({ preventScroll: true });
  }

  private unpick(): void {
    this.picked?.chip.remove();
    this.picked = null;
  }

  private onSelection(): void {
    const selection = getSelection();
    const range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
    const form = this.b.root.querySelector<HTMLFormElement>("form.form");
    if (!range || range.collapsed || !this.b.article.contains(range.commonAncestorContainer) || !form || form.hidden) {
      if (!this.control?.matches(":focus-within")) this.hideControl();
      return;
    }
    const map = this.textMap();
    const [start, end] = snap(map.text, map.offsetOf(range.startContainer, range.startOffset),
      map.offsetOf(range.endContainer, range.endOffset));
    if (end <= start) return this.hideControl();
    this.selected = end - start > maxQuote ? null : describe(map.text, start, end);
    this.showControl(range);
  }

  /** "Comment on this", just below the selection, in the article's tab order after its text. */
  private showControl(range: Range): void {
    this.hideControl();
    const host = (this.control = document.createElement("sala-control"));
    const shadow = host.attachShadow({ mode: "open" });
    if (this.controlStyles) shadow.adoptedStyleSheets = [this.controlStyles];
    else shadow.append(h("style", null, controlCss));
    const usable = this.selected !== null;
    const action = button(usable ? this.words.commentOn : this.words.tooLong,
      { class: "control", "aria-disabled": usable ? null : "true" });
    // Pressing the button must not take the selection away before it is read.
    action.addEventListener("pointerdown", (event) => event.preventDefault());
    action.addEventListener("click", () => {
      if (!this.selected) return;
      const anchor = this.selected;
      getSelection()?.removeAllRanges();
      this.hideControl();
      this.pick(anchor);
    });
    shadow.append(action);
    let block: Node | null = range.endContainer;
    while (block && block !== this.b.article && !(block instanceof HTMLElement && /^(P|LI|H[1-6]|BLOCKQUOTE|FIGCAPTION|TD|DD)$/.test(block.tagName))) {
      block = block.parentNode;
    }
    ((block as Element | null) || this.b.article).append(host);
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] || range.getBoundingClientRect();
    // Absolute positions count from the nearest positioned ancestor, or from the document.
    const parent = host.offsetParent as HTMLElement | null;
    const positioned = parent && (parent !== document.body || getComputedStyle(parent).position !== "static");
    const box = positioned ? parent.getBoundingClientRect() : new DOMRect(-scrollX, -scrollY);
    const dx = box.left + (positioned ? parent.clientLeft : 0);
    const dy = box.top + (positioned ? parent.clientTop : 0);
    const width = action.offsetWidth;
    const left = Math.max(4, Math.min(last.right - width / 2, innerWidth - width - 4));
    host.style.left = `${left - dx}px`;
    host.style.top = `${last.bottom + 8 - dy}px`;
  }

  private hideControl(): void {
    this.control?.remove();
    this.control = null;
  }
}
