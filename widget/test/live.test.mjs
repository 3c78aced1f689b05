// Live updates between two open pages, over the server's Server-Sent Events.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, comments, eventually, focused, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Whether the server has the events endpoint; it is being built alongside the widget. */
async function hasEvents(base) {
  const controller = new AbortController();
  try {
    const response = await fetch(`${base}/api/v1/events?site=demo&thread=%2F`, { signal: controller.signal });
    return response.status !== 404;
  } finally {
    controller.abort();
  }
}

test("live: a comment and a reply posted on one page reach another open page on request", async (t) => {
  await session(browser, async ({ server, page: reader, context }) => {
    if (!(await hasEvents(server.base))) {
      t.skip("GET /api/v1/events answers 404: this server has no live updates yet");
      return;
    }
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
