// Picks the language and fills in messages. English is built in; every other language is a
// script of its own (src/km.ts gives km.js), fetched only by the pages that read it, so a new
// language adds nothing to embed.js. To add one, see README.md.
import { en, type Messages, type PluralKey, type TextKey } from "./en";

/** The languages that have messages; each but English is served as /LANG.js. */
const languages = ["en", "km"];

type Vars = Record<string, string | number>;

/** The first supported language among the candidates ("km-KH" counts as "km"), else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): string {
  for (const tag of candidates) {
    const base = (tag || "").trim().toLowerCase().split(/[-_]/)[0];
    if (base && languages.includes(base)) return base;
  }
  return "en";
}

export class I18n {
  readonly lang: string;
  readonly dir: string;
  private readonly messages: Messages;
  private readonly plurals: Intl.PluralRules;
  private readonly numbers: Intl.NumberFormat;

  constructor(messages: Messages = en) {
    this.messages = messages;
    this.lang = this.messages.lang;
    this.dir = this.messages.dir;
    this.plurals = new Intl.PluralRules(this.lang);
    this.numbers = new Intl.NumberFormat(this.lang);
  }

  t(key: TextKey, vars?: Vars): string {
    return fill(this.messages[key], vars);
  }

  /** A message that depends on a count, e.g. "3 new comments". */
  n(key: PluralKey, count: number, vars?: Vars): string {
    const forms = this.messages[key];
    const form = forms[this.plurals.select(count)] ?? forms.other;
    return fill(form, { ...vars, n: this.numbers.format(count) });
  }
}

/** Templates split once into [text, name, text, name, text…]: cheaper than a regex per call. */
const compiled = new Map<string, string[]>();

function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  let parts = compiled.get(text);
  if (!parts) compiled.set(text, (parts = text.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in vars ? String(vars[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}
