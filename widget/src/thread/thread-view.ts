// The comment section: count header, sort, the form, the list with paging, and the actions
// on comments (vote, reply, edit, delete). Live comments are queued by NewComments and shown
// when the reader asks for them.
import { type Api, ApiError } from "../api/client";
import type { Comment, CommentPage, NewComment, NotifyKind, Subscription } from "../api/types";
import { button, h } from "../dom/h";
import type { I18n } from "../i18n/i18n";
import { LiveUpdates } from "../live/live-updates";
import type { Identity } from "../reader/identity";
import { type ReaderMemory, type Sort, sorts } from "../storage/reader-memory";
import type { TimeFormat } from "../time/time-format";
import { type CommentContext, exactTitle, paintVotes, renderComment, subtreeEnd } from "./comment-view";
import { type Account, Composer, type ComposerValues, notificationsOff } from "./composer";
import { NewComments } from "./new-comments";

const pageSize = 20;
const allPageSize = 100;
/** The server's default edit window, less a margin for clocks and the trip to the server. */
const editWindowMs = 15 * 60 * 1000 - 15 * 1000;

export interface ThreadSettings {
  api: Api;
  /** The first page and the order it was asked in, from firstPage(). */
  first: FirstPage;
  i18n: I18n;
  time: TimeFormat;
  memory: ReaderMemory;
  reader: Identity;
  /** Signs the reader in ("in", beside `composer`) or out ("out"); loads signin.js on first use. */
  account?(action: Account, composer: Composer): void;
  thread: string;
  site: string;
  pageUrl: string;
  pageTitle: string;
  eventsUrl: string;
}

export interface Entry {
  comment: Comment;
  node: HTMLElement;
}

/** What inline feedback (inline.js) adds to the thread once it has loaded. */
export interface ThreadHook {
  /** Called for each comment drawn. */
  decorate(node: HTMLElement, comment: Comment): void;
  /** Fields for a new top-level comment: its anchor, when the reader picked a passage. */
  extras(): Partial<NewComment> | undefined;
  /** A comment posted from this page or arriving live. */
  added(comment: Comment): void;
}

const sortLabels = { newest: "sortNewest", oldest: "sortOldest", votes: "sortVotes" } as const;

export interface FirstPage {
  sort: Sort;
  page: Promise<CommentPage>;
}

/**
 * Asked for before the section is built, and before another language's messages have arrived,
 * so that the comments are on their way while the rest gets ready.
 */
export function firstPage(api: Api, thread: string, memory: ReaderMemory): FirstPage {
  const sort = memory.sort() || "newest";
  const page = api.comments(thread, sort, pageSize);
  page.catch(() => {}); // handled when load() awaits it; this only silences the early warning
  return { sort, page };
}

export class ThreadView {
  hook?: ThreadHook;
  /** Only comments on a passage ("Inline feedback"). */
  private anchored = false;
  private readonly byId = new Map<number, Entry>();
  /** Comments posted from this page: their live echo is not news to the reader. */
  private readonly own = new Set<number>();
  /** Text typed in reply and edit forms ("reply:12", "edit:12"), kept while the list is redrawn. */
  private readonly drafts = new Map<string, string>();
  private sort: Sort;
  private next: string | null = null;
  private count = 0;
  private closed = false;
  /** The server lets readers sign in by e-mail (the first page says so). */
  private signIn = false;
  /** The site takes comments from readers who did not sign in (the first page says so). */
  private anonymous = true;
  private loaded = false;
  private seq = 0;
  private optimistic = 0;
  /** The first page, asked for by the caller so that its trip overlaps the section's setting up. */
  private prefetched: Promise<CommentPage> | null;

  private readonly heading: HTMLElement;
  private readonly sortButtons: HTMLButtonElement[];
  /** The form for a new comment; signin.js puts its own form and notes beside it. */
  readonly composer: Composer;
  private readonly closedNote: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly status: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly moreBar: HTMLElement;
  private readonly region: HTMLElement;
  private readonly fresh: NewComments;
  private readonly live: LiveUpdates;

