// The article as one string, the text anchors are made of, and the way back to the DOM.
// White space is collapsed to single spaces and block boundaries count as a space, so the text
// does not change when a page is re-indented or its markup re-flowed. Offsets are UTF-16 code
// units, as in every JavaScript string.

/** Elements whose text is not part of the article a reader sees or quotes. */
const skipped = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|SELECT|BUTTON|SVG|MATH|IFRAME|CANVAS|VIDEO|AUDIO|OBJECT|SALA-.*)$/i;
/** Elements that start a new line of text: their edges read as a space. */
const blocks = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|SUMMARY|TABLE|TD|TH|TR|UL)$/;
const space = /[ \t\n\r\f]/g;

interface Piece {
  node: Text;
  /** Where the node's first character is in the text. */
  start: number;
  /** For each character of the text taken from this node, its offset in the node. */
  raw: number[];
}

export class TextMap {
  readonly text: string;
  private readonly pieces: Piece[] = [];
  private readonly byNode = new Map<Text, Piece>();

  constructor(readonly root: Element) {
    let out = "";
    let gap = false; // white space or a block edge seen since the last character
    const visit = (node: Node): void => {
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        const piece: Piece = { node: node as Text, start: out.length, raw: [] };
        const raw = piece.raw;
        // Runs of text between white space are copied whole; white space becomes one space.
        let i = 0;
        while (i < data.length) {
          const c = data.charCodeAt(i);
          if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12) {
            gap = true;
            i++;
            continue;
          }
          if (gap && out) {
            raw.push(i);
            out += " ";
          }
          gap = false;
          space.lastIndex = i;
          const next = space.exec(data);
          const end = next ? next.index : data.length;
          for (let k = i; k < end; k++) raw.push(k);
          out += data.slice(i, end);
          i = end;
        }
        if (raw.length) {
          this.pieces.push(piece);
          this.byNode.set(piece.node, piece);
        }
        return;
      }
      if (node.nodeType !== 1) return;
      const el = node as Element;
      if (skipped.test(el.tagName) || el.hasAttribute("hidden") || el.hasAttribute("data-sala-ignore") ||
        el.id === "sala-thread") return;
      const block = blocks.test(el.tagName);
      gap ||= block;
      for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
      gap ||= block;
    };
    visit(root);
    this.text = out;
  }

  /** The text offset of a DOM boundary point (a Range's start or end). */
  offsetOf(container: Node, offset: number): number {
    const piece = container.nodeType === 3 ? this.byNode.get(container as Text) : undefined;
    if (piece) {
      const raw = piece.raw;
      let lo = 0;
      let hi = raw.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (raw[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      return piece.start + lo;
    }
    // A point between elements, or inside skipped text: where the next piece of text begins.
    const point = document.createRange();
    point.setStart(container, offset);
    let lo = 0;
    let hi = this.pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (point.comparePoint(this.pieces[mid]!.node, 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.pieces.length ? this.pieces[lo]!.start : this.text.length;
  }

  /**
   * Text[start, end) as a StaticRange, or null when the offsets are outside the text. Static:
   * every live Range on a page makes each later change of its text a little slower.
   */
  range(start: number, end: number): StaticRange | null {
    if (start < 0 || end > this.text.length || start >= end) return null;
    const first = this.pieceAt(start);
    const [endContainer, endOffset] = this.endPoint(end);
    return new StaticRange({ startContainer: first.node, startOffset: first.raw[start - first.start]!, endContainer, endOffset });
  }

  /** The DOM point just after the character before `end`. Requires: 0 < end <= text length. */
  endPoint(end: number): [Text, number] {
    const last = this.pieceAt(end - 1);
    return [last.node, last.raw[end - 1 - last.start]! + 1];
  }

  /** The text of an element inside the root, as offsets (for passages marked in the HTML). */
  span(el: Element): [number, number] | null {
    const range = document.createRange();
    range.selectNodeContents(el);
    let start = this.offsetOf(range.startContainer, range.startOffset);
    let end = this.offsetOf(range.endContainer, range.endOffset);
    // The separator space a block edge adds belongs to neither side.
    while (start < end && this.text[start] === " ") start++;
    while (end > start && this.text[end - 1] === " ") end--;
    return start < end ? [start, end] : null;
  }

  private pieceAt(offset: number): Piece {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.pieces[lo]!;
  }
}

/**
 * Moves a selection's offsets onto whole characters as a reader sees them (a Khmer syllable, a
 * letter with its accents, an emoji), and off the spaces at its edges.
 */
export function snap(text: string, start: number, end: number): [number, number] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    const segmenter = new Segmenter(undefined, { granularity: "grapheme" });
    const from = Math.max(0, start - 16);
    for (const { index, segment } of segmenter.segment(text.slice(from, start + 16))) {
      const s = from + index;
      if (s <= start && start < s + segment.length) start = s;
    }
    const back = Math.max(0, end - 16);
    for (const { index, segment } of segmenter.segment(text.slice(back, end + 16))) {
      const s = back + index;
      if (s < end && end < s + segment.length) end = s + segment.length;
    }
  } else {
    while (start > 0 && /\p{M}|[\uDC00-\uDFFF]/u.test(text[start]!)) start--;
    while (end < text.length && /\p{M}|[\uDC00-\uDFFF]/u.test(text[end]!)) end++;
  }
  while (start < end && text[start] === " ") start++;
  while (end > start && text[end - 1] === " ") end--;
  return [start, end];
}
