// The re-anchoring benchmark's page script: a generated 5,000-word article, 200 comments
// anchored to passages of it, optionally the article edited (a paragraph added at the top, a
// word changed in 20 passages, a paragraph removed), then, with the real code, either finding
// every anchor again in the article's text (?mode=locate) or all that inline feedback does on a
// page view (?mode=place: finding them, inserting the marks, lighting the passages). One case a
// page load, so the first measurement is a cold one. Reports
// "sala-anchors <case> <mode> <first ms> <median of 9 more> <exact> <changed> <gone>".
import type { Anchor } from "../src/inline/anchoring";
import { describe, locate } from "../src/inline/anchoring";
import { InlineFeedback } from "../src/inline/inline-feedback";
import { TextMap } from "../src/inline/text-map";
import type { ThreadView } from "../src/thread/thread-view";

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const vocabulary = ("river station licence council ferry market village court appeal notice authority " +
  "province reporter listener programme signal dredging concession bank season rain harvest school " +
  "teacher clinic bridge road trader price ice fish catch boat landing stage petition name week month " +
  "year morning evening statement order hearing lawyer complaint law breach period transmitter studio " +
  "manager staff volunteer bulletin song phone line district dialect household message group rumour " +
  "the a of to and in on for with by from at that which was were is are has had said says will would " +
  "could should may might not no every each some many few more most other same new old small large").split(" ");
const word = () => vocabulary[Math.floor(random() * vocabulary.length)]!;

function article(): HTMLElement {
  const el = document.createElement("article");
  let words = 0;
  while (words < 5000) {
    const p = document.createElement(random() < 0.08 ? "h2" : "p");
    const n = p.tagName === "H2" ? 4 : 30 + Math.floor(random() * 40);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(word() + (random() < 0.1 ? "," : ""));
    p.textContent = `${parts.join(" ")}.`;
    words += n;
    el.append(p);
  }
  document.body.append(el);
  return el;
}

function anchors(root: HTMLElement): Anchor[] {
  const map = new TextMap(root);
  const out: Anchor[] = [];
  while (out.length < 200) {
    const start = map.text.indexOf(" ", Math.floor(random() * (map.text.length - 400))) + 1;
    let end = start;
    for (let w = 3 + Math.floor(random() * 20); w > 0; w--) end = map.text.indexOf(" ", end + 1);
    out.push(describe(map.text, start, end));
  }
  return out;
}

function edit(root: HTMLElement, list: Anchor[]): void {
  const top = document.createElement("p");
  top.textContent = "Update: this article was corrected on Tuesday to give the full name of the operator.";
  root.prepend(top);
  for (const a of list.slice(0, 20)) {
    for (const p of root.children) {
      const text = p.textContent || "";
      const at = text.indexOf(a.quote);
      if (at < 0) continue;
      const inside = text.indexOf(" ", at + Math.floor(a.quote.length / 2));
      if (inside < 0 || inside >= at + a.quote.length - 1) break;
      p.textContent = `${text.slice(0, inside)} ${"harbour"}${text.slice(text.indexOf(" ", inside + 1))}`;
      break;
    }
  }
  root.children[Math.floor(root.children.length / 2)]!.remove();
}

function report(name: string, mode: string, times: number[], found: string[]): void {
  const count = (kind: string) => found.filter((f) => f === kind).length;
  const warm = times.slice(1).sort((a, b) => a - b)[4]!;
  console.log(`sala-anchors ${name} ${mode} ${times[0]!.toFixed(2)} ${warm.toFixed(2)} ` +
    `${count("exact")} ${count("changed")} ${count("gone")}`);
}

/** The text map and every anchor found again, ten times. */
function relocate(name: string, root: HTMLElement, list: Anchor[]): void {
  const times: number[] = [];
  let found: string[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const map = new TextMap(root);
    found = list.map((a) => {
      const at = locate(map.text, a);
      return at ? (at.exact ? "exact" : "changed") : "gone";
    });
    times.push(performance.now() - t0);
  }
  report(name, "locate", times, found);
}

/** Inline feedback's whole placement, once as a page view does it and nine times more. */
async function place(name: string, root: HTMLElement, list: Anchor[]): Promise<void> {
  const passages = list.map((anchor, i) => ({ anchor, comments: [i + 1] }));
  window.fetch = async () => new Response(JSON.stringify({ passages }), { status: 200 });
  const thread = document.createElement("div");
  thread.innerHTML = '<div class="hd"></div><form class="form"></form><ol class="list"></ol>';
  document.body.append(thread);
  const times: number[] = [];
  const original = InlineFeedback.prototype.place;
  let done: () => void;
  const first = new Promise<void>((resolve) => (done = resolve));
  InlineFeedback.prototype.place = function (this: InlineFeedback) {
    const t0 = performance.now();
    original.call(this);
    times.push(performance.now() - t0);
    done();
  };
  const view = { entries: () => [], filter: async () => {} } as unknown as ThreadView;
  const feedback = new InlineFeedback({ view, root: thread, lang: "en", article: root,
    config: { apiBase: "/api/v1", site: "bench", thread: "/bench" } as never });
  await first;
  for (let i = 0; i < 9; i++) feedback.place();
  InlineFeedback.prototype.place = original;
  report(name, "place", times, [...(feedback as unknown as { found: Map<number, string> }).found.values()]);
}

const query = new URLSearchParams(location.search);
const name = query.get("case") === "edited" ? "edited" : "unchanged";
const root = article();
const list = anchors(root);
if (name === "edited") edit(root, list);
if (query.get("mode") === "locate") relocate(name, root, list);
else void place(name, root, list);
