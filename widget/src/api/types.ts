// The shapes of Sala's public HTTP API (docs/api.md), as the widget uses them.
import type { Pow } from "./proof";

export interface Author {
  name: string;
  avatar: string;
  badge?: string;
  /** Someone vouches for this author: the publisher's login or a sign-in by e-mail. */
  verified?: boolean;
}

/** Where an inline comment points in the article (see src/inline/anchoring.ts). */
export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface Comment {
  id: number;
  parent: number | null;
  /** 1 for a direct reply; absent on top-level comments. */
  depth?: number;
  author: Author;
  /** Rendered and sanitized by the server. */
  html: string;
  created: string;
  edited?: string;
  score: number;
  upvotes: number;
  downvotes: number;
  status?: "deleted" | "pending" | string;
  anchor?: Anchor;
  /** Set by moderators; shown as labels. */
  pinned?: boolean;
  featured?: boolean;
  /** Top-level comments only: every reply, flat, in display order. */
  replies?: Comment[];
}

export interface ThreadInfo {
  key: string;
  title: string;
  url: string;
  count: number;
  closed: boolean;
}

export interface CommentPage {
  thread: ThreadInfo;
  comments: Comment[];
  next: string | null;
  /** How readers can sign in here ("email"); absent when they cannot. */
  sign_in?: string[];
  /** false: the site takes comments from signed-in readers only. */
  anonymous?: boolean;
}

export interface NewComment {
  site: string;
  thread: string;
  url?: string;
  title?: string;
  parent?: number;
  author: string;
  email?: string;
  body: string;
  /** Subscribe `email` to replies to this comment or to the whole thread (double opt-in). */
  notify?: NotifyKind;
  anchor?: Anchor;
  /** A solved challenge, for sites that ask for one (api/proof.ts). */
  pow?: Pow;
}

export type NotifyKind = "thread" | "replies";

export interface Subscription {
  site: string;
  thread: string;
  email: string;
  kind: NotifyKind;
  url?: string;
  title?: string;
}

export interface Posted {
  comment: Comment;
  editToken: string;
  /** Held for moderation (202): visible to its author only. */
  pending: boolean;
}

export interface VoteResult {
  score: number;
  upvotes: number;
  downvotes: number;
  my_vote: number;
}

export interface PopularThread {
  key: string;
  title: string;
  url: string;
  count: number;
}
