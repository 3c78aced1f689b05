// The comment form, used for new comments, replies and edits. Whatever the reader typed stays
// in the form until the server has accepted it: errors are shown beside it, never instead of it.
import type { NotifyKind } from "../api/types";
import { button, h } from "../dom/h";
import type { I18n } from "../i18n/i18n";
import { withName } from "./comment-view";
import { renderPreview } from "./preview";

export interface ComposerValues {
  author: string;
  email: string;
  body: string;
  /** The "Notify of" choice; only with an email. */
  notify?: NotifyKind;
}

export interface ComposerOptions {
  i18n: I18n;
  label: string;
  submitLabel: string;
  /** Name and email fields: for new comments and replies, not for edits. */
  identity: boolean;
  name?: string;
  /** A verified reader's name: shown as "Commenting as NAME" in place of the name field. */
  reader?: string;
  /** The account control beside the name: "in" offers a sign-in, "out" a sign-out. */
  account?: Account;
  /** false: the site takes signed-in readers' comments only, so there is no name to fill in. */
  anonymous?: boolean;
  onAccount?(action: Account): void;
  body?: string;
  /**
   * Rejects with an Error whose message is shown to the reader; a `code` of "email_invalid"
   * marks the email field.
   */
  onSubmit(values: ComposerValues): Promise<void>;
  /** "Subscribe" without posting; resolves to the sentence to show. Same errors as onSubmit. */
  onSubscribe?(email: string, kind: NotifyKind): Promise<string>;
  onCancel?(): void;
}

export type Account = "in" | "out" | "";

let serial = 0;
/** Set once the server said it sends no mail: from then on no form offers notifications. */
let mailOff = false;

/** Puts a sentence in place of every "Notify of" control; the focus follows if it was in one. */
export function notificationsOff(root: HTMLElement, text: string): void {
  mailOff = true;
  const active = (root.getRootNode() as ShadowRoot).activeElement;
  for (const set of root.querySelectorAll(".ntf")) {
    const note = h("p", { class: "hint", tabindex: -1 }, text);
    set.replaceWith(note);
    if (set.contains(active)) note.focus();
  }
}

export class Composer {
  readonly form: HTMLFormElement;
  private author: HTMLInputElement | null = null;
  /** The name field, or "Commenting as NAME", with the account control. */
  private who: HTMLElement | null = null;
  private readonly id = `sala-f${++serial}`;
  private readonly email: HTMLInputElement | null = null;
  private readonly thread: HTMLInputElement | null = null;
  private readonly replies: HTMLInputElement | null = null;
  private readonly subscribe: HTMLButtonElement | null = null;
  private readonly body: HTMLTextAreaElement;
  private readonly preview: HTMLElement;
  private readonly previewButton: HTMLButtonElement;
  private readonly submit: HTMLButtonElement;
  private readonly error: HTMLElement;
  /** The status line under the form, also where a proof of work says it is running. */
  readonly note: HTMLElement;
  private sending = false;

