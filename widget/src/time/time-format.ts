// Relative times ("5 minutes ago") for the eye and exact times for titles and <time datetime>.
// Intl does the work where the browser has data for the language; some builds ship without
// less common locales (Khmer among them), and then the language file's own words are used
// rather than silently falling back to the browser's language.
// Formatters are built once: creating Intl objects per comment would dominate render time.
import type { I18n } from "../i18n/i18n";
import type { PluralKey } from "../i18n/en";

const units: [Intl.RelativeTimeFormatUnit, number, PluralKey][] = [
  ["year", 31536000, "yearsAgo"],
  ["month", 2592000, "monthsAgo"],
  ["week", 604800, "weeksAgo"],
  ["day", 86400, "daysAgo"],
  ["hour", 3600, "hoursAgo"],
  ["minute", 60, "minutesAgo"],
];

const pad = (n: number) => String(n).padStart(2, "0");

export class TimeFormat {
  private readonly relative: Intl.RelativeTimeFormat | null;
  /** Made on first use: exact times are only needed when a reader points at one. */
  private exactFormat: Intl.DateTimeFormat | null | undefined;

  constructor(private readonly i18n: I18n) {
    const lang = i18n.lang;
    this.relative = Intl.RelativeTimeFormat.supportedLocalesOf(lang).length
      ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" })
      : null;
  }

  /** "3 hours ago"; the server rounds times down to the minute, so anything closer is "just now". */
  ago(iso: string, now = Date.now()): string {
    const seconds = (Date.parse(iso) - now) / 1000;
    if (Number.isNaN(seconds)) return "";
    for (const [unit, size, key] of units) {
      if (-seconds < size) continue;
      const count = Math.trunc(seconds / size);
      return this.relative ? this.relative.format(count, unit) : this.i18n.n(key, -count);
    }
    return this.i18n.t("justNow");
  }

  /** The full local date and time; without Intl data, a numeric 2025-03-06 09:30. */
  exact(iso: string): string {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return "";
    if (this.exactFormat === undefined) {
      const lang = this.i18n.lang;
      this.exactFormat = Intl.DateTimeFormat.supportedLocalesOf(lang).length
        ? new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" })
        : null;
    }
    if (this.exactFormat) return this.exactFormat.format(time);
    const d = new Date(time);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
}
