// Relative times ("5 minutes ago") for the eye and exact times for titles and <time datetime>.
// Formatters are built once: creating Intl objects per comment would dominate render time.
import type { I18n } from "../i18n/i18n";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31536000],
  ["month", 2592000],
  ["week", 604800],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

export class TimeFormat {
  private readonly relative: Intl.RelativeTimeFormat;
  private readonly exactFormat: Intl.DateTimeFormat;

  constructor(private readonly i18n: I18n) {
    this.relative = new Intl.RelativeTimeFormat(i18n.lang, { numeric: "auto" });
    this.exactFormat = new Intl.DateTimeFormat(i18n.lang, { dateStyle: "long", timeStyle: "short" });
  }

  /** "3 hours ago"; the server rounds times down to the minute, so anything closer is "just now". */
  ago(iso: string, now = Date.now()): string {
    const seconds = (Date.parse(iso) - now) / 1000;
    if (Number.isNaN(seconds)) return "";
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return this.relative.format(Math.trunc(seconds / size), unit);
    }
    return this.i18n.t("justNow");
  }

  exact(iso: string): string {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? "" : this.exactFormat.format(time);
  }
}
