// The privacy promises: no request to any host but the Sala server, and a reader who only reads
// leaves no cookie and nothing in storage.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, comments, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("no request leaves for any host but the server, while reading, posting, replying and voting", () =>
  session(browser, async ({ server, page }) => {
    const foreign = [];
    page.on("request", (request) => {
      const url = request.url();
      if (url.startsWith("data:")) return;
      if (new URL(url).origin !== server.base) foreign.push(url);
    });
    await openDemo(page, server.base);
    await page.locator("[data-sala-popular] li").first().waitFor();
    const compose = page.locator("#sala-thread section.thread > form");
    await compose.getByLabel("Name").fill("Private");
    await compose.getByLabel("Email (optional)").fill("private@example.org");
    await compose.getByLabel("Comment", { exact: true }).fill("A [link](https://elsewhere.example/) and ![a picture](https://tracker.example/p.gif)");
    await compose.getByRole("button", { name: "Post comment" }).click();
    await byAuthor(page, "Private").locator(".acts").waitFor();
    await byAuthor(page, "Sophea").getByRole("button", { name: "Vote up" }).click();
    await byAuthor(page, "Sophea").getByRole("button", { name: "Reply" }).click();
    await byAuthor(page, "Sophea").locator("form").getByLabel("Comment", { exact: true }).fill("Replying.");
    await byAuthor(page, "Sophea").locator("form").getByRole("button", { name: "Post reply" }).click();
    await page.locator("#sala-thread article.c:not(.sending) .name", { hasText: "Private" }).nth(1).waitFor();
    await page.reload();
    await comments(page).first().waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(foreign, []);
    assert.ok(!(await page.content()).includes("private@example.org"));
  }));

test("reading sets no cookie and stores nothing", () =>
  session(browser, async ({ server, page, context }) => {
    await openDemo(page, server.base);
    await page.locator("[data-sala-popular] li").first().waitFor();
    await page.getByRole("button", { name: "Load more comments" }).count();
    await page.waitForTimeout(300);
    assert.deepEqual(await context.cookies(), []);
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]), [0, 0, ""]);
  }));