  constructor(
    private readonly root: HTMLElement,
    private readonly s: ThreadSettings,
  ) {
    const { i18n, memory } = s;
    this.sort = s.first.sort;
    this.prefetched = s.first.page;
    this.heading = h("h2", { id: "sala-count", tabindex: -1 }, i18n.t("region"));
    this.sortButtons = sorts.map((sort) =>
      button(i18n.t(sortLabels[sort]), { class: "lnk", "data-sort": sort, "aria-pressed": String(sort === this.sort) }));
    const sortGroup = h("div", { class: "sorts", role: "group", "aria-label": i18n.t("sortLabel") },
      h("span", { "aria-hidden": "true" }, i18n.t("sortLabel")), ...this.sortButtons);
    sortGroup.addEventListener("click", (event) => {
      const sort = (event.target as Element).closest<HTMLElement>("[data-sort]")?.dataset.sort;
      if (sort) this.changeSort(sort as Sort);
    });

    this.composer = new Composer({
      i18n,
      label: i18n.t("formNew"),
      submitLabel: i18n.t("post"),
      identity: true,
      name: memory.name(),
      reader: s.reader.name(),
      onAccount: (action) => s.account?.(action, this.composer),
      onSubmit: (values) => this.post(values, null, this.composer),
      onSubscribe: (email, kind) => this.subscribe(email, kind),
    });
    this.closedNote = h("p", { class: "muted", hidden: true }, i18n.t("closed"));
    this.list = h("ol", { class: "list", "aria-labelledby": "sala-count" });
    this.list.addEventListener("click", (event) => this.onAction(event));
    this.list.addEventListener("pointerover", (event) => exactTitle(event.target, s));
    this.status = h("div", { class: "muted" });
    this.empty = h("p", { class: "muted", hidden: true }, i18n.t("empty"));
    const more = button(i18n.t("loadMore"), { class: "btn" });
    const all = button(i18n.t("viewAll"), { class: "btn" });
    more.addEventListener("click", () => void this.load(false));
    all.addEventListener("click", () => void this.load(false, true));
    this.moreBar = h("div", { class: "more", hidden: true }, more, all);
    this.region = h("div", { class: "sr", role: "status", "aria-live": "polite" });
    this.fresh = new NewComments(i18n, (text) => this.announce(text), () => this.showFresh());
    this.live = new LiveUpdates(s.eventsUrl, (comment) => this.onLive(comment));

    root.append(h("section", { class: "thread", "aria-labelledby": "sala-count" },
      h("div", { class: "hd" }, this.heading, sortGroup),
      this.composer.form, this.closedNote, this.fresh.box, this.list, this.status, this.empty, this.moreBar,
      this.region));
  }

  /** Loads the first page, then listens for new comments. Resolves once the list is shown. */
  async start(): Promise<void> {
    this.s.memory.pruneGrants();
    await this.load(true);
    if (this.loaded) this.live.start();
    setInterval(() => this.tick(), 20000);
    addEventListener("pagehide", () => this.live.stop());
    addEventListener("pageshow", (event) => {
      if (event.persisted && this.loaded) this.live.start();
    });
  }

  /** Every comment drawn, for a hook that arrives after the first page. */
  entries(): Iterable<Entry> {
    return this.byId.values();
  }

  /** Shows only comments on passages, or all comments again; `all` loads every page. */
  filter(anchored: boolean, all = false): Promise<void> {
    this.anchored = anchored;
    return this.load(true, all);
  }

  // ---- Loading and paging -------------------------------------------------------------------

