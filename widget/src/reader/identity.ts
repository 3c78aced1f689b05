// Who the reader is to the server: the publisher's signed reader token (docs/sso.md), from
// `data-sala-reader-token` on the embedding script. The widget reads the token's name only to
// show it; the server checks the signature, so editing the name in the browser changes nothing.

export class Identity {
  constructor(private readonly script: HTMLScriptElement) {}

  /** The token to send. It is read at each post, so the page can renew it as the reader's session goes on. */
  token(): string {
    return this.script.dataset.salaReaderToken || "";
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
   * A token the server refused is not sent again: the attribute goes, and a page that renews
   * the reader's token sets it anew.
   */
  forget(): void {
    delete this.script.dataset.salaReaderToken;
  }
}