  constructor(private readonly options: ComposerOptions) {
    const { i18n } = options;
    const id = this.id;
    this.form = h("form", { class: "form", "aria-label": options.label, novalidate: true });

    if (options.identity) {
      this.email = h("input", { id: `${id}m`, name: "email", type: "email", autocomplete: "email",
        maxlength: 254, "aria-describedby": `${id}h` });
      this.form.append(h("div", { class: "ids" }, this.whoRow(),
        h("p", { class: "fld" }, h("label", { for: `${id}m` }, i18n.t("email")), this.email,
          h("small", { class: "hint", id: `${id}h` }, i18n.t("emailHint")))));
      if (!mailOff) {
        // Two boxes, none ticked: nothing is subscribed unless the reader asks.
        this.thread = h("input", { type: "checkbox" });
        this.replies = h("input", { type: "checkbox" });
        const set = h("fieldset", { class: "ids ntf" }, h("legend", null, i18n.t("notifyOf")),
          h("label", null, this.thread, i18n.t("notifyThread")),
          h("label", null, this.replies, i18n.t("notifyReplies")));
        if (options.onSubscribe) set.append(this.subscribe = button(i18n.t("subscribe"), { class: "btn" }));
        this.form.append(set);
      }
    }

    this.body = h("textarea", { id: `${id}b`, name: "body", rows: 4, required: true, dir: "auto",
      "aria-describedby": `${id}t ${id}e` });
    this.body.value = options.body || "";
    this.preview = h("div", { class: "pv body", dir: "auto", hidden: true, tabindex: -1, "aria-label": i18n.t("preview") });
    this.previewButton = button(i18n.t("preview"), { class: "btn", "aria-pressed": "false" });
    this.submit = h("button", { type: "submit", class: "btn pri" }, options.submitLabel);
    this.error = h("p", { class: "err", id: `${id}e`, role: "alert" });
    this.note = h("p", { class: "note", role: "status" });
    const bar = h("div", { class: "bar" }, this.submit, this.previewButton);
    if (options.onCancel) bar.append(button(i18n.t("cancel"), { class: "btn", "data-cancel": "" }));

    this.form.append(
      h("p", { class: "fld" }, h("label", { for: `${id}b` }, i18n.t("body")), this.body, this.preview,
        h("small", { class: "hint fmt", id: `${id}t` }, i18n.t("formatHint"))),
      bar, this.error, this.note);

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
    this.form.addEventListener("click", (event) => {
      const target = event.target as Element;
      if (target === this.previewButton) this.togglePreview();
      else if (target === this.subscribe) void this.send(true);
      else if (target.closest("[data-cancel]")) options.onCancel?.();
      else if (target.closest("[data-acct]")) options.onAccount?.(options.account!);
    });
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && options.onCancel) {
        event.preventDefault();
        options.onCancel();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.form.requestSubmit?.();
      }
    });
    this.form.addEventListener("input", () => {
      this.note.textContent = "";
    });
  }

  /** Shows who the reader now is (after a sign-in or sign-out), keeping what they typed. */
  identify(reader: string, account: Account, anonymous?: boolean): void {
    const typed = this.author?.value;
    Object.assign(this.options, { reader, account, anonymous, name: typed ?? this.options.name });
    this.who?.replaceWith(this.whoRow());
  }

  /** A verified reader's name comes from their token: no name field to fill in. */
  private whoRow(): HTMLElement {
    const { i18n, reader, account, anonymous } = this.options;
    const id = this.id;
    this.author = null;
    if (reader) {
      this.who = h("p", { class: "fld as" }, ...withName(i18n.t("commentingAs"), reader));
    } else if (anonymous === false) {
      this.who = h("p", { class: "fld as" }, i18n.t("signInToComment"));
    } else {
      this.author = h("input", { id: `${id}n`, name: "author", autocomplete: "nickname", maxlength: 64,
        required: true, dir: "auto", "aria-describedby": `${id}e` });
      this.author.value = this.options.name || "";
      this.who = h("p", { class: "fld" }, h("label", { for: `${id}n` }, i18n.t("name")), this.author);
    }
    if (account) this.who.append(button(i18n.t(account === "in" ? "signIn" : "signOut"), { class: "lnk", "data-acct": "" }));
    return this.who;
  }

  focus(): void {
    (this.author && !this.author.value ? this.author : this.body).focus();
  }

  /** After a successful post: the text is on the server now, so the form can let it go. */
  clear(note = ""): void {
    this.body.value = "";
    if (this.email) this.email.value = "";
    if (this.thread) this.thread.checked = this.replies!.checked = false;
    this.showPreview(false);
    this.note.textContent = note;
  }

  private togglePreview(): void {
    this.showPreview(this.preview.hidden);
  }

  private showPreview(on: boolean): void {
    const { i18n } = this.options;
    this.previewButton.setAttribute("aria-pressed", String(on));
    this.preview.hidden = !on;
    this.body.hidden = on;
    if (on) {
      const text = this.body.value;
      this.preview.replaceChildren(text.trim() ? renderPreview(text) : h("p", { class: "muted" }, i18n.t("previewEmpty")));
    }
  }

  /**
   * Posts the comment, or with `only`, subscribes the email without posting (the "Subscribe"
   * button of the "Notify of" control).
   */
  private async send(only?: boolean): Promise<void> {
    const { i18n, onSubmit, onSubscribe } = this.options;
    const author = this.author ? this.author.value.trim() : "";
    const email = this.email ? this.email.value.trim() : "";
    const body = this.body.value;
    // The ticked box, if any, while the server may send mail. Both is "thread": it has the replies.
    const notify = mailOff || !this.thread ? undefined
      : this.thread.checked ? "thread" : this.replies!.checked ? "replies" : undefined;
    if (this.sending) return;
    this.error.textContent = "";
    this.note.textContent = "";
    for (const field of [this.author, this.email, this.body]) field?.removeAttribute("aria-invalid");
    if (!only && this.author && !author) return this.invalid(this.author, i18n.t("needName"));
    if ((only || notify) && !email) return this.invalid(this.email!, i18n.t("needEmail"));
    if (!only && !body.trim()) {
      this.showPreview(false);
      return this.invalid(this.body, i18n.t("needBody"));
    }
    this.busy(true);
    try {
      if (only) this.note.textContent = await onSubscribe!(email, notify || "thread");
      else await onSubmit({ author, email, body, notify });
    } catch (error) {
      this.error.textContent = (error as Error).message;
      if ((error as { code?: string }).code === "email_invalid") this.email!.setAttribute("aria-invalid", "true");
    } finally {
      this.busy(false);
    }
  }

  private invalid(field: HTMLElement, message: string): void {
    field.setAttribute("aria-invalid", "true");
    this.error.textContent = message;
    field.focus();
  }

  /**
   * While sending, the text is read-only, so a later "clear" cannot drop newer typing. The
   * button is marked, not disabled: disabling it would throw the keyboard focus out of the form.
   */
  private busy(on: boolean): void {
    this.sending = on;
    this.submit.setAttribute("aria-disabled", String(on));
    this.body.readOnly = on;
    if (this.author) this.author.readOnly = on;
    if (this.email) this.email.readOnly = on;
    this.form.setAttribute("aria-busy", String(on));
  }
}