  private async load(reset: boolean, all = false): Promise<void> {
    const seq = ++this.seq;
    const { api, i18n, thread } = this.s;
    // Paging from the keyboard: the button goes away, so focus moves to the first new comment.
    const fromButton = !reset && this.moreBar.contains((this.root.getRootNode() as ShadowRoot).activeElement);
    const before = this.list.childElementCount;
    this.list.setAttribute("aria-busy", "true");
    this.moreBar.hidden = true;
    if (reset && !this.loaded) this.status.textContent = i18n.t("loading");
    try {
      do {
        const request = this.prefetched ||
          api.comments(thread, this.sort, all ? allPageSize : pageSize, reset ? null : this.next, this.anchored);
        this.prefetched = null;
        const page = await request;
        if (seq !== this.seq) return;
        this.show(page, reset);
        reset = false;
      } while (all && this.next);
      this.status.replaceChildren();
      if (fromButton) (this.list.children[before]?.firstElementChild as HTMLElement | null)?.focus();
    } catch (error) {
      if (seq !== this.seq) return;
      const retry = button(i18n.t("retry"), { class: "btn" });
      retry.addEventListener("click", () => void this.load(reset, all));
      this.status.replaceChildren(h("p", { role: "alert" }, `${i18n.t("loadFailed")} ${this.errorText(error)}`),
        retry);
    } finally {
      if (seq === this.seq) {
        this.list.removeAttribute("aria-busy");
        this.update();
      }
    }
  }

  private show(page: CommentPage, reset: boolean): void {
    if (reset) {
      this.keepDrafts();
      this.list.replaceChildren();
      this.byId.clear();
      this.fresh.clear();
    }
    if (page.thread) {
      this.count = page.thread.count;
      this.closed = page.thread.closed;
    }
    if (!this.loaded) {
      this.signIn = !!page.sign_in?.includes("email");
      this.anonymous = page.anonymous !== false;
      this.identify();
    }
    this.next = page.next || null;
    this.loaded = true;
    const ctx = this.context();
    const items = document.createDocumentFragment();
    for (const comment of page.comments || []) {
      if (!this.byId.has(comment.id)) items.append(this.item(comment, ctx));
    }
    this.list.append(items);
    if (reset) this.reopenDrafts();
  }

  /** A sort change redraws the list; what the reader was typing under a comment must survive it. */
  private keepDrafts(): void {
    for (const form of this.list.querySelectorAll<HTMLFormElement>(".c form")) {
      const id = form.closest<HTMLElement>(".c")?.dataset.id;
      const text = form.querySelector("textarea")?.value;
      const kind = form.parentElement?.classList.contains("slot") ? "reply" : "edit";
      if (id && text) this.drafts.set(`${kind}:${id}`, text);
    }
  }

  /** Opens again, without taking the focus, the forms of the comments that are on the new page. */
  private reopenDrafts(): void {
    for (const key of [...this.drafts.keys()]) {
      const [kind, id] = key.split(":");
      const entry = this.byId.get(Number(id));
      if (!entry) continue; // kept until the reader opens that form again
      if (kind === "reply") this.openReply(entry, false);
      else this.openEdit(entry, false);
    }
  }

  private changeSort(sort: Sort): void {
    if (sort === this.sort) return;
    this.sort = sort;
    this.s.memory.rememberSort(sort);
    for (const b of this.sortButtons) b.setAttribute("aria-pressed", String(b.dataset.sort === sort));
    void this.load(true);
  }

  private update(): void {
    const { i18n } = this.s;
    if (this.loaded) this.heading.textContent = i18n.n("count", this.count);
    this.composer.form.hidden = this.closed;
    this.closedNote.hidden = !this.closed;
    this.empty.hidden = !this.loaded || this.list.childElementCount > 0;
    this.moreBar.hidden = !this.next;
  }

  // ---- Rendering ---------------------------------------------------------------------------

  private context(): CommentContext {
    const { i18n, time, memory } = this.s;
    return { i18n, time, memory, replies: !this.closed, now: Date.now() };
  }

