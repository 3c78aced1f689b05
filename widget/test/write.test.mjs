// Writing: posting (optimistic), replying, voting, editing and deleting, and errors that must
// never lose what the reader typed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, comments, eventually, focused, launchBrowser, openDemo, routeDemo, session, startHostPage, storedKeys } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const form = (page) => page.locator("#sala-thread section.thread > form");
const heading = (page) => page.locator("#sala-thread h2").first();

test("post: shown at once as sending…, then the server's version; the name is remembered after", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route(`${server.base}/api/v1/comments`, async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await form(page).getByLabel("Name").fill("Chenda");
    await form(page).getByLabel("Comment").fill("First line\nsecond *line*");
    await form(page).getByRole("button", { name: "Post comment" }).click();

    const sending = page.locator("#sala-thread article.sending");
    await sending.waitFor();
    assert.match(await sending.textContent(), /sending…/);
    assert.equal(await sending.locator(".body").textContent(), "First line\nsecond *line*");
    assert.deepEqual(await storedKeys(page), [], "nothing stored before the server accepted the post");
    release();

    await eventually(async () => assert.equal(await sending.count(), 0));
    const mine = comments(page).first();
    assert.equal(await mine.locator(".name").textContent(), "Chenda");
    assert.equal(await mine.locator(".body em").textContent(), "line");
    assert.equal(await heading(page).textContent(), "7 comments");
    assert.equal(await form(page).getByLabel("Comment").inputValue(), "", "the form is emptied once posted");
    assert.deepEqual(await storedKeys(page), ["sala:demo:edit", "sala:demo:name"]);

    await page.reload();
    await comments(page).first().waitFor();
    assert.equal(await form(page).getByLabel("Name").inputValue(), "Chenda");
    assert.equal(await comments(page).first().locator(".name").textContent(), "Chenda");
  }));

test("reply: the form opens under the comment with focus in it; the reply lands under its parent", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const vannak = byAuthor(page, "Vannak");
    await vannak.getByRole("button", { name: "Reply" }).click();
    const replyForm = vannak.locator("form");
    await replyForm.waitFor();
    assert.equal((await focused(page)).name, "author", "focus moves into the reply form");
    await replyForm.getByLabel("Name").fill("Bopha");
    await replyForm.getByLabel("Comment").fill("Same here, every week.");
    await replyForm.getByRole("button", { name: "Post reply" }).click();

    const reply = byAuthor(page, "Bopha");
    await reply.waitFor();
    assert.equal(await reply.getAttribute("data-depth"), "1");
    const order = await comments(page).locator(".name").allTextContents();
    assert.equal(order[order.indexOf("Vannak") + 1], "Bopha");
    assert.equal(await replyForm.count(), 0, "the reply form closes");
    const now = await focused(page);
    assert.equal(now.act, "reply");
    assert.equal(now.comment, await vannak.getAttribute("data-id"), "focus returns to the Reply button");
  }));

test("a half-written reply survives sort changes; a cancelled one is gone", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const vannak = byAuthor(page, "Vannak");
    await vannak.getByRole("button", { name: "Reply" }).click();
    await vannak.locator("form").getByLabel("Comment").fill("Not finished yet");

    await page.getByRole("button", { name: "Oldest" }).click();
    await eventually(async () =>
      assert.equal(await page.getByRole("button", { name: "Oldest" }).getAttribute("aria-pressed"), "true"));
    const reopened = byAuthor(page, "Vannak").locator("form");
    await reopened.waitFor();
    assert.equal(await reopened.getByLabel("Comment").inputValue(), "Not finished yet");
    assert.equal((await focused(page)).text, "Oldest", "the sort button keeps the focus");

    await page.getByRole("button", { name: "Newest" }).click();
    await byAuthor(page, "Vannak").locator("form").waitFor();
    await byAuthor(page, "Vannak").locator("form").getByRole("button", { name: "Cancel" }).click();
    await byAuthor(page, "Vannak").getByRole("button", { name: "Reply" }).click();
    assert.equal(await byAuthor(page, "Vannak").locator("form").getByLabel("Comment").inputValue(), "",
      "a cancelled reply is gone for good");
  }));

test("vote: score and own vote shown (aria-pressed), remembered, and taken back", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const sophea = byAuthor(page, "Sophea");
    const up = sophea.getByRole("button", { name: "Vote up" });
    assert.equal(await up.getAttribute("aria-pressed"), "false");
    await up.click();
    await eventually(async () => assert.equal(await up.getAttribute("aria-pressed"), "true"));
    assert.equal(await sophea.locator(".score").first().textContent(), "1");
    assert.deepEqual(await storedKeys(page), ["sala:demo:votes"]);

    await page.reload();
    await comments(page).first().waitFor();
    assert.equal(await up.getAttribute("aria-pressed"), "true");
    assert.equal(await sophea.locator(".score").first().textContent(), "1");

    const down = sophea.getByRole("button", { name: "Vote down" });
    await down.click();
    await eventually(async () => assert.equal(await down.getAttribute("aria-pressed"), "true"));
    assert.equal(await up.getAttribute("aria-pressed"), "false");
    assert.equal(await sophea.locator(".score").first().textContent(), "-1");
    await down.click();
    await eventually(async () => assert.equal(await down.getAttribute("aria-pressed"), "false"));
    assert.equal(await sophea.locator(".score").first().textContent(), "0");
  }));

