// Inline feedback: selecting a passage of the article and commenting on it, the marks with their
// counts, the quote in the thread, the article changing under its anchors, and the newsroom's
// question on a passage.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, eventually, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

/** Opens the demo article once inline feedback is in place (the newsroom's question is marked). */
async function openArticle(page, base, options) {
  await openDemo(page, base, options);
  await page.locator("article sala-mark").first().waitFor();
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const form = (page) => page.locator("#sala-thread section.thread > form");
const marks = (page) => page.locator("article sala-mark");
const control = (page) => page.locator("sala-control button");
const passage = "the national broadcasting authority suspended its licence for ninety days";

/** Runs `fn(range, ...args)` in the page on a Range over `text`, which must lie in one text node of the article. */
function onRange(page, text, fn) {
  return page.evaluate(([text, body]) => {
    const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return new Function("range", body)(range);
    }
    throw new Error(`not in the article: ${text}`);
  }, [text, fn]);
}

/** Selects `text` in the article the way a script can. */
function select(page, text) {
  return onRange(page, text, "getSelection().removeAllRanges(); getSelection().addRange(range);");
}

/** Drags the mouse over `text`, as a reader selects it. */
async function dragOver(page, text) {
  const box = await onRange(page, text, `
    range.startContainer.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
    const rects = [...range.getClientRects()].filter((r) => r.width > 2);
    const first = rects[0];
    const last = rects[rects.length - 1];
    return { x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2 };`);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, { steps: 4 });
  await page.mouse.move(box.x1, box.y1, { steps: 4 });
  await page.mouse.up();
}

/** Comments on the selected passage through the control and the form. */
async function commentOnSelection(page, author, body) {
  await control(page).click();
  const chip = form(page).locator(".chip");
  await chip.waitFor();
  await form(page).getByLabel("Name").fill(author);
  await form(page).getByLabel("Comment", { exact: true }).fill(body);
  await form(page).getByRole("button", { name: "Post comment" }).click();
  await byAuthor(page, author).waitFor();
  await eventually(async () => assert.equal(await chip.count(), 0, "the passage leaves the form once posted"));
}

/** The article text just before a mark: the end of the passage it counts. */
function textBeforeMark(page, index = 0) {
  return page.evaluate((index) => {
    const mark = document.querySelectorAll("article sala-mark")[index];
    const range = document.createRange();
    range.setStart(document.querySelector("article"), 0);
    range.setEndBefore(mark);
    return range.toString().replace(/\s+/g, " ").trimEnd();
  }, index);
}

test("select with the mouse, comment on the passage: quoted in the thread, marked in the article", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    await dragOver(page, passage);
    await control(page).waitFor();
    assert.equal(await control(page).textContent(), "Comment on this");
    await commentOnSelection(page, "Narith", "Ninety days is a whole rainy season.");

    const mine = byAuthor(page, "Narith");
    assert.equal(await mine.locator(".sq q").textContent(), passage);
    assert.equal(await mine.locator(".sn").isHidden(), true, "no note: the passage is as it was");
    await eventually(async () => assert.equal(await page.locator("article sala-mark[data-n='1']").count(), 1));
    assert.match(await textBeforeMark(page, 0), /suspended its licence for ninety days$/);
    assert.equal(await marks(page).first().getAttribute("aria-label"), "1 comment on this passage");

    // A second comment on the same words shares the mark.
    await select(page, passage);
    await commentOnSelection(page, "Kosal", "And the appeal takes a year.");
    await eventually(async () => assert.equal(await page.locator("article sala-mark[data-n='2']").count(), 1));

    // The quote leads back to the passage, and the mark takes the focus.
    await mine.locator(".sq button").click();
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SALA-MARK"));
  }, {}, { postingLimits: false }));

test("the keyboard: a selection extended with Shift+arrows, the control reached with Tab", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    await select(page, "transmitter");
    for (let i = 0; i < 19; i++) await page.keyboard.press("Shift+ArrowRight");
    await control(page).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SALA-CONTROL",
      "the next Tab reaches the control of the selected text");
    await page.keyboard.press("Enter");
    const chip = form(page).locator(".chip q");
    await chip.waitFor();
    assert.equal(await chip.textContent(), "transmitter while they watched");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "sala-thread", "focus went to the form");
  }));

