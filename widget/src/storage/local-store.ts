// JSON values in localStorage under one prefix per site. Storage can be missing, full or
// forbidden (private modes, sandboxed frames); then the widget simply remembers nothing.

export class LocalStore {
  constructor(private readonly prefix: string) {}

  get<T>(key: string): T | null {
    try {
      const raw = localStorage.getItem(this.prefix + key);
      return raw === null ? null : (JSON.parse(raw) as T);
    } catch {
      return null;
    }
  }

  set(key: string, value: unknown): void {
    try {
      localStorage.setItem(this.prefix + key, JSON.stringify(value));
    } catch {
      // Nothing to do: the reader keeps working, the choice is just not remembered.
    }
  }

  remove(key: string): void {
    try {
      localStorage.removeItem(this.prefix + key);
    } catch {
      // As above.
    }
  }
}
