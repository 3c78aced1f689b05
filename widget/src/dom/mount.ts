// Gives each widget block its own open Shadow DOM root: the page's CSS cannot reach in and
// ours cannot leak out; only the documented --sala-* custom properties cross the boundary.
import css from "../styles/widget.css";
import type { I18n } from "../i18n/i18n";
import type { ThemeChoice } from "../config";
import { h } from "./h";

let shared: CSSStyleSheet | null | undefined;

/**
 * A constructed stylesheet is shared by every block and is not blocked by a page CSP without
 * 'unsafe-inline' styles; a <style> element is the fallback for browsers without them.
 */
function sheet(): CSSStyleSheet | null {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    } catch {
      shared = null;
    }
  }
  return shared;
}

export function mount(host: HTMLElement, i18n: I18n, theme: ThemeChoice): HTMLElement | null {
  if (host.shadowRoot) return null; // already mounted (the script was included twice)
  const shadow = host.attachShadow({ mode: "open" });
  const styles = sheet();
  if (styles && "adoptedStyleSheets" in shadow) shadow.adoptedStyleSheets = [styles];
  else shadow.append(h("style", null, css));
  const root = h("div", { class: "sala", lang: i18n.lang, dir: i18n.dir });
  shadow.append(root);
  applyTheme(root, host, theme);
  return root;
}

/**
 * The colour scheme a host page declares with the CSS color-scheme property, if exactly one.
 * Read from the host's parent: our own stylesheet resets the host element itself.
 */
function hostScheme(host: HTMLElement): string | null {
  const words = getComputedStyle(host.parentElement || document.documentElement).colorScheme.split(/\s+/);
  const light = words.includes("light");
  const dark = words.includes("dark");
  return light === dark ? null : dark ? "dark" : "light";
}

function applyTheme(root: HTMLElement, host: HTMLElement, theme: ThemeChoice): void {
  if (theme !== "auto") {
    root.dataset.scheme = theme;
    return;
  }
  const fixed = hostScheme(host);
  const media = matchMedia("(prefers-color-scheme: dark)");
  const update = () => {
    root.dataset.scheme = fixed || (media.matches ? "dark" : "light");
  };
  update();
  if (!fixed) media.addEventListener?.("change", update);
}