test("the article changes: moved passages are found, edited ones say so, removed ones too", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    await select(page, passage);
    await commentOnSelection(page, "Narith", "On the ninety days.");
    await select(page, "they were clear");
    await commentOnSelection(page, "Kosal", "On being clear.");
    await select(page, "Nobody passes a law banning call-in shows");
    await commentOnSelection(page, "Piseth", "On the law.");

    // Edited: a paragraph inserted at the top, a word changed in one passage, another removed.
    const edited = (html) => html
      .replace("<p><strong>SEN TALAY</strong>", "<p>Update: the station has filed an appeal.</p>\n<p><strong>SEN TALAY</strong>")
      .replace("ninety days", "ninety-one days")
      .replace("Nobody passes a law banning call-in shows,", "Such shows are not banned,");
    await page.unrouteAll({ behavior: "wait" });
    await openArticle(page, server.base, { rewrite: edited });

    await eventually(async () => assert.equal(await marks(page).count(), 3, "two passages and the newsroom's question"));
    const narith = byAuthor(page, "Narith");
    await eventually(async () => assert.equal(await narith.locator(".sn").textContent(),
      "The passage changed after this comment was written."));
    assert.equal(await narith.locator(".sq q").textContent(), passage, "the original quote is kept");
    assert.equal(await byAuthor(page, "Kosal").locator(".sn").isHidden(), true, "moved, not changed");
    const piseth = byAuthor(page, "Piseth");
    assert.equal(await piseth.locator(".sn").textContent(), "This passage changed or was removed.");
    assert.equal(await piseth.locator(".sq button").count(), 0, "no link to a passage that is gone");
    const before = await Promise.all([0, 1].map((i) => textBeforeMark(page, i)));
    assert.ok(before.some((text) => /suspended its licence for ninety-one days$/.test(text)), before.join(" | "));
    assert.ok(before.some((text) => /they were clear$/.test(text)), before.join(" | "));
  }, {}, { postingLimits: false }));

test("a mark opens its passage's comments; Inline feedback filters; Show all comes back", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    const shown = page.locator("#sala-thread .list > .item:visible");
    const everything = await shown.count();
    await select(page, passage);
    await commentOnSelection(page, "Narith", "On the ninety days.");
    await select(page, "they were clear");
    await commentOnSelection(page, "Kosal", "On being clear.");

    await page.locator("article sala-mark[data-n='1']").first().click();
    const bar = page.locator("#sala-thread .pbar");
    await bar.waitFor();
    assert.equal(await bar.locator("h3").textContent(), "Comments on this passage");
    await eventually(async () => assert.equal(await shown.count(), 1));
    assert.equal(await page.evaluate(() => document.querySelector("#sala-thread").shadowRoot.activeElement?.tagName), "H3");

    await bar.getByRole("button", { name: "Show all comments" }).click();
    await eventually(async () => assert.equal(await shown.count(), everything + 2));

    const filter = page.locator("#sala-thread").getByRole("button", { name: "Inline feedback" });
    await filter.click();
    await eventually(async () => assert.equal(await shown.count(), 2));
    assert.equal(await filter.getAttribute("aria-pressed"), "true");
    await filter.click();
    await eventually(async () => assert.equal(await shown.count(), everything + 2));
  }, {}, { postingLimits: false }));

test("the newsroom's question on a passage collects answers", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    const question = page.locator("article sala-mark[data-q]");
    await question.waitFor();
    assert.match(await question.getAttribute("aria-label"), /^Question from the newsroom: Is there a station .* 0 answers$/);
    await question.click();
    const bar = page.locator("#sala-thread .pbar");
    assert.match(await bar.locator("h3").textContent(), /^Answers to: Is there a station or a programme/);
    await bar.getByRole("button", { name: "Answer" }).click();
    assert.match(await form(page).locator(".chip q").textContent(), /^For many households along the river/);
    await form(page).getByLabel("Name").fill("Vibol");
    await form(page).getByLabel("Comment", { exact: true }).fill("Our pagoda reads the news on Sundays.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.equal(await page.locator("article sala-mark[data-count='1 answer']").count(), 1));

    await page.reload();
    await page.locator("article sala-mark[data-count='1 answer']").waitFor();
  }));

test("a passage that is too long gets a reason, not a button that fails", () =>
  session(browser, async ({ server, page }) => {
    await openArticle(page, server.base);
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(".story__body"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    await control(page).waitFor();
    assert.match(await control(page).textContent(), /^Select a shorter passage/);
    assert.equal(await control(page).getAttribute("aria-disabled"), "true");
    await control(page).click({ force: true });
    assert.equal(await form(page).locator(".chip").count(), 0, "nothing is picked");
  }));
