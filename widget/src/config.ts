// Reads the embedding script's data-sala-* attributes and the page around it.

export type ThemeChoice = "light" | "dark" | "auto";

export interface Config {
  /** The script's own origin + /api/v1: the only server the widget ever talks to (inline.js aside). */
  apiBase: string;
  site: string;
  thread: string;
  langHint: string;
  theme: ThemeChoice;
  /** The article's address and title, sent with a thread's first comment and used for sharing. */
  pageUrl: string;
  pageTitle: string;
  /** The article readers may comment on passage by passage ("" turns inline feedback off). */
  article: string;
}

function canonical(): URL | null {
  const link = document.querySelector<HTMLLinkElement>('link[rel="canonical"][href]');
  if (!link) return null;
  try {
    return new URL(link.href, location.href);
  } catch {
    return null;
  }
}

export function readConfig(script: HTMLScriptElement): Config | null {
  const data = script.dataset;
  const site = (data.salaSite || "").trim();
  if (!site || !script.src) return null;
  const page = canonical();
  const here = new URL(location.href);
  here.hash = "";
  const theme = data.salaTheme;
  return {
    apiBase: `${new URL(script.src, location.href).origin}/api/v1`,
    site,
    thread: data.salaThread || (page ? page.pathname : location.pathname),
    langHint: data.salaLang || document.documentElement.lang,
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    pageUrl: page && /^https?:$/.test(page.protocol) ? page.href : here.href,
    pageTitle: document.title.trim().slice(0, 300),
    article: data.salaArticle ?? "article",
  };
}
