// Live updates between two open pages, over the server's Server-Sent Events.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, comments, eventually, focused, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("live: a comment and a reply posted on one page reach another open page on request", async () => {
  await session(browser, async ({ server, page: reader, context }) => {
    const writer = await context.browser().newPage();
    try {
      await openDemo(reader, server.base);
      await openDemo(writer, server.base);
      await reader.waitForTimeout(300); // the event stream is opened after the first page

      const compose = writer.locator("#sala-thread section.thread > form");
      await compose.getByLabel("Name").fill("Live");
      await compose.getByLabel("Comment").fill("Breaking: the appeal was filed.");
      await compose.getByRole("button", { name: "Post comment" }).click();
      await byAuthor(writer, "Live").waitFor();

      const vannak = byAuthor(writer, "Vannak");
      await vannak.getByRole("button", { name: "Reply" }).click();
      await vannak.locator("form").getByLabel("Name").fill("Echo");
      await vannak.locator("form").getByLabel("Comment").fill("A reply, live.");
      await vannak.locator("form").getByRole("button", { name: "Post reply" }).click();
      await byAuthor(writer, "Echo").waitFor();

      const bubble = reader.getByRole("button", { name: "2 new comments" });
      await bubble.waitFor({ timeout: 10000 });
      assert.equal(await byAuthor(reader, "Live").count(), 0, "nothing moves until asked");
      assert.equal(await reader.locator("#sala-thread h2").first().textContent(), "8 comments");
      await eventually(async () =>
        assert.equal(await reader.locator("#sala-thread [aria-live=polite]").first().textContent(), "2 new comments"));

      await bubble.click();
      await byAuthor(reader, "Live").waitFor();
      assert.equal(await comments(reader).first().locator(".name").textContent(), "Live");
      const names = await comments(reader).locator(".name").allTextContents();
      assert.equal(names[names.indexOf("Vannak") + 1], "Echo", "the reply sits under its parent");
      assert.equal(await bubble.isVisible(), false);
      assert.equal((await focused(reader)).comment, await byAuthor(reader, "Live").getAttribute("data-id"));

      // The writer's own posts are not announced back to it, nor shown twice.
      await writer.waitForTimeout(500);
      assert.equal(await writer.getByRole("button", { name: /new comment/ }).count(), 0);
      assert.equal(await byAuthor(writer, "Live").count(), 1);
      assert.equal(await byAuthor(writer, "Echo").count(), 1);
    } finally {
      await writer.close();
    }
  });
});

test("live (simulated stream): bubble, placement, duplicates ignored, the reader's place kept", () =>
  session(browser, async ({ server, page }) => {
    // The server's stream is replaced by a recorded one, so this part runs on any server.
    const now = new Date().toISOString();
    const event = (c) => `event: comment\ndata: ${JSON.stringify({ score: 0, upvotes: 0, downvotes: 0, html: "<p>live</p>\n",
      created: now, ...c })}\n\n`;
    let served = false;
    let stream = "";
    await page.route(`${server.base}/api/v1/events?**`, async (route) => {
      if (served) return route.fulfill({ status: 204 }); // 204 tells EventSource to stop reconnecting
      served = true;
      await route.fulfill({ status: 200, headers: { "Content-Type": "text/event-stream" }, body: stream });
    });
    const first = await (await fetch(`${server.base}/api/v1/comments?site=demo&thread=%2F`)).json();
    const vannak = first.comments.find((c) => c.author.name === "Vannak");
    stream = ": ping\n\n" +
      event({ id: 1001, parent: null, author: { name: "Stream", avatar: "01020304" } }) +
      event({ id: 1002, parent: vannak.id, depth: 1, author: { name: "Under Vannak", avatar: "05060708" } }) +
      event({ id: vannak.id, parent: null, author: vannak.author }) +
      event({ id: 1003, parent: 999999, depth: 1, author: { name: "Elsewhere", avatar: "0a0b0c0d" } }) +
      "event: comment\ndata: {not json\n\n";

    await page.setViewportSize({ width: 800, height: 500 });
    await openDemo(page, server.base);
    // Scroll so that Dara's comment is what the reader is looking at.
    const dara = comments(page).filter({ hasText: "Who actually signed the order?" });
    await dara.evaluate((node) => node.scrollIntoView({ block: "start", behavior: "instant" }));
    const bubble = page.getByRole("button", { name: "2 new comments" });
    await bubble.waitFor({ timeout: 10000 });
    assert.equal(await page.locator("#sala-thread h2").first().textContent(), "9 comments");
    const top = await dara.evaluate((node) => node.getBoundingClientRect().top);

    await bubble.evaluate((button) => button.click()); // a real click, without Playwright's scrolling into view
    await byAuthor(page, "Stream").waitFor();
    // Two frames: comments that come into view are laid out for real only then.
    const after = await dara.evaluate((node) => new Promise((done) =>
      requestAnimationFrame(() => requestAnimationFrame(() => done(node.getBoundingClientRect().top)))));
    assert.ok(Math.abs(after - top) <= 1, `the comment being read stays put (${top} → ${after})`);
    assert.equal(await comments(page).first().locator(".name").textContent(), "Stream");
    const names = await comments(page).locator(".name").allTextContents();
    assert.equal(names[names.indexOf("Vannak") + 1], "Under Vannak");
    assert.equal(await byAuthor(page, "Vannak").count(), 1, "no duplicate");
    assert.equal(await byAuthor(page, "Elsewhere").count(), 0, "a reply to a comment not loaded waits for its page");
    assert.match(await byAuthor(page, "Stream").getAttribute("class"), /\bfresh\b/);
  }));
