// Proof of work: on a site that asks for it, a post answered 428 loads pow.js, which fetches a
// challenge, solves it with WebCrypto while the form says so, and the post goes through.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import { binary, comments, eventually, launchBrowser, openDemo, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Sets the demo site's `challenge` setting through the admin API, as the dashboard does. */
async function askForProof(server, mode) {
  execFileSync(binary, ["user", "add", "Desk", "--role", "moderator", "--site", "demo", "--db", server.db],
    { input: "desk password 1\n" });
  const signIn = await fetch(`${server.base}/admin/api/session`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Desk", password: "desk password 1" }),
  });
  assert.equal(signIn.status, 200);
  const cookie = signIn.headers.get("set-cookie").split(";")[0];
  const { csrf_token: csrf } = await signIn.json();
  const set = await fetch(`${server.base}/admin/api/settings`, {
    method: "PUT", headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf },
    body: JSON.stringify({ site: "demo", challenge: mode, reason: "a flood of bots" }),
  });
  assert.equal(set.status, 200);
  assert.equal((await set.json()).challenge, mode);
}

function zeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

test("challenge = always: the post is solved in the browser, shown as a check, and accepted", () =>
  session(browser, async ({ server, page }) => {
    await askForProof(server, "always");
    const unsolved = await fetch(`${server.base}/api/v1/comments`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ site: "demo", thread: "/", author: "Bot", body: "no work" }),
    });
    assert.equal(unsolved.status, 428);
    assert.equal((await unsolved.json()).error.code, "challenge_required");

    await openDemo(page, server.base);
    const scripts = [];
    page.on("request", (request) => { if (/\/pow\.js$/.test(request.url())) scripts.push(request.url()); });
    const posts = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/v1/comments")) posts.push(request.postDataJSON());
    });
    // The challenge is held until the reader has been told what is going on.
    let release;
    const held = new Promise((done) => { release = done; });
    let issued;
    await page.route(`${server.base}/api/v1/challenge?*`, async (route) => {
      await held;
      const response = await route.fetch();
      issued = await response.json();
      await route.fulfill({ response });
    });

    const form = page.locator("#sala-thread section.thread > form");
    await form.getByLabel("Name").fill("Chenda");
    await form.getByLabel("Comment", { exact: true }).fill("Worth the wait.");
    await form.getByRole("button", { name: "Post comment" }).click();
    const note = form.locator(".note");
    await eventually(async () => assert.equal(await note.textContent(), "Checking that you are not a bot…"));
    release();

    await eventually(async () => assert.equal((await comments(page).first().locator(".body").textContent()).trim(), "Worth the wait."), 20000);
    assert.equal(await note.textContent(), "", "the check says nothing once done");
    assert.equal(scripts.length, 1, "pow.js is loaded once, when needed");
    assert.equal(posts.length, 2, "one refused post, one with the solution");
    assert.equal(posts[0].pow, undefined);
    const { challenge, nonce } = posts[1].pow;
    assert.equal(challenge, issued.challenge);
    assert.equal(issued.difficulty, 14);
    assert.match(nonce, /^\d+$/);
    const hash = createHash("sha256").update(`${challenge}:${nonce}`, "utf8").digest();
    assert.ok(zeroBits(hash) >= issued.difficulty, "the browser really did the work");

    // A second post loads nothing more and solves a fresh challenge.
    await form.getByLabel("Comment", { exact: true }).fill("And once more.");
    await form.getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.equal((await comments(page).first().locator(".body").textContent()).trim(), "And once more."), 20000);
    assert.equal(scripts.length, 1);
    assert.notEqual(posts[3].pow.challenge, challenge, "a challenge is spent once");
  }, {}, { postingLimits: false }));

test("challenge = off (the default): no pow.js, no challenge", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const fetched = [];
    page.on("request", (request) => { if (/pow\.js|challenge/.test(request.url())) fetched.push(request.url()); });
    const form = page.locator("#sala-thread section.thread > form");
    await form.getByLabel("Name").fill("Chenda");
    await form.getByLabel("Comment", { exact: true }).fill("Straight through.");
    await form.getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.equal((await comments(page).first().locator(".body").textContent()).trim(), "Straight through."));
    assert.deepEqual(fetched, []);
  }));