  /** A top-level comment and its replies, which the API sends flat and in display order. */
  private item(comment: Comment, ctx: CommentContext): HTMLLIElement {
    const li = h("li", { class: "item" }, this.article(comment, 0, ctx));
    for (const reply of comment.replies || []) li.append(this.article(reply, reply.depth || 1, ctx));
    return li;
  }

  private article(comment: Comment, depth: number, ctx: CommentContext, sendingText?: string): HTMLElement {
    const parentName = comment.parent === null ? undefined : this.byId.get(comment.parent)?.comment.author.name;
    const node = renderComment(comment, { depth, parentName, sendingText }, ctx);
    if (sendingText === undefined) {
      this.byId.set(comment.id, { comment, node });
      this.hook?.decorate(node, comment);
    }
    return node;
  }

  /** Draws a comment again (after an edit, a vote error, a cancelled delete), in place. */
  private rerender(entry: Entry, focus: string | null, changes?: Partial<Comment>): HTMLElement {
    const node = this.article({ ...entry.comment, ...changes }, Number(entry.node.dataset.depth), this.context());
    entry.node.replaceWith(node);
    if (focus !== null) (node.querySelector<HTMLElement>(`[data-act="${focus}"]`) || node).focus();
    return node;
  }

  /** Keeps relative times fresh and takes away edit buttons whose window has closed. */
  private tick(): void {
    const now = Date.now();
    for (const time of this.list.querySelectorAll("time")) time.textContent = this.s.time.ago(time.dateTime, now);
    for (const node of this.list.querySelectorAll<HTMLElement>("[data-until]")) {
      if (Number(node.dataset.until) > now) continue;
      delete node.dataset.until;
      node.querySelectorAll(':scope > .acts > [data-act="edit"], :scope > .acts > [data-act="delete"]')
        .forEach((b) => b.remove());
    }
  }

  /** Shows who the reader is now in the comment form, after a sign-in or sign-out, and says it. */
  identify(message?: string): void {
    const { reader } = this.s;
    this.composer.identify(reader.name(), this.account(), this.anonymous);
    if (message) this.announce(message);
  }

  /** The account control the forms offer: a sign-out for a sign-in by e-mail, else a sign-in where there is one. */
  private account(): Account {
    const { reader } = this.s;
    return reader.ours() ? "out" : this.signIn && !reader.token() ? "in" : "";
  }

  private announce(text: string): void {
    // Emptied first so that the same sentence twice in a row is read twice.
    this.region.textContent = "";
    setTimeout(() => {
      this.region.textContent = text;
    }, 60);
  }

  private errorText(error: unknown): string {
    const { i18n } = this.s;
    if (!(error instanceof ApiError) || error.status === 0) return i18n.t("networkError");
    let text = error.message || i18n.t("serverError", { status: error.status });
    if (error.retryAfter) text += ` ${i18n.n("retryIn", error.retryAfter)}`;
    return text;
  }

  // ---- Actions -----------------------------------------------------------------------------

  private onAction(event: Event): void {
    const target = (event.target as Element).closest<HTMLElement>("[data-act]");
    const entry = this.byId.get(Number(target?.closest<HTMLElement>(".c")?.dataset.id));
    if (!target || !entry) return;
    switch (target.dataset.act) {
      case "up":
      case "down":
        return void this.vote(entry, target.dataset.act === "up" ? 1 : -1, target.parentElement!);
      case "reply":
        return this.openReply(entry);
      case "edit":
        return this.openEdit(entry);
      case "delete":
        return this.confirmDelete(entry);
      case "really-delete":
        return void this.remove(entry);
      case "keep":
        this.rerender(entry, "delete");
    }
  }

