// JSON values in localStorage under one prefix per site. Storage can be missing, full or
// forbidden (private modes, sandboxed frames); then the widget simply remembers nothing.
// Parsed values are cached: rendering asks about every comment's vote and edit token, and
// parsing the same entry hundreds of times would cost more than drawing the comments. Another
// tab's change (a storage event) empties the cache.

export class LocalStore {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly prefix: string) {
    addEventListener("storage", () => this.cache.clear());
  }

  get<T>(key: string): T | null {
    if (this.cache.has(key)) return this.cache.get(key) as T | null;
    let value: T | null = null;
    try {
      const raw = localStorage.getItem(this.prefix + key);
      value = raw === null ? null : (JSON.parse(raw) as T);
    } catch {
      // Unreadable or forbidden: treated as nothing stored.
    }
    this.cache.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.cache.set(key, value);
    try {
      localStorage.setItem(this.prefix + key, JSON.stringify(value));
    } catch {
      // Nothing to do: the reader keeps working, the choice is just not remembered.
    }
  }

  remove(key: string): void {
    this.cache.set(key, null);
    try {
      localStorage.removeItem(this.prefix + key);
    } catch {
      // As above.
    }
  }
}
