// Gives each widget block its own open Shadow DOM root: the page's CSS cannot reach in and
// ours cannot leak out; only the documented --sala-* custom properties cross the boundary.
import css from "../styles/widget.css";
import type { I18n } from "../i18n/i18n";
import type { ThemeChoice } from "../config";
import { h } from "./h";

/**
 * A constructed stylesheet is not blocked by a page CSP without 'unsafe-inline' styles, and one
 * can be shared by every block; a <style> element is the fallback for browsers without them.
 */
function constructed(text: string): CSSStyleSheet | null {
  try {
    const styles = new CSSStyleSheet();
    styles.replaceSync(text);
    return styles;
  } catch {
    return null;
  }
}

let shared: CSSStyleSheet | null | undefined;

/** Adds a stylesheet to a shadow root or the document, after those it has. */
export function addStyles(target: ShadowRoot | Document, text: string, styles = constructed(text)): void {
  if (styles && "adoptedStyleSheets" in target) target.adoptedStyleSheets = [...target.adoptedStyleSheets, styles];
  else (target instanceof Document ? target.head : target).append(h("style", null, text));
}

/** A block's root inside its own shadow; `extra` styles go on top of the widget's. */
export function mount(host: HTMLElement, i18n: I18n, theme: ThemeChoice, extra?: string): HTMLElement | null {
  if (host.shadowRoot) return null; // already mounted (the script was included twice)
  const shadow = host.attachShadow({ mode: "open" });
  addStyles(shadow, css, shared === undefined ? (shared = constructed(css)) : shared);
  if (extra) addStyles(shadow, extra);
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
