// Who the reader is to the server: the publisher's signed reader token (docs/sso.md), from
// `data-sala-reader-token` on the embedding script, or else the token of a sign-in by e-mail,
// kept in ReaderMemory. The widget reads the token's name only to show it; the server checks the
// signature, so editing the name in the browser changes nothing.
import type { ReaderMemory } from "../storage/reader-memory";

export class Identity {
  constructor(
    private readonly script: HTMLScriptElement,
    private readonly memory: ReaderMemory,
  ) {}

  /** The token to send. It is read at each post, so the page can renew it as the reader's session goes on. */
  token(): string {
    return this.script.dataset.salaReaderToken || this.memory.token();
  }

  /** Whether the reader signed in here by e-mail, and so can sign out here. */
  ours(): boolean {
    return !this.script.dataset.salaReaderToken && !!this.memory.token();
  }

  /** The payload's name, for display only; "" without a readable token. */
  name(): string {
    try {
      const bytes = atob(this.token().split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"));
      const name = JSON.parse(new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)))).name;
      return typeof name === "string" ? name : "";
    } catch {
      return "";
    }
  }

  /**
   * A token the server refused is not sent again: the attribute goes (a page that renews the
   * reader's token sets it anew), and so does a sign-in by e-mail.
   */
  forget(): void {
    if (this.script.dataset.salaReaderToken) delete this.script.dataset.salaReaderToken;
    else this.memory.rememberToken("");
  }
}