  private async vote(entry: Entry, value: number, group: HTMLElement): Promise<void> {
    if (group.dataset.busy) return;
    const { api, i18n, memory } = this.s;
    const id = entry.comment.id;
    const send = Number(group.dataset.mine) === value ? 0 : value;
    group.dataset.busy = "1";
    try {
      const result = await api.vote(id, send);
      memory.rememberVote(id, result.my_vote);
      Object.assign(entry.comment, { score: result.score, upvotes: result.upvotes, downvotes: result.downvotes });
      paintVotes(group, result, result.my_vote, i18n);
      this.announce(i18n.t(result.my_vote ? "voted" : "unvoted", { score: result.score }));
    } catch (error) {
      this.announce(this.errorText(error));
    } finally {
      delete group.dataset.busy;
    }
  }

  private openReply(entry: Entry, focus = true): void {
    const { i18n, memory } = this.s;
    const node = entry.node;
    const draft = `reply:${entry.comment.id}`;
    const slot = node.querySelector<HTMLElement>(":scope > .slot")!;
    const open = slot.querySelector("textarea");
    if (open) return open.focus();
    const close = () => {
      slot.replaceChildren();
      node.querySelector<HTMLElement>(':scope > .acts > [data-act="reply"]')?.focus();
    };
    const composer: Composer = new Composer({
      i18n,
      label: i18n.t("formReply", { name: entry.comment.author.name }),
      submitLabel: i18n.t("postReply"),
      identity: true,
      name: memory.name(),
      reader: this.s.reader.name(),
      // Where only signed-in readers comment, a reply form is a way to sign in too.
      anonymous: this.anonymous,
      account: this.anonymous ? "" : this.account(),
      onAccount: (action) => this.s.account?.(action, composer),
      body: this.drafts.get(draft),
      onCancel: close,
      onSubmit: async (values) => {
        await this.post(values, entry.comment, composer);
        close();
      },
    });
    this.drafts.delete(draft);
    slot.append(composer.form);
    if (focus) composer.focus();
  }

  /**
   * Shows the comment at once, marked "sending…", then swaps in the server's version. On an
   * error the placeholder goes and the error reaches the form, which still holds the text.
   */
  private async post(values: ComposerValues, parent: Comment | null, composer: Composer): Promise<void> {
    const { api, i18n, memory, reader } = this.s;
    const parentNode = parent ? this.byId.get(parent.id)?.node : undefined;
    const depth = parentNode ? Number(parentNode.dataset.depth) + 1 : 0;
    // A verified reader posts under the token's name; the server ignores `author` then.
    const token = reader.token();
    if (!token && !this.anonymous) {
      if (this.signIn) this.s.account?.("in", composer);
      throw new Error(i18n.t("signInToComment"));
    }
    const author = (token && reader.name()) || values.author;
    const draft: Comment = {
      id: -++this.optimistic,
      parent: parent ? parent.id : null,
      author: { name: author, avatar: author },
      html: "",
      created: new Date().toISOString(),
      score: 0,
      upvotes: 0,
      downvotes: 0,
    };
    const temp = this.article(draft, depth, this.context(), values.body);
    let holder: HTMLElement = temp;
    if (parentNode) subtreeEnd(parentNode).after(temp);
    else this.list.prepend((holder = h("li", { class: "item" }, temp)));
    this.update();

    const request: NewComment = {
      ...this.where(),
      parent: parent ? parent.id : undefined,
      author,
      email: values.email || undefined,
      body: values.body,
      notify: values.notify,
      ...(parent ? undefined : this.hook?.extras()),
    };
    let posted;
    try {
      posted = await this.retrying(request, () => api.post(request, token, { lang: i18n.lang, note: composer.note }));
    } catch (error) {
      holder.remove();
      this.update();
      // The sign-in is over (expired, revoked, forged): it is dropped, and the reader is told
      // to sign in again rather than being posted anonymously behind their back.
      if (/^reader_token/.test((error as ApiError).code)) {
        reader.forget();
        this.identify();
        throw Object.assign(new Error(i18n.t("signInAgain")), error);
      }
      // A site for signed-in readers only: the way to sign in opens beside the form.
      if ((error as ApiError).code === "signed_in_readers_only" && this.signIn) this.s.account?.("in", composer);
      throw this.failure(error);
    }

    const comment = posted.comment;
    if (!token) memory.rememberName(values.author);
    if (posted.editToken && !posted.pending) {
      memory.rememberGrant(comment.id, { token: posted.editToken, expires: Date.now() + editWindowMs, body: values.body });
    }
    this.own.add(comment.id);
    this.hook?.added(comment);
    const counted = this.fresh.drop(comment.id) || this.byId.has(comment.id);
    if (this.byId.has(comment.id)) holder.remove();
    else temp.replaceWith(this.article(comment, depth, this.context()));
    if (!posted.pending && !counted) this.count++;
    this.update();
    let message = i18n.t(posted.pending ? "awaiting" : "posted");
    // The notification was asked for: say whether a confirmation mail comes.
    if (values.notify) message += ` ${i18n.t(request.notify ? "checkInbox" : "notifyOff")}`;
    composer.clear(posted.pending || values.notify ? message : "");
    this.announce(message);
  }

