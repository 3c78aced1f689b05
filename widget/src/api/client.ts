// One method per endpoint of the public API. Requests go only to the Sala server the script
// was loaded from, and never carry cookies: readers are not tracked.
import { proof, type ProofUi } from "./proof";
import type { Comment, CommentPage, NewComment, PopularThread, Posted, Subscription, VoteResult } from "./types";

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from Retry-After, when the server sent it. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export type SortOrder = "newest" | "oldest" | "votes";

export class Api {
  constructor(
    private readonly base: string,
    private readonly site: string,
  ) {}

  comments(thread: string, sort: SortOrder, limit: number, after?: string | null, anchored?: boolean): Promise<CommentPage> {
    const query = new URLSearchParams({ site: this.site, thread, sort, limit: String(limit) });
    if (after) query.set("after", after);
    if (anchored) query.set("anchored", "1");
    return this.call<CommentPage>("GET", `/comments?${query}`);
  }

  /**
   * `reader`: a signed reader token (docs/sso.md), sent as Sala-Reader; "" posts anonymously.
   * Where the site asks for proof of work (428), solves a challenge and posts once more.
   */
  async post(input: NewComment, reader: string, ui?: ProofUi): Promise<Posted> {
    const send = () => this.send<{ comment: Comment; edit_token?: string }>("POST", "/comments", input,
      reader ? { "Sala-Reader": reader } : undefined);
    const [status, data] = await send().catch(async (error: ApiError) => {
      if (error.status != 428) throw error;
      input.pow = await proof(this.base, input, ui);
      return send();
    });
    return {
      comment: data.comment,
      editToken: data.edit_token || "",
      pending: status === 202 || data.comment.status === "pending",
    };
  }

  async edit(id: number, body: string, token: string): Promise<Comment> {
    return (await this.call<{ comment: Comment }>("PATCH", `/comments/${id}`, { body, edit_token: token })).comment;
  }

  async remove(id: number, token: string): Promise<void> {
    await this.call("DELETE", `/comments/${id}`, undefined, { "Sala-Edit-Token": token });
  }

  vote(id: number, value: number): Promise<VoteResult> {
    return this.call<VoteResult>("POST", `/comments/${id}/vote`, { value });
  }

  /** 202: stored, and a confirmation mail is on its way (or was sent in the last 24 hours). */
  subscribe(input: Subscription): Promise<unknown> {
    return this.call("POST", "/subscriptions", input);
  }

  async popular(days: number, limit: number): Promise<PopularThread[]> {
    const query = new URLSearchParams({ site: this.site, days: String(days), limit: String(limit) });
    return (await this.call<{ threads: PopularThread[] }>("GET", `/popular?${query}`)).threads || [];
  }

  eventsUrl(thread: string): string {
    return `${this.base}/events?${new URLSearchParams({ site: this.site, thread })}`;
  }

  /** Any endpoint; also how parts loaded later (signin.js) reach the API without a client of their own. */
  async call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return (await this.send<T>(method, path, body, headers))[1];
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<[number, T]> {
    const init: RequestInit = { method, credentials: "omit", headers: { Accept: "application/json", ...headers } };
    if (body !== undefined) {
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(this.base + path, init);
    } catch {
      throw new ApiError(0, "network", "");
    }
    if (response.status === 204) return [204, undefined as T];
    const data = await response.json().catch(() => null);
    if (!response.ok || !data) {
      const error = data?.error || {};
      const wait = Number(response.headers.get("Retry-After"));
      throw new ApiError(response.status, String(error.code || "http_error"), String(error.message || ""),
        wait > 0 ? wait : undefined);
    }
    return [response.status, data as T];
  }
}
