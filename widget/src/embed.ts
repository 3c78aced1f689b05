// The entry point: reads the embedding <script>'s configuration and mounts the thread
// (#sala-thread) in its own Shadow DOM root. Inline feedback on the article (inline.js) and the
// "Most discussed" and share blocks (blocks.js) load after it, only on pages that have them.
import { Api } from "./api/client";
import { readConfig } from "./config";
import { h } from "./dom/h";
import { mount } from "./dom/mount";
import { I18n, pickLanguage } from "./i18n/i18n";
import { Identity } from "./reader/identity";
import { ReaderMemory } from "./storage/reader-memory";
import { ThreadView } from "./thread/thread-view";
import { TimeFormat } from "./time/time-format";

// Only set while this script runs for the first time, so it is read right away.
const script =
  (document.currentScript as HTMLScriptElement | null) ||
  document.querySelector<HTMLScriptElement>("script[data-sala-site]");

/**
 * Loads a part of the widget from this script's server (inline.js, blocks.js) and hands it what
 * it needs when it announces itself with a "sala:NAME" event. It shares no global variable.
 */
function extend(name: string, detail: object): void {
  document.addEventListener(`sala:${name}`, (event) => (event as CustomEvent).detail(detail), { once: true });
  document.head.append(h("script", { src: new URL(`/${name}.js`, script!.src).href, async: true }));
}

function start(): void {
  const config = script && readConfig(script);
  if (!config) return;
  const i18n = new I18n(pickLanguage(config.langHint));
  const api = new Api(config.apiBase, config.site);

  const host = document.getElementById("sala-thread");
  const root = host && mount(host, i18n, config.theme);
  if (host && root) {
    const view = new ThreadView(root, {
      api,
      i18n,
      time: new TimeFormat(i18n),
      memory: new ReaderMemory(config.site),
      reader: new Identity(script!),
      thread: config.thread,
      site: config.site,
      pageUrl: config.pageUrl,
      pageTitle: config.pageTitle,
      eventsUrl: api.eventsUrl(config.thread),
    });
    // Lets a page (and the benchmark) know when the first page of comments is on screen.
    void view.start().then(() => host.dispatchEvent(new CustomEvent("sala:rendered")));
    // Inline feedback is a second script, fetched only where there is an article to annotate,
    // so pages without one (and the first render) pay nothing for it.
    const article = config.article && document.querySelector(config.article);
    if (article) extend("inline", { view, root, config, lang: i18n.lang, article });
  }

  // "Most discussed" and share links are a third script, fetched only where a page has them.
  if (document.querySelector("[data-sala-popular], [data-sala-share]")) {
    extend("blocks", { api, i18n, config, mount });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
