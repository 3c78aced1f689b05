// With JavaScript off (Tor Browser's Safest mode): the <noscript> link leads to a server-rendered
// thread that can be read and answered with a plain form, and a forged or replayed form fails.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, saveScreenshot, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const noJs = { javaScriptEnabled: false };

test("no JavaScript: follow the noscript link, read the thread, post a comment and a reply", () =>
  session(browser, async ({ server, page }) => {
    const cookies = [];
    page.on("response", async (response) => {
      const set = await response.headerValue("set-cookie");
      if (set) cookies.push(set);
    });
    await page.goto(`${server.base}/`);
    await page.getByRole("link", { name: "Read the comments without JavaScript" }).click();
    await page.waitForURL(/\/thread\?/);
    const names = await page.locator("article .meta strong").allTextContents();
    assert.ok(names.includes("Vannak"), `the seeded comments are there: ${names}`);
    assert.equal(await page.locator("script").count(), 0, "the page itself has no script");

    await page.getByLabel("Name").fill("Sophea");
    await page.getByLabel(/^Comment/).fill("Read and written with **scripts off**.");
    await page.getByRole("button", { name: "Post comment" }).click();
    const mine = page.locator("article", { hasText: "Read and written with" });
    await mine.waitFor();
    assert.equal(await mine.locator(".meta strong").textContent(), "Sophea");
    assert.equal(await mine.locator(".body strong").textContent(), "scripts off");

    const vannak = page.locator("li", { has: page.locator(".meta strong", { hasText: "Vannak" }) }).first();
    await vannak.getByRole("link", { name: "Reply" }).click();
    await page.getByRole("heading", { name: "Reply to Vannak" }).waitFor();
    await page.getByLabel("Name").fill("Sophea");
    await page.getByLabel(/^Comment/).fill("A reply without scripts.");
    await page.getByRole("button", { name: "Post comment" }).click();
    const reply = page.locator("li", { hasText: "A reply without scripts." });
    await reply.waitFor();
    assert.match(await reply.getAttribute("class"), /\bd1\b/, "the reply is indented under its parent");
    assert.deepEqual(cookies, [], "no cookie, with or without JavaScript");
    await saveScreenshot(page, "nojs-thread.png", { fullPage: true });

    // The thread as the widget sees it has both.
    const api = await (await fetch(`${server.base}/api/v1/comments?site=demo&thread=%2F`)).json();
    assert.equal(api.thread.count, 8);
  }, noJs));

test("no JavaScript: a form with a forged token is refused and keeps the text", () =>
  session(browser, async ({ server, page }) => {
    await page.goto(`${server.base}/thread?site=demo&thread=%2F`);
    await page.locator('input[name="token"]').evaluate((input) => { input.value = "forged"; });
    await page.getByLabel("Name").fill("Mallory");
    await page.getByLabel(/^Comment/).fill("Posted from another site's form");
    await page.getByRole("button", { name: "Post comment" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /form|expired|again/i);
    assert.equal(await page.getByLabel(/^Comment/).inputValue(), "Posted from another site's form");
    const api = await (await fetch(`${server.base}/api/v1/comments?site=demo&thread=%2F`)).json();
    assert.equal(api.thread.count, 6, "nothing was stored");
  }, noJs));
