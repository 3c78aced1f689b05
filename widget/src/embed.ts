// The entry point: reads the embedding <script>'s configuration and mounts the thread
// (#sala-thread) in its own Shadow DOM root. Inline feedback on the article (inline.js) and the
// "Most discussed" and share blocks (blocks.js) load after it, only on pages that have them; so do
// the messages of any language but English (km.js).
import { Api } from "./api/client";
import { readConfig } from "./config";
import { h } from "./dom/h";
import { mount } from "./dom/mount";
import type { Messages } from "./i18n/en";
import { I18n, pickLanguage } from "./i18n/i18n";
import { Identity } from "./reader/identity";
import { ReaderMemory } from "./storage/reader-memory";
import type { SigninContext, SigninUi } from "./signin";
import { firstPage, ThreadView } from "./thread/thread-view";
import { TimeFormat } from "./time/time-format";

// Only set while this script runs for the first time, so it is read right away.
const script =
  (document.currentScript as HTMLScriptElement | null) ||
  document.querySelector<HTMLScriptElement>("script[data-sala-site]");

/** After this long without its messages, a page shows the thread in English rather than nothing. */
const messagesWait = 4000;

/**
 * Loads a part of the widget from this script's server (inline.js, blocks.js, km.js) and
 * resolves with what it hands over in its "sala:NAME" event, or with undefined when the script
 * cannot be fetched. It shares no global variable.
 */
function load<T>(name: string): Promise<T | undefined> {
  return new Promise((resolve) => {
    document.addEventListener(`sala:${name}`, (event) => resolve((event as CustomEvent).detail), { once: true });
    const part = h("script", { src: new URL(`/${name}.js`, script!.src).href, async: true });
    part.onerror = () => resolve(undefined);
    document.head.append(part);
  });
}

/** Loads a part that starts itself with `detail`: what it needs from the thread. */
function extend(name: string, detail: object): void {
  void load<(detail: object) => void>(name).then((start) => start?.(detail));
}

function start(): void {
  const config = script && readConfig(script);
  if (!config) return;
  const lang = pickLanguage(config.langHint);
  // Another language's messages are asked for first, so that their trip overlaps the first page's.
  const messages = lang === "en" ? null : Promise.race([
    load<Messages>(lang),
    new Promise<undefined>((resolve) => setTimeout(resolve, messagesWait)),
  ]);
  const api = new Api(config.apiBase, config.site);
  const memory = new ReaderMemory(config.site);
  const host = document.getElementById("sala-thread");
  // Not when the script was included twice and the thread is already there (mount refuses).
  const first = host && !host.shadowRoot && firstPage(api, config.thread, memory);

  const show = (i18n: I18n): void => {
    const root = host && first && mount(host, i18n, config.theme);
    if (host && first && root) {
      const reader = new Identity(script!, memory);
      // Sign-in by e-mail is a script of its own, fetched when a reader first asks, or opens a mailed link.
      let signin: Promise<SigninUi | undefined> | undefined;
      const account = (action: keyof SigninUi, composer = view.composer): void => {
        signin ||= load<(context: SigninContext) => SigninUi>("signin").then((setup) =>
          setup?.({ api, site: config.site, pageUrl: config.pageUrl, i18n, memory, reader, view }));
        void signin.then((ui) => ui?.[action](composer));
      };
      const view: ThreadView = new ThreadView(root, {
        api,
        first,
        i18n,
        time: new TimeFormat(i18n),
        memory,
        reader,
        account,
        thread: config.thread,
        site: config.site,
        pageUrl: config.pageUrl,
        pageTitle: config.pageTitle,
        eventsUrl: api.eventsUrl(config.thread),
      });
      // Lets a page (and the benchmark) know when the first page of comments is on screen.
      void view.start().then(() => host.dispatchEvent(new CustomEvent("sala:rendered")));
      if (/[#&]sala-signin=/.test(location.hash)) account("complete");
      // Inline feedback is a second script, fetched only where there is an article to annotate,
      // so pages without one (and the first render) pay nothing for it.
      const article = config.article && document.querySelector(config.article);
      if (article) extend("inline", { view, root, config, lang: i18n.lang, article });
    }

    // "Most discussed" and share links are a third script, fetched only where a page has them.
    if (document.querySelector("[data-sala-popular], [data-sala-share]")) {
      extend("blocks", { api, i18n, config, mount });
    }
  };

  if (messages) void messages.then((found) => show(new I18n(found)));
  else show(new I18n());
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
