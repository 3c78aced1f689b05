// Finding a passage again after the article changed: a corpus of edits, each with the place the
// anchor must land on, or none. Runs in Node on the same module the widget uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { importSource } from "../test-support/modules.mjs";

const { describe, locate } = await importSource("src/inline/anchoring.ts");
const { snap } = await importSource("src/inline/text-map.ts");

const article = [
  "The ferry across the estuary stopped running in April, after the operator said the landing stage was unsafe.",
  "Fishers on the far bank now drive ninety minutes to reach the market that the ferry once reached in twenty.",
  "The council says repairs will start when the budget is approved. The council says repairs will start soon.",
  "A petition with four thousand names asks for a temporary pontoon before the rainy season begins in earnest.",
].join(" ");

/** An anchor on the first (or nth) occurrence of `quote` in `text`. */
function anchorOn(text, quote, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" is in the text`);
  return describe(text, at, at + quote.length);
}

function landsOn(text, anchor, expected, exact) {
  const found = locate(text, anchor);
  assert.ok(found, `found "${anchor.quote}"`);
  assert.equal(text.slice(found.start, found.end), expected);
  assert.equal(found.exact, exact, exact ? "an exact match" : "an approximate match");
  return found;
}

test("an unchanged article gives back the same offsets", () => {
  const a = anchorOn(article, "drive ninety minutes to reach the market");
  const found = landsOn(article, a, a.quote, true);
  assert.deepEqual([found.start, found.end], [a.start, a.end]);
  assert.ok(a.prefix.length === 32 && a.suffix.length === 32, "32 characters of context each side");
});

test("text inserted before the passage moves it, exactly", () => {
  const a = anchorOn(article, "asks for a temporary pontoon");
  const edited = `Update, 3 May: the operator has withdrawn its licence application. ${article}`;
  const found = landsOn(edited, a, a.quote, true);
  assert.equal(found.start, a.start + 67);
});

test("an edit inside the passage is found approximately and said to have changed", () => {
  const a = anchorOn(article, "Fishers on the far bank now drive ninety minutes to reach the market");
  const edited = article.replace("ninety minutes", "nearly two hours");
  landsOn(edited, a, "Fishers on the far bank now drive nearly two hours to reach the market", false);
});

test("an edit inside the passage and in its context: found by the approximate search alone", () => {
  const a = anchorOn(article, "drive ninety minutes to reach the market that the ferry once reached");
  const edited = article
    .replace("far bank now drive ninety minutes", "far bank today drive ninety-five minutes")
    .replace("once reached in twenty", "once reached within twenty");
  landsOn(edited, a, "drive ninety-five minutes to reach the market that the ferry once reached", false);
  // And far from where it was: the search goes on through the whole article.
  const moved = `${"Earlier reports. ".repeat(200)}${edited}`;
  landsOn(moved, a, "drive ninety-five minutes to reach the market that the ferry once reached", false);
});

test("a deleted passage is not found, and not put on other text", () => {
  const a = anchorOn(article, "Fishers on the far bank now drive ninety minutes to reach the market that the ferry once reached in twenty.");
  const edited = article.replace(/Fishers[^.]*\. /, "");
  assert.equal(locate(edited, a), null);
});

test("a rewrite of more than a quarter of the passage counts as removed", () => {
  const a = anchorOn(article, "asks for a temporary pontoon before the rainy season");
  const edited = article.replace("asks for a temporary pontoon before the rainy season", "demands a new bridge within the year at any cost");
  assert.equal(locate(edited, a), null);
});

test("the same quote twice: the context decides, even after the text moved", () => {
  const second = anchorOn(article, "The council says repairs will start", 1);
  const first = anchorOn(article, "The council says repairs will start", 0);
  assert.ok(second.start > first.start);
  const edited = `Corrected: an earlier version misnamed the operator. ${article}`;
  const f2 = landsOn(edited, second, second.quote, true);
  const f1 = landsOn(edited, first, first.quote, true);
  assert.ok(f2.start > f1.start, "each anchor keeps its own occurrence");
  assert.equal(f2.start, second.start + 53);
});

