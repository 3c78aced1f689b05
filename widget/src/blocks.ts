// The optional blocks, loaded by embed.js only on pages that have them: "Most discussed"
// ([data-sala-popular]) and share links ([data-sala-share]), each in its own Shadow DOM root.
import type { Api } from "./api/client";
import type { Config } from "./config";
import type { mount as Mount } from "./dom/mount";
import type { I18n } from "./i18n/i18n";
import { blockWords } from "./blocks/strings";
import { popularView } from "./popular/popular-view";
import { shareView } from "./share/share-view";
import css from "./styles/blocks.css";

export interface BlocksBridge {
  api: Api;
  i18n: I18n;
  config: Config;
  mount: typeof Mount;
}

function bounded(value: string | undefined, fallback: number, max: number): number {
  const n = Math.trunc(Number(value));
  return n >= 1 && n <= max ? n : fallback;
}

function start({ api, i18n, config, mount }: BlocksBridge): void {
  const words = blockWords[i18n.lang] || blockWords.en!;
  for (const block of document.querySelectorAll<HTMLElement>("[data-sala-popular]")) {
    const inner = mount(block, i18n, config.theme, css);
    if (inner) {
      void popularView(inner, api, i18n, words, bounded(block.dataset.salaDays, 7, 365), bounded(block.dataset.salaLimit, 5, 50));
    }
  }
  for (const block of document.querySelectorAll<HTMLElement>("[data-sala-share]")) {
    mount(block, i18n, config.theme, css)?.append(shareView(words, config.pageUrl, config.pageTitle));
  }
}

document.dispatchEvent(new CustomEvent("sala:blocks", { detail: start }));
