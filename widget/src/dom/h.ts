// The element builder. Everything the widget shows is built here with createElement,
// setAttribute and text nodes, so data from the server or the reader can never become markup.
// The single exception, setTrustedHtml, takes the comment body the server has already
// rendered and sanitized.

export type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | null | undefined | false;

function apply(node: Element, attrs: Attrs | null | undefined, children: Child[]): void {
  if (attrs) {
    for (const key in attrs) {
      const value = attrs[key];
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) if (child || child === "") node.append(child);
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, attrs, children);
  return node;
}

export function svg(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag) as SVGElement;
  apply(node, attrs, children);
  return node;
}

/** A button that is always type="button", so it never submits a form by accident. */
export function button(label: string, attrs?: Attrs | null): HTMLButtonElement {
  return h("button", { type: "button", ...attrs }, label);
}

/**
 * The only place markup is parsed: `html` is the comment body rendered and sanitized by the
 * Sala server when the comment was written (allow-listed elements, safe link schemes).
 */
export function setTrustedHtml(node: Element, html: string): void {
  node.innerHTML = html;
}
