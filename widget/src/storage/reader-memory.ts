// What the widget remembers for a reader, and only after the reader acts: the name after a
// successful post, the sort after changing it, own votes after voting, edit tokens until the
// edit window closes, and a sign-in by e-mail until the reader signs out. Merely reading writes
// nothing.
import { LocalStore } from "./local-store";

export type Sort = "newest" | "oldest" | "votes";
export const sorts: Sort[] = ["newest", "oldest", "votes"];

/** An edit token with the moment it stops working and the text it was posted with. */
export interface EditGrant {
  token: string;
  expires: number;
  body: string;
}

type Grants = Record<string, EditGrant>;
type Votes = Record<string, number>;

const maxVotes = 500;

export class ReaderMemory {
  private readonly store: LocalStore;

  constructor(site: string) {
    this.store = new LocalStore(`sala:${site}:`);
  }

  name(): string {
    return this.store.get<string>("name") || "";
  }

  rememberName(name: string): void {
    if (name !== this.name()) this.store.set("name", name);
  }

  /** The reader token from a sign-in by e-mail (docs/api.md "Reader sign-in"); "" when none. */
  token(): string {
    return this.store.get<string>("reader") || "";
  }

  rememberToken(token: string): void {
    if (token) this.store.set("reader", token);
    else this.store.remove("reader");
  }

  sort(): Sort | null {
    const saved = this.store.get<string>("sort");
    return sorts.find((s) => s === saved) || null;
  }

  rememberSort(sort: Sort): void {
    this.store.set("sort", sort);
  }

  vote(id: number): number {
    return this.store.get<Votes>("votes")?.[id] || 0;
  }

  rememberVote(id: number, value: number): void {
    const votes = this.store.get<Votes>("votes") || {};
    delete votes[id];
    if (value) votes[id] = value;
    // Keep the newest entries only; insertion order of string keys is preserved.
    const ids = Object.keys(votes);
    for (const old of ids.slice(0, Math.max(0, ids.length - maxVotes))) delete votes[old];
    if (Object.keys(votes).length) this.store.set("votes", votes);
    else this.store.remove("votes");
  }

  /** The grant for a comment, if it is still usable. */
  grant(id: number, now = Date.now()): EditGrant | null {
    const grant = this.store.get<Grants>("edit")?.[id];
    return grant && grant.expires > now && typeof grant.token === "string" ? grant : null;
  }

  rememberGrant(id: number, grant: EditGrant): void {
    const grants = this.store.get<Grants>("edit") || {};
    grants[id] = grant;
    this.store.set("edit", grants);
  }

  forgetGrant(id: number): void {
    const grants = this.store.get<Grants>("edit");
    if (!grants || !(id in grants)) return;
    delete grants[id];
    this.saveGrants(grants);
  }

  /** Drops expired tokens: a token must not outlive the window it is good for. */
  pruneGrants(now = Date.now()): void {
    const grants = this.store.get<Grants>("edit");
    if (!grants) return;
    let changed = false;
    for (const id in grants) {
      if (!(grants[id]!.expires > now)) {
        delete grants[id];
        changed = true;
      }
    }
    if (changed) this.saveGrants(grants);
  }

  private saveGrants(grants: Grants): void {
    if (Object.keys(grants).length) this.store.set("edit", grants);
    else this.store.remove("edit");
  }
}