test("edit and delete one's own comment within the window; the buttons go when it closes", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    await form(page).getByLabel("Name").fill("Kosal");
    await form(page).getByLabel("Comment").fill("Wrting fast.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    const mine = byAuthor(page, "Kosal");
    await mine.getByRole("button", { name: "Edit" }).waitFor();
    assert.equal(await byAuthor(page, "Sophea").getByRole("button", { name: "Edit" }).count(), 0);

    await mine.getByRole("button", { name: "Edit" }).click();
    const editor = mine.locator("form");
    assert.equal(await editor.getByLabel("Comment").inputValue(), "Wrting fast.");
    assert.equal((await focused(page)).name, "body");
    await editor.getByLabel("Comment").fill("Writing **fast**.");
    await editor.getByRole("button", { name: "Save" }).click();
    await eventually(async () => assert.equal(await byAuthor(page, "Kosal").locator(".body strong").textContent(), "fast"));
    assert.equal((await focused(page)).act, "edit", "focus returns to the Edit button");

    await byAuthor(page, "Kosal").getByRole("button", { name: "Delete" }).click();
    assert.equal((await focused(page)).act, "keep", "the question offers Keep first");
    await byAuthor(page, "Kosal").getByRole("button", { name: "Delete" }).click();
    await eventually(async () => assert.equal(await byAuthor(page, "Kosal").count(), 0));
    assert.equal(await heading(page).textContent(), "6 comments");
    assert.deepEqual(await storedKeys(page), ["sala:demo:name"], "the token goes with the comment");

    // A second comment whose window has closed (its stored expiry is in the past).
    await form(page).getByLabel("Comment").fill("Another one.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await byAuthor(page, "Kosal").getByRole("button", { name: "Edit" }).waitFor();
    await page.evaluate(() => {
      const grants = JSON.parse(localStorage.getItem("sala:demo:edit"));
      for (const id in grants) grants[id].expires = Date.now() - 1000;
      localStorage.setItem("sala:demo:edit", JSON.stringify(grants));
    });
    await page.reload();
    await byAuthor(page, "Kosal").waitFor();
    assert.equal(await byAuthor(page, "Kosal").getByRole("button", { name: "Edit" }).count(), 0);
    assert.equal(await byAuthor(page, "Kosal").getByRole("button", { name: "Delete" }).count(), 0);
    assert.deepEqual(await storedKeys(page), ["sala:demo:name"], "expired tokens are dropped");
  }));

test("errors: the server's message is shown and the text stays (422 too long, 429 with Retry-After)", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const body = form(page).getByLabel("Comment");
    const error = form(page).locator(".err");
    await form(page).getByLabel("Name").fill("Long");
    const long = "a".repeat(10001);
    await body.fill(long);
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.match(await error.textContent(), /at most 10000 characters/));
    assert.equal(await body.inputValue(), long);
    assert.equal(await page.locator("#sala-thread article.sending").count(), 0, "the optimistic copy is gone");
    assert.equal(await comments(page).count(), 6);

    await page.route(`${server.base}/api/v1/comments`, (route) => route.request().method() === "POST"
      ? route.fulfill({ status: 429, headers: { "Retry-After": "30" }, contentType: "application/json",
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many comments from here." } }) })
      : route.continue());
    await body.fill("Keep me.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () =>
      assert.equal(await error.textContent(), "Too many comments from here. Try again in 30 seconds."));
    assert.equal(await body.inputValue(), "Keep me.");
    assert.equal(await error.getAttribute("role"), "alert");
    assert.deepEqual(await storedKeys(page), [], "a failed post remembers nothing");
  }));

test("cross-origin embedding: reading works, and a post from an origin the site does not list shows the server's origin_not_allowed", async () => {
  const host = await startHostPage();
  try {
    // The host page's origin belongs to another site, so the API answers it (CORS) but the demo
    // site refuses its posts.
    await session(browser, async ({ server, page }) => {
      await routeDemo(page, server.base);
      host.serve(`<!doctype html><html lang="en"><title>Elsewhere</title><div id="sala-thread"></div>
        <script src="${server.base}/embed.js" data-sala-site="demo" data-sala-thread="/" defer></script>`);
      await page.goto(`${host.origin}/`);
      await comments(page).first().waitFor();
      assert.equal(await comments(page).count(), 6);
      await form(page).getByLabel("Name").fill("Elsewhere");
      await form(page).getByLabel("Comment").fill("From another origin.");
      await form(page).getByRole("button", { name: "Post comment" }).click();
      await eventually(async () => assert.match(await form(page).locator(".err").textContent(), /origin may not post/));
      assert.equal(await form(page).getByLabel("Comment").inputValue(), "From another origin.");
    }, {}, { sites: [["other", host.origin]] });
  } finally {
    await host.close();
  }
});

test("held for moderation (202): the comment is marked and the reader told", () =>
  session(browser, async ({ server, page }) => {
    // The demo site publishes at once; the answer is rewritten to "held" below. A really held
    // comment has no live event, so the stream that would carry this one is kept away.
    await page.route(`${server.base}/api/v1/events?**`, (route) => route.fulfill({ status: 204 }));
    await openDemo(page, server.base);
    await page.route(`${server.base}/api/v1/comments`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const answer = await route.fetch();
      const data = await answer.json();
      data.comment.status = "pending";
      await route.fulfill({ status: 202, contentType: "application/json", body: JSON.stringify(data) });
    });
    await form(page).getByLabel("Name").fill("Held");
    await form(page).getByLabel("Comment").fill("Please check me.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () =>
      assert.equal(await form(page).locator(".note").textContent(), "Your comment is awaiting moderation."));
    const held = byAuthor(page, "Held");
    assert.match(await held.textContent(), /Awaiting moderation/);
    assert.equal(await held.getByRole("button").count(), 0);
    assert.equal(await heading(page).textContent(), "6 comments");
  }));