  /** "Notify of" without posting: a subscription waiting for the reader to confirm by mail. */
  private async subscribe(email: string, kind: NotifyKind): Promise<string> {
    const { api, i18n } = this.s;
    const request: Subscription = { ...this.where(), email, kind };
    try {
      await this.retrying(request, () => api.subscribe(request));
    } catch (error) {
      // The server sends no mail: the control is gone and the reason said; nothing to add.
      if ((error as ApiError).code === "notifications_disabled") return "";
      throw this.failure(error);
    }
    const text = i18n.t("checkInbox");
    this.announce(text);
    return text;
  }

  /** The thread, with the page's address and title for a thread that does not exist yet. */
  private where(): { site: string; thread: string; url?: string; title?: string } {
    const { site, thread, pageUrl, pageTitle } = this.s;
    return { site, thread, url: pageUrl, title: pageTitle || undefined };
  }

  /**
   * Sends again without what the server refused as an optional extra: the page's address, only
   * a hint for a new thread (a page served from an address the site does not list must still be
   * able to post), and the notification when the server sends no mail, which the reader is told.
   */
  private async retrying<T>(request: { url?: string; notify?: NotifyKind }, call: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await call();
      } catch (error) {
        const code = (error as ApiError).code;
        let key: "url" | "notify" | "" = "";
        if (code === "notifications_disabled") {
          const text = this.s.i18n.t("notifyOff");
          notificationsOff(this.root, text);
          this.announce(text);
          key = "notify";
        } else if (/^url_/.test(code)) key = "url";
        if (!key || !request[key]) throw error;
        request[key] = undefined;
      }
    }
  }

  /** The error a form shows: the reason in the reader's language, with the API's code. */
  private failure(error: unknown): Error {
    return Object.assign(new Error(this.errorText(error)), error);
  }

  private openEdit(entry: Entry, focus = true): void {
    const { api, i18n, memory } = this.s;
    const id = entry.comment.id;
    const grant = memory.grant(id);
    const draft = this.drafts.get(`edit:${id}`);
    this.drafts.delete(`edit:${id}`);
    if (!grant) return void this.rerender(entry, null);
    const node = entry.node;
    const body = node.querySelector<HTMLElement>(":scope > .body")!;
    const acts = node.querySelector<HTMLElement>(":scope > .acts")!;
    const close = () => {
      composer.form.remove();
      body.hidden = acts.hidden = false;
      acts.querySelector<HTMLElement>('[data-act="edit"]')?.focus();
    };
    const composer: Composer = new Composer({
      i18n,
      label: i18n.t("formEdit"),
      submitLabel: i18n.t("save"),
      identity: false,
      body: draft ?? grant.body,
      onCancel: close,
      onSubmit: async (values) => {
        let updated: Comment;
        try {
          updated = await api.edit(id, values.body, grant.token);
        } catch (error) {
          throw new Error(this.errorText(error));
        }
        memory.rememberGrant(id, { ...grant, body: values.body });
        this.rerender(this.byId.get(id) || entry, "edit", updated);
        this.announce(i18n.t("updated"));
      },
    });
    body.hidden = acts.hidden = true;
    body.after(composer.form);
    if (focus) composer.focus();
  }

  private confirmDelete(entry: Entry): void {
    const { i18n } = this.s;
    const acts = entry.node.querySelector<HTMLElement>(":scope > .acts")!;
    const keep = button(i18n.t("keep"), { class: "lnk", "data-act": "keep" });
    acts.replaceChildren(h("span", null, i18n.t("confirmDelete")),
      button(i18n.t("delete"), { class: "lnk", "data-act": "really-delete" }), keep);
    keep.focus();
    this.announce(i18n.t("confirmDelete"));
  }

  private async remove(entry: Entry): Promise<void> {
    const { api, i18n, memory } = this.s;
    const id = entry.comment.id;
    const grant = memory.grant(id);
    try {
      if (!grant) throw new ApiError(403, "edit_window_closed", "");
      await api.remove(id, grant.token);
    } catch (error) {
      this.announce(this.errorText(error));
      this.rerender(entry, "delete");
      return;
    }
    memory.forgetGrant(id);
    const node = entry.node;
    if (subtreeEnd(node) !== node) {
      // Its replies stay, under the "deleted" placeholder the server will show too.
      this.rerender(entry, "", { status: "deleted", html: "", author: { name: "", avatar: "" } });
    } else {
      (node.dataset.depth === "0" ? node.parentElement! : node).remove();
      this.byId.delete(id);
      this.heading.focus();
    }
    this.count--;
    this.update();
    this.announce(i18n.t("removed"));
  }

  // ---- Live updates --------------------------------------------------------------------------

  private onLive(comment: Comment): void {
    if (this.byId.has(comment.id) || this.own.has(comment.id) || this.fresh.has(comment.id)) return;
    this.hook?.added(comment);
    this.count++;
    this.update();
    // A reply to a comment on a page not loaded yet will come with that page.
    const parent = comment.parent;
    if (parent !== null && !this.byId.has(parent) && !this.fresh.has(parent)) return;
    this.fresh.add(comment);
  }

  /**
   * Puts the queued comments in place: new top-level ones at the top (newest first) or at the
   * end, replies under their parent. The comment the reader was looking at keeps its place on
   * screen, whatever was inserted above it.
   */
  private showFresh(): void {
    let anchor: HTMLElement | undefined;
    for (const node of this.root.querySelectorAll<HTMLElement>(".hd, .c")) {
      if (node.getBoundingClientRect().bottom > 0) {
        anchor = node;
        break;
      }
    }
    const before = anchor?.getBoundingClientRect().top || 0;
    const ctx = this.context();
    let first: HTMLElement | null = null;
    for (const comment of this.fresh.take()) {
      if (this.byId.has(comment.id)) continue;
      let node: HTMLElement;
      if (comment.parent !== null) {
        const parent = this.byId.get(comment.parent);
        if (!parent) continue;
        node = this.article(comment, Number(parent.node.dataset.depth) + 1, ctx);
        subtreeEnd(parent.node).after(node);
      } else {
        const li = this.item({ ...comment, replies: [] }, ctx);
        node = li.firstElementChild as HTMLElement;
        if (this.sort === "newest" || this.next) this.list.prepend(li);
        else this.list.append(li);
      }
      node.classList.add("fresh");
      first = first || node;
    }
    this.update();
    // "instant": a page with smooth scrolling would otherwise animate the correction.
    if (anchor) scrollBy({ top: anchor.getBoundingClientRect().top - before, behavior: "instant" as ScrollBehavior });
    first?.focus({ preventScroll: true });
  }
}
