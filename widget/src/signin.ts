// Reader sign-in by e-mail (docs/api.md "Reader sign-in"), loaded by embed.js the first time a
// reader asks to sign in or out, and on a page opened from a sign-in mail. It asks for a link,
// spends the link's code from the page's address, and keeps the reader token it receives where
// embed.js reads it (ReaderMemory). The link works only together with a secret this browser
// made when asking, so a mail opened elsewhere, or read by someone else, signs nobody in.
import type { Api, ApiError } from "./api/client";
import type { Account, Composer } from "./thread/composer";
import type { ThreadView } from "./thread/thread-view";
import type { I18n } from "./i18n/i18n";
import type { Identity } from "./reader/identity";
import type { ReaderMemory } from "./storage/reader-memory";
import { button, h } from "./dom/h";
import { LocalStore } from "./storage/local-store";
import { signinText } from "./signin/strings";

export interface SigninContext {
  api: Api;
  site: string;
  pageUrl: string;
  i18n: I18n;
  memory: ReaderMemory;
  reader: Identity;
  view: ThreadView;
}

export type SigninUi = Record<Account | "complete", (composer: Composer) => void>;

/** What this browser keeps while a link is on its way: the secret the link needs. */
interface Pending {
  binding: string;
  expires: number;
}

const codePattern = /(?:^#|&)sala-signin=([\w-]{1,128})/;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

function setup({ api, site, pageUrl, i18n, memory, reader, view }: SigninContext): SigninUi {
  const t = signinText(i18n.lang);
  const store = new LocalStore(`sala:${site}:`);
  let panel: HTMLFormElement | null = null;
  let notice: HTMLElement | null = null;

  /**
   * A sentence above the comment form. News is also read out by the thread's live region; a
   * failure is an alert of its own.
   */
  const say = (text: string, alert = false): void => {
    notice?.remove();
    notice = h("p", { class: alert ? "err" : "note", role: alert ? "alert" : null }, text);
    view.composer.form.before(notice);
    if (!alert) view.identify(text);
  };

  /** The reason to show for a failed call: ours where we have one, else the server's. */
  const reason = (failure: unknown, own: Record<string, string>): string => {
    const { status, code, message } = failure as ApiError;
    return own[code] || (status && message) || i18n.t("networkError");
  };

  const signedIn = (): void => {
    panel?.remove();
    panel = null;
    say(t.signedIn.replace("{name}", reader.name()));
  };

  // The link may be opened in another tab of this browser: this one follows.
  addEventListener("storage", (event) => {
    if (event.key === `sala:${site}:reader` && event.newValue && panel) signedIn();
  });

  const open = (composer: Composer): void => {
    if (panel?.isConnected) return void panel.querySelector("input")?.focus();
    notice?.remove();
    const typed = (field: string) => (composer.form.elements.namedItem(field) as HTMLInputElement | null)?.value.trim();
    const name = h("input", { id: "sala-sn", name: "name", autocomplete: "nickname", maxlength: 64, required: true, dir: "auto" });
    const email = h("input", { id: "sala-se", name: "email", type: "email", autocomplete: "email", maxlength: 254, required: true });
    name.value = typed("author") || memory.name();
    email.value = typed("email") || "";
    const error = h("p", { class: "err", role: "alert" });
    const note = h("p", { class: "note", role: "status" });
    const send = h("button", { type: "submit", class: "btn pri" }, t.send);
    const cancel = button(i18n.t("cancel"), { class: "btn" });
    const form = (panel = h("form", { class: "form", "aria-label": i18n.t("signIn"), novalidate: true },
      h("p", { class: "hint" }, t.why),
      h("div", { class: "ids" },
        h("p", { class: "fld" }, h("label", { for: "sala-sn" }, i18n.t("name")), name),
        h("p", { class: "fld" }, h("label", { for: "sala-se" }, t.email), email)),
      h("div", { class: "bar" }, send, cancel), error, note));
    const close = (): void => {
      form.remove();
      panel = null;
      composer.form.querySelector<HTMLElement>("[data-acct]")?.focus();
    };
    cancel.onclick = close;
    form.onkeydown = (event) => {
      if (event.key === "Escape") close();
    };
    form.onsubmit = async (event) => {
      event.preventDefault();
      error.textContent = note.textContent = "";
      const missing = !name.value.trim() ? [name, "needName"] as const : !email.value.trim() ? [email, "needEmail"] as const : null;
      for (const field of [name, email]) field.removeAttribute("aria-invalid");
      if (missing) {
        missing[0].setAttribute("aria-invalid", "true");
        error.textContent = i18n.t(missing[1]);
        return missing[0].focus();
      }
      // One secret per browser while links are on their way, so a second mail does not void the first.
      let pending = store.get<Pending>("signin");
      if (!pending || pending.expires < Date.now()) pending = { binding: randomSecret(), expires: 0 };
      pending.expires = Date.now() + 10 * 60 * 1000;
      store.set("signin", pending);
      send.setAttribute("aria-disabled", "true");
      try {
        await api.call("POST", "/readers/signin", { site, email: email.value.trim(), name: name.value.trim(), page_url: pageUrl, binding: pending.binding });
        note.textContent = t.sent;
      } catch (failure) {
        const code = (failure as ApiError).code;
        const field = /^email/.test(code) ? email : /^name/.test(code) ? name : null;
        field?.setAttribute("aria-invalid", "true");
        error.textContent = reason(failure, { name_reserved: t.nameTaken });
      } finally {
        send.removeAttribute("aria-disabled");
      }
    };
    composer.form.before(form);
    (name.value ? email : name).focus();
  };

  const complete = async (): Promise<void> => {
    const code = codePattern.exec(location.hash)?.[1];
    if (!code) return;
    // Out of the address at once, so the code stays in no history entry, bookmark or shared link.
    history.replaceState(history.state, "", location.href.replace(/#.*/, ""));
    const pending = store.get<Pending>("signin");
    view.composer.form.scrollIntoView({ block: "center" });
    if (!pending) return say(t.otherBrowser, true);
    try {
      const { token } = await api.call<{ token: string }>("POST", "/readers/signin/complete", { site, code, binding: pending.binding });
      memory.rememberToken(token);
      store.remove("signin");
      signedIn();
    } catch (failure) {
      say(reason(failure, { signin_other_browser: t.otherBrowser, signin_link_invalid: t.linkInvalid }), true);
    }
  };

  const out = (): void => {
    const token = memory.token();
    // Signed out here at once; the server is told so that the token is refused everywhere.
    memory.rememberToken("");
    say(t.signedOut);
    view.composer.form.querySelector<HTMLElement>("[data-acct], input")?.focus();
    if (token) api.call("POST", "/readers/signout", { site }, { "Sala-Reader": token }).catch(() => {});
  };

  return { in: open, out, "": () => {}, complete: () => void complete() };
}

document.dispatchEvent(new CustomEvent("sala:signin", { detail: setup }));
