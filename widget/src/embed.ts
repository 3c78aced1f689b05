// The entry point: reads the embedding <script>'s configuration and mounts the blocks it
// finds on the page: the thread (#sala-thread), "Most discussed" ([data-sala-popular]) and
// share links ([data-sala-share]), each in its own Shadow DOM root.
import { Api } from "./api/client";
import { readConfig } from "./config";
import { mount } from "./dom/mount";
import { I18n, pickLanguage } from "./i18n/i18n";
import { popularView } from "./popular/popular-view";
import { shareView } from "./share/share-view";
import { ReaderMemory } from "./storage/reader-memory";
import { ThreadView } from "./thread/thread-view";
import { TimeFormat } from "./time/time-format";

// Only set while this script runs for the first time, so it is read right away.
const script =
  (document.currentScript as HTMLScriptElement | null) ||
  document.querySelector<HTMLScriptElement>("script[data-sala-site]");

function bounded(value: string | undefined, fallback: number, max: number): number {
  const n = Math.trunc(Number(value));
  return n >= 1 && n <= max ? n : fallback;
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
      thread: config.thread,
      site: config.site,
      pageUrl: config.pageUrl,
      pageTitle: config.pageTitle,
      eventsUrl: api.eventsUrl(config.thread),
    });
    // Lets a page (and the benchmark) know when the first page of comments is on screen.
    void view.start().then(() => host.dispatchEvent(new CustomEvent("sala:rendered")));
  }

  for (const block of document.querySelectorAll<HTMLElement>("[data-sala-popular]")) {
    const inner = mount(block, i18n, config.theme);
    if (inner) {
      void popularView(inner, api, i18n, bounded(block.dataset.salaDays, 7, 365), bounded(block.dataset.salaLimit, 5, 50));
    }
  }
  for (const block of document.querySelectorAll<HTMLElement>("[data-sala-share]")) {
    mount(block, i18n, config.theme)?.append(shareView(i18n, config.pageUrl, config.pageTitle));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