test("the same quote with the same context twice: the position decides", () => {
  const line = "Repairs are pending. ";
  const text = line.repeat(6);
  const a = describe(text, line.length * 4, line.length * 4 + 7);
  const found = landsOn(text, a, "Repairs", true);
  assert.equal(found.start, line.length * 4);
});

test("a short quote whose surroundings all changed is not trusted elsewhere", () => {
  const a = anchorOn(article, "the ferry once reached");
  const short = { ...a, quote: "ferry", start: a.start + 4, end: a.start + 9, prefix: "market that the ", suffix: " once reached in" };
  const edited = article.replace("the market that the ferry once reached in twenty", "the market, a trip that used to take twenty");
  const found = locate(edited, short);
  assert.equal(found, null, "the other 'ferry' in the first sentence is another passage");
});

test("a passage moved to the end of the article is found where it went", () => {
  const sentences = article.split(/(?<=\.) /);
  const a = anchorOn(article, sentences[1]);
  const moved = [sentences[0], ...sentences.slice(2), sentences[1]].join(" ");
  const found = landsOn(moved, a, sentences[1], true);
  assert.ok(found.start > a.start);
});

test("right-to-left text: moved exactly, edited approximately", () => {
  const arabic = "توقفت العبارة عن العمل في أبريل. يقود الصيادون الآن تسعين دقيقة للوصول إلى السوق. يقول المجلس إن الإصلاحات ستبدأ قريبا.";
  const a = anchorOn(arabic, "يقود الصيادون الآن تسعين دقيقة للوصول إلى السوق");
  landsOn(`تحديث: ${arabic}`, a, a.quote, true);
  landsOn(arabic.replace("تسعين دقيقة", "ساعتين"), a, "يقود الصيادون الآن ساعتين للوصول إلى السوق", false);
});

test("Khmer with its combining vowels and zero-width spaces", () => {
  const khmer = "សាលាខេត្ត​បាន​សន្យា​ថា​នឹង​ជួសជុល​កំពង់ផែ​មុន​រដូវ​វស្សា។ អ្នកនេសាទ​ត្រូវ​ធ្វើ​ដំណើរ​ប្រាំបួនសិប​នាទី​ទៅ​ផ្សារ។";
  const a = anchorOn(khmer, "អ្នកនេសាទ​ត្រូវ​ធ្វើ​ដំណើរ​ប្រាំបួនសិប​នាទី");
  landsOn(`ព័ត៌មានថ្មី៖ ${khmer}`, a, a.quote, true);
  landsOn(khmer.replace("ប្រាំបួនសិប", "ហុកសិប"), a, "អ្នកនេសាទ​ត្រូវ​ធ្វើ​ដំណើរ​ហុកសិប​នាទី", false);
});

test("combining marks: a decomposed quote is found as it was written", () => {
  const text = "Le cafe\u0301 du port ferme ses portes. Le cafe\u0301 de la gare reste ouvert.";
  const a = anchorOn(text, "Le cafe\u0301 de la gare");
  landsOn(`Mise à jour. ${text}`, a, "Le cafe\u0301 de la gare", true);
});

test("a selection is widened to whole characters and loses its outer spaces", () => {
  const khmer = " ដំណើរ ";
  // Offset 2 is inside "ដំ" (a consonant and its sign), 4 inside "ណើ"; 0 is the space before.
  assert.deepEqual(snap(khmer, 2, 4), [1, 5]);
  assert.deepEqual(snap(khmer, 0, 7), [1, 6], "no spaces at the edges");
  const accents = "cafe\u0301s";
  assert.deepEqual(snap(accents, 0, 4), [0, 5], "the accent stays with its letter");
  const emoji = "a \u{1F4F0} b";
  assert.deepEqual(snap(emoji, 0, 3), [0, 4], "a surrogate pair is not cut");
});
