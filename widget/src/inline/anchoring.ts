// Anchors in the sense of the W3C Web Annotation selectors: a passage is remembered by its quote,
// some text before and after it (TextQuoteSelector) and its offsets (TextPositionSelector), all
// in the article's text as TextMap builds it. When the article changes, the passage is found
// again by exact quote and context, then by position among equal quotes, then approximately; a
// passage that cannot be found with confidence is reported lost rather than put on other text.
import type { Anchor } from "../api/types";
import { distance, searchEnds, startOf } from "./approximate";

export type { Anchor };

export interface Found {
  start: number;
  end: number;
  /** False when only an approximate match was found: the passage changed after the comment. */
  exact: boolean;
}

/** Characters of context kept on each side of a quote. */
export const contextLength = 32;
/** Quotes shorter than this are never matched approximately: too little to be sure of. */
const minFuzzy = 8;
/** Below this length a quote must also agree with some of its context to be trusted. */
const distinctive = 32;

export function describe(text: string, start: number, end: number): Anchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - contextLength), start),
    suffix: text.slice(end, end + contextLength),
    start,
    end,
  };
}

/** How many characters of context agree around text[start, end): the prefix's end, the suffix's start. */
function contextScore(text: string, a: Anchor, start: number, end: number): number {
  let score = 0;
  for (let i = 1; i <= a.prefix.length && text[start - i] === a.prefix[a.prefix.length - i]; i++) score++;
  for (let i = 0; i < a.suffix.length && text[end + i] === a.suffix[i]; i++) score++;
  return score;
}

/** A short quote is only itself if its surroundings agree a little too (unless it has none). */
function trusted(a: Anchor, score: number): boolean {
  const context = a.prefix.length + a.suffix.length;
  return a.quote.length >= distinctive || context === 0 || score >= Math.min(8, context >> 1);
}

export function locate(text: string, a: Anchor): Found | null {
  const q = a.quote;
  if (!q) return null;
  let best = -1;
  let bestScore = -1;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
    const score = contextScore(text, a, i, i + q.length);
    if (!trusted(a, score)) continue;
    if (score > bestScore || (score === bestScore && Math.abs(i - a.start) < Math.abs(best - a.start))) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { start: best, end: best + q.length, exact: true };
  return approximately(text, a);
}

/** At most a quarter of the quote may differ, and never more than 64 characters. */
function allowedEdits(length: number): number {
  return Math.min(64, length >> 2);
}

function approximately(text: string, a: Anchor): Found | null {
  const q = a.quote;
  if (q.length < minFuzzy) return null;
  const k = allowedEdits(q.length);
  const framed = betweenContext(text, a, k);
  if (framed) return framed;
  // Edits usually leave a passage near where it was: look there first, then everywhere.
  const reach = Math.max(2000, q.length * 4);
  const from = Math.max(0, a.start - reach);
  const to = Math.min(text.length, a.end + reach);
  let found = best(text, a, k, searchEnds(text, q, k, from, to));
  if (!found && (from > 0 || to < text.length)) found = best(text, a, k, searchEnds(text, q, k));
  return found;
}

/**
 * Most edits leave the words around a passage alone: where its whole prefix still stands, and its
 * whole suffix about a quote's length after it, the passage is what lies between, if it is
 * within the allowed edits of the quote. Much cheaper than searching the text.
 */
function betweenContext(text: string, a: Anchor, k: number): Found | null {
  if (a.prefix.length < 8 || a.suffix.length < 8) return null;
  let chosen: Found | null = null;
  for (let p = text.indexOf(a.prefix); p >= 0; p = text.indexOf(a.prefix, p + 1)) {
    const start = p + a.prefix.length;
    const end = text.indexOf(a.suffix, Math.max(start + 1, start + a.quote.length - k));
    if (end < 0 || end > start + a.quote.length + k) continue;
    if (distance(a.quote, text.slice(start, end), k) > k) continue;
    if (!chosen || Math.abs(start - a.start) < Math.abs(chosen.start - a.start)) chosen = { start, end, exact: false };
  }
  return chosen;
}

function best(text: string, a: Anchor, k: number, hits: { end: number; distance: number }[]): Found | null {
  let chosen: Found | null = null;
  let rank = Infinity;
  for (const hit of hits) {
    const start = startOf(text, a.quote, hit.end, k);
    const score = contextScore(text, a, start, hit.end);
    if (!trusted(a, score)) continue;
    // Fewer edits first; then more context in agreement; then nearer the old position.
    const r = hit.distance * 1e9 - score * 1e6 + Math.min(Math.abs(start - a.start), 999999);
    if (r < rank) {
      rank = r;
      chosen = { start, end: hit.end, exact: false };
    }
  }
  return chosen;
}
