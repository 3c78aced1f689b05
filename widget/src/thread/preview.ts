// The composer's preview: a small, safe subset of the server's Markdown (paragraphs, line
// breaks, quotes, **bold**, *italic*, `code`, ~~strike~~, link text), built with DOM nodes only.
// The server's rendering is the real one; this is a guide while writing.
import { h } from "../dom/h";

const inline = /(\*\*[^*\n]+\*\*|\*[^*\n]+\*|`[^`\n]+`|~~[^~\n]+~~|\[[^\]\n]+\]\([^)\n]*\))/;

function inlineNodes(text: string): (Node | string)[] {
  return text.split(inline).map((part, i) => {
    if (i % 2 === 0) return part; // split() puts the captured tokens at odd indexes
    if (part.startsWith("**")) return h("strong", null, part.slice(2, -2));
    if (part.startsWith("~~")) return h("del", null, part.slice(2, -2));
    if (part.startsWith("`")) return h("code", null, part.slice(1, -1));
    if (part.startsWith("[")) return h("u", null, part.slice(1, part.indexOf("](")));
    return h("em", null, part.slice(1, -1));
  });
}

function lines(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  text.split("\n").forEach((line, i) => {
    if (i) out.push(h("br"));
    out.push(...inlineNodes(line));
  });
  return out;
}

export function renderPreview(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of text.trim().split(/\n\s*\n/)) {
    if (!block.trim()) continue;
    const quoted = block.split("\n").every((line) => line.startsWith(">"));
    if (quoted) {
      const inner = block.split("\n").map((line) => line.replace(/^>\s?/, "")).join("\n");
      fragment.append(h("blockquote", null, h("p", null, ...lines(inner))));
    } else {
      fragment.append(h("p", null, ...lines(block)));
    }
  }
  return fragment;
}
