// Keyboard alone: reach the form with Tab, post, open a reply, close it with Escape, post it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, focused, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Presses Tab until `wanted` describes the focused element; fails after `limit` presses. */
async function tabTo(page, wanted, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (wanted(await focused(page))) return;
  }
  throw new Error("never reached by Tab");
}

test("keyboard only: post a comment, open and cancel a reply, post the reply", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    await page.locator("body").focus();
    await tabTo(page, (f) => f?.name === "author");
    await page.keyboard.type("Keys");
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).name, "email");
    // Then the "Notify of" control: two boxes and Subscribe (test/notify.test.mjs).
    await tabTo(page, (f) => f?.name === "body", 4);
    await page.keyboard.type("Typed without a mouse.");
    await page.keyboard.press("Tab");
    const submit = await focused(page);
    assert.deepEqual([submit.tag, submit.text], ["button", "Post comment"]);
    await page.keyboard.press("Enter");
    await byAuthor(page, "Keys").locator(".acts").waitFor();
    assert.equal((await focused(page)).text, "Post comment", "focus stays where it was");

    // The focus ring is visible on the focused control.
    const outline = await page.evaluate(() => {
      let node = document.activeElement;
      while (node.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
      return getComputedStyle(node).outlineStyle;
    });
    assert.equal(outline, "solid");

    const vannakId = await byAuthor(page, "Vannak").getAttribute("data-id");
    await tabTo(page, (f) => f?.act === "reply" && f.comment === vannakId);
    await page.keyboard.press("Enter");
    assert.equal((await focused(page)).name, "body", "the remembered name is filled in, the text is next");
    await page.keyboard.type("Draft");
    await page.keyboard.press("Escape");
    const back = await focused(page);
    assert.deepEqual([back.act, back.comment], ["reply", vannakId], "Escape closes and returns focus");
    assert.equal(await byAuthor(page, "Vannak").locator("form").count(), 0);

    await page.keyboard.press("Enter");
    await page.keyboard.type("A reply by keyboard.");
    await page.keyboard.press("Control+Enter");
    await page.locator("#sala-thread article.c:not(.sending)", { hasText: "A reply by keyboard." }).waitFor();
    const after = await focused(page);
    assert.deepEqual([after.act, after.comment], ["reply", vannakId], "focus returns to Reply once posted");
  }));
