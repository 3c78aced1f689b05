// Approximate string search: where in a text does a pattern occur with the fewest edits
// (insertions, deletions, substitutions)? Myers' bit-vector algorithm in Hyyrö's blocked form,
// 32 pattern characters per machine word, so a search costs O(text × pattern / 32).

export interface Hit {
  /** Where the match ends in the text (exclusive). */
  end: number;
  /** Its edit distance to the pattern. */
  distance: number;
}

/**
 * The text as small numbers, one per distinct character, so that the search reads a pattern's
 * bits from an array instead of a hash table. Kept for the last text searched: a page view
 * searches one article for many anchors.
 */
let coded: { text: string; codes: Uint16Array; alphabet: Map<number, number> } | null = null;

function codesOf(text: string): { codes: Uint16Array; alphabet: Map<number, number> } {
  if (coded?.text !== text) {
    const alphabet = new Map<number, number>();
    const codes = new Uint16Array(text.length);
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      let code = alphabet.get(c);
      // Code 0 is "not in the text"; past 65,535 distinct characters the rest share the last.
      if (code === undefined) alphabet.set(c, (code = Math.min(alphabet.size + 1, 65535)));
      codes[j] = code;
    }
    coded = { text, codes, alphabet };
  }
  return coded;
}

/**
 * Every end position in text[from, to) where the pattern matches with at most `k` edits, as
 * local minima: of a run of neighbouring ends, the best one.
 */
export function searchEnds(text: string, pattern: string, k: number, from = 0, to = text.length): Hit[] {
  const m = pattern.length;
  const blocks = Math.ceil(m / 32);
  const { codes, alphabet } = codesOf(text);
  // Which pattern positions hold each character of the text, one bit per position.
  const peq = new Int32Array((alphabet.size + 1) * blocks);
  for (let i = 0; i < m; i++) {
    const code = alphabet.get(pattern.charCodeAt(i));
    if (code !== undefined) peq[code * blocks + (i >> 5)]! |= 1 << (i & 31);
  }
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  const last = 1 << ((m - 1) & 31);
  let score = m;
  const hits: Hit[] = [];
  let runEnd = -1; // where the current run of matching ends stopped
  for (let j = from; j < to; j++) {
    const row = codes[j]! * blocks;
    let carry = 0; // the horizontal difference entering the block from below (row 0 of a search is free)
    for (let b = 0; b < blocks; b++) {
      const eq = peq[row + b]!;
      const p = pv[b]!;
      const n = mv[b]!;
      const xv = eq | n;
      const e = carry < 0 ? eq | 1 : eq;
      const xh = (((e & p) + p) ^ p) | e;
      let ph = n | ~(xh | p);
      let mh = p & xh;
      const top = b === blocks - 1 ? last : 1 << 31;
      const out = ph & top ? 1 : mh & top ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      carry = out;
    }
    score += carry;
    if (score <= k) {
      const previous = hits[hits.length - 1];
      if (runEnd !== j || !previous) hits.push({ end: j + 1, distance: score });
      else if (score <= previous.distance) Object.assign(previous, { end: j + 1, distance: score });
      runEnd = j + 1;
    }
  }
  return hits;
}

/**
 * Where the best alignment of the pattern that ends at `end` starts: an edit-distance table over
 * the reversed strings, at most pattern + k characters back.
 */
export function startOf(text: string, pattern: string, end: number, k: number): number {
  const m = pattern.length;
  const span = Math.min(end, m + k);
  let row = new Int32Array(span + 1);
  let next = new Int32Array(span + 1);
  for (let j = 0; j <= span; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(m - i);
    next[0] = i;
    for (let j = 1; j <= span; j++) {
      const cost = text.charCodeAt(end - j) === pc ? 0 : 1;
      next[j] = Math.min(row[j - 1]! + cost, row[j]! + 1, next[j - 1]! + 1);
    }
    [row, next] = [next, row];
  }
  // The least distance; of equals, the length nearest the pattern's own.
  let best = m <= span ? m : span;
  for (let j = 0; j <= span; j++) {
    if (row[j]! < row[best]! || (row[j] === row[best] && Math.abs(j - m) < Math.abs(best - m))) best = j;
  }
  return end - best;
}

/** The edit distance between two strings, or any number above `max` once it is sure to exceed it. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let row = new Int32Array(b.length + 1);
  let next = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    let least = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j - 1]! + (ac === b.charCodeAt(j - 1) ? 0 : 1), row[j]! + 1, next[j - 1]! + 1);
      if (next[j]! < least) least = next[j]!;
    }
    if (least > max) return max + 1;
    [row, next] = [next, row];
  }
  return row[b.length]!;
}
