// Reading a thread: what the seeded demo shows, sorting, paging, deep replies, deleted comments.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, comments, eventually, launchBrowser, openDemo, postComment, session, storedKeys } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("read: the seeded comments with count, replies, times and avatars", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    assert.equal(await page.locator("#sala-thread h2").first().textContent(), "6 comments");
    assert.deepEqual(await comments(page).locator(".name").allTextContents(),
      ["Sophea", "Ratha", "Vannak", "Dara", "Malis", "Dara"]);
    assert.deepEqual(await comments(page).evaluateAll((nodes) => nodes.map((n) => n.dataset.depth)),
      ["0", "1", "0", "0", "1", "2"]);
    const time = comments(page).first().locator("time");
    assert.match(await time.getAttribute("datetime"), /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
    await time.hover();
    assert.match(await time.getAttribute("title"), /\d{4}.*\d:\d\d/, "the exact time is in the title");
    assert.match(await time.textContent(), /ago/);
    assert.equal(await comments(page).first().locator("svg.av path").count(), 1, "a locally drawn identicon");
    assert.match(await byAuthor(page, "Malis").locator(".body strong").textContent(), /fourteen days/);
    assert.equal(await page.locator("#sala-thread bdi.name[dir=auto]").count(), 6);
  }));

test("sort: Oldest and Most voted reorder the thread; the choice is stored only once made", () =>
  session(browser, async ({ server, page }) => {
    await postComment(server.base, { author: "Late", body: "Posted last." });
    const seeded = await (await fetch(`${server.base}/api/v1/comments?site=demo&thread=/`)).json();
    const vannak = seeded.comments.find((c) => c.author.name === "Vannak");
    await fetch(`${server.base}/api/v1/comments/${vannak.id}/vote`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: '{"value":1}' });

    await openDemo(page, server.base);
    assert.equal(await comments(page).first().locator(".name").textContent(), "Late");
    assert.deepEqual(await storedKeys(page), [], "reading stores nothing");

    await page.getByRole("button", { name: "Oldest" }).click();
    await eventually(async () => assert.equal(await comments(page).first().locator(".name").textContent(), "Dara"));
    assert.equal(await page.getByRole("button", { name: "Oldest" }).getAttribute("aria-pressed"), "true");
    assert.deepEqual(await storedKeys(page), ["sala:demo:sort"]);

    await page.getByRole("button", { name: "Most voted" }).click();
    await eventually(async () => assert.equal(await comments(page).first().locator(".name").textContent(), "Vannak"));

    await page.reload();
    await comments(page).first().waitFor();
    assert.equal(await page.getByRole("button", { name: "Most voted" }).getAttribute("aria-pressed"), "true");
    assert.equal(await comments(page).first().locator(".name").textContent(), "Vannak");
  }));

test("paging: Load more fetches the next page, View all comments fetches the rest", () =>
  session(browser, async ({ server, page }) => {
    for (let i = 1; i <= 25; i++) await postComment(server.base, { author: `Reader ${i}`, body: `Comment number ${i}` });
    await openDemo(page, server.base);
    const items = page.locator("#sala-thread li.item");
    assert.equal(await items.count(), 20);
    assert.equal(await page.locator("#sala-thread h2").first().textContent(), "31 comments");
    await page.getByRole("button", { name: "Load more comments" }).click();
    await eventually(async () => assert.equal(await items.count(), 28));
    assert.equal(await page.getByRole("button", { name: "Load more comments" }).isVisible(), false);
    const ids = await comments(page).evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
    assert.equal(new Set(ids).size, ids.length, "no comment twice");

    await page.reload();
    await comments(page).first().waitFor();
    await page.getByRole("button", { name: "View all comments" }).click();
    await eventually(async () => assert.equal(await items.count(), 28));
  }, {}, { postingLimits: false }));

test("deep replies are drawn flat at depth 3 with 'in reply to NAME'; deleted ones leave a placeholder", () =>
  session(browser, async ({ server, page }) => {
    let parent = (await postComment(server.base, { author: "Level0", body: "top" })).comment.id;
    for (let depth = 1; depth <= 5; depth++) {
      parent = (await postComment(server.base, { author: `Level${depth}`, body: `depth ${depth}`, parent })).comment.id;
    }
    const doomed = await postComment(server.base, { author: "Gone", body: "will be deleted" });
    await postComment(server.base, { author: "Answer", body: "still here", parent: doomed.comment.id });
    const removed = await fetch(`${server.base}/api/v1/comments/${doomed.comment.id}`, {
      method: "DELETE", headers: { "Sala-Edit-Token": doomed.edit_token } });
    assert.equal(removed.status, 204);

    await openDemo(page, server.base);
    const level4 = byAuthor(page, "Level4");
    assert.match(await level4.getAttribute("class"), /\bd3\b/);
    assert.equal(await level4.getAttribute("data-depth"), "4");
    assert.equal((await level4.locator(".head").textContent()).includes("in reply to Level3"), true);
    assert.equal(await level4.locator(".head bdi", { hasText: "Level3" }).count(), 1);
    assert.equal(await byAuthor(page, "Level2").locator(".head").textContent().then((t) => t.includes("in reply to")), false);

    const placeholder = comments(page).filter({ hasText: "This comment was deleted." });
    assert.equal(await placeholder.count(), 1);
    assert.equal(await placeholder.locator("button").count(), 0);
    assert.equal(await byAuthor(page, "Answer").getAttribute("data-depth"), "1");
  }));
