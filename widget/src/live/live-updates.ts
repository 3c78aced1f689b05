// New comments pushed by the server over Server-Sent Events. EventSource reconnects by itself
// after a dropped connection; a server without the endpoint (404) ends it for good, which is
// what we want: the thread still works, just without live updates.
import type { Comment } from "../api/types";

export class LiveUpdates {
  private source: EventSource | null = null;

  constructor(
    private readonly url: string,
    private readonly onComment: (comment: Comment) => void,
  ) {}

  start(): void {
    if (this.source || typeof EventSource !== "function") return;
    const source = new EventSource(this.url);
    source.addEventListener("comment", (event) => {
      let comment: Comment;
      try {
        comment = JSON.parse((event as MessageEvent<string>).data) as Comment;
      } catch {
        return; // A malformed event is dropped, the stream goes on.
      }
      if (comment && typeof comment.id === "number") this.onComment(comment);
    });
    this.source = source;
  }

  stop(): void {
    this.source?.close();
    this.source = null;
  }
}
