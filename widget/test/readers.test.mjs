// Verified readers and moderation marks: a publisher's signed reader token on the embed script
// (data-sala-reader-token), "Commenting as NAME", refused tokens, and the Pinned and Featured
// labels a moderator's decisions put on comments.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";
import { binary, byAuthor, comments, eventually, launchBrowser, openDemo, postComment, session, storedKeys } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const form = (page) => page.locator("#sala-thread section.thread > form");
const b64url = (text) => Buffer.from(text).toString("base64url");

/** A token as docs/sso.md tells publishers to sign it. */
function sign(key, claims) {
  const signed = "v1." + b64url(JSON.stringify({ site: "demo", sub: "42", exp: Math.floor(Date.now() / 1000) + 3600, ...claims }));
  return `${signed}.${createHmac("sha256", key).update(signed).digest("base64url")}`;
}

const ssoKey = (server) => execFileSync(binary, ["site", "sso-key", "demo", "--db", server.db], { encoding: "utf8" }).trim();

/** The demo page with the token on its embed script, and every POST /comments' Sala-Reader header. */
async function openWithToken(page, server, token) {
  const sent = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url() === `${server.base}/api/v1/comments`) {
      sent.push(request.headers()["sala-reader"] ?? null);
    }
  });
  await openDemo(page, server.base, {
    rewrite: (html) => html.replace('data-sala-site="demo"', `data-sala-site="demo" data-sala-reader-token="${token}"`),
  });
  return sent;
}

test("a verified reader comments as the token's name, with its badge; the token goes only in Sala-Reader", () =>
  session(browser, async ({ server, page }) => {
    const token = sign(ssoKey(server), { name: "Dara Chan", badge: "Subscriber" });
    const sent = await openWithToken(page, server, token);
    assert.equal(await form(page).locator(".as").textContent(), "Commenting as Dara Chan");
    assert.equal(await form(page).getByLabel("Name").count(), 0, "no name field for a verified reader");
    assert.equal(await form(page).getByLabel("Email (optional)").count(), 1, "the email for notifications stays");

    await form(page).getByLabel("Comment", { exact: true }).fill("Signed in, and it shows.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    const mine = comments(page).filter({ hasText: "Signed in, and it shows." });
    await mine.waitFor();
    assert.equal(await mine.locator(".name").textContent(), "Dara Chan");
    assert.equal(await mine.locator(".tag").textContent(), "Subscriber");
    assert.deepEqual(sent, [token]);
    assert.deepEqual(await storedKeys(page), ["sala:demo:edit"], "the reader's name is not kept in the browser");

    // The reply form says the same, and a reply is posted under the same name.
    const vannak = comments(page).filter({ has: page.locator(".name", { hasText: /^Vannak$/ }) });
    await vannak.getByRole("button", { name: "Reply" }).click();
    await vannak.locator("form .as").waitFor();
    assert.equal(await vannak.locator("form").getByLabel("Name").count(), 0);
  }));

test("the page's name is only shown: a tampered name is refused by the server, and the reader told", () =>
  session(browser, async ({ server, page }) => {
    const good = sign(ssoKey(server), { name: "Dara Chan" });
    const [head, payload, mac] = good.split(".");
    const forged = [head, b64url(Buffer.from(payload, "base64url").toString().replace("Dara Chan", "The Editor")), mac].join(".");
    const sent = await openWithToken(page, server, forged);
    assert.equal(await form(page).locator(".as").textContent(), "Commenting as The Editor");
    const box = form(page).getByLabel("Comment", { exact: true });
    await box.fill("Posting under a borrowed name.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.match(await form(page).getByRole("alert").textContent(), /^Your sign-in has expired\. Sign in again/));
    assert.equal(await box.inputValue(), "Posting under a borrowed name.", "the text stays in the form");
    assert.equal(await comments(page).filter({ hasText: "borrowed name" }).count(), 0);
    assert.deepEqual(sent, [forged]);

    // The refused token is not sent again. The form asks for a name instead of "Commenting as",
    // and nothing goes until the reader gives one: never a post under the forged name.
    assert.equal(await form(page).locator(".as").count(), 0);
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.equal(await form(page).getByRole("alert").textContent(), "Please enter a name."));
    assert.equal(sent.length, 1, "nothing was sent without a name");
    await form(page).getByLabel("Name").fill("Visitor");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(() => assert.equal(sent.length, 2));
    assert.equal(sent[1], null, "posted anonymously, without the refused token");
    await byAuthor(page, "Visitor").first().waitFor();
    assert.equal(await comments(page).filter({ hasText: "The Editor" }).count(), 0);
  }));

test("an expired token: the reader is told to sign in again; in Khmer too", () =>
  session(browser, async ({ server, page }) => {
    const token = sign(ssoKey(server), { name: "Dara Chan", exp: Math.floor(Date.now() / 1000) - 60 });
    await page.route(`${server.base}/api/v1/comments`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      assert.equal(response.status(), 401);
      assert.equal((await response.json()).error.code, "reader_token_expired");
      await route.fulfill({ response });
    });
    await openDemo(page, server.base, {
      rewrite: (html) => html.replace('data-sala-site="demo"', `data-sala-site="demo" data-sala-lang="km" data-sala-reader-token="${token}"`),
    });
    assert.equal(await form(page).locator(".as").textContent(), "បញ្ចេញមតិក្នុងនាម Dara Chan");
    await form(page).locator("textarea").fill("Too late.");
    await form(page).locator("button[type=submit]").click();
    await eventually(async () => assert.match(await form(page).getByRole("alert").textContent(), /^ការចូលគណនីរបស់អ្នកផុតកំណត់ហើយ/));
  }));

test("pinned and featured comments are labelled, in English and Khmer", () =>
  session(browser, async ({ server, page }) => {
    const { comment } = await postComment(server.base, { author: "Sreymom", body: "Worth reading first." });
    execFileSync(binary, ["user", "add", "Desk", "--role", "moderator", "--site", "demo", "--db", server.db],
      { input: "desk password 1\n" });
    const signIn = await fetch(`${server.base}/admin/api/session`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Desk", password: "desk password 1" }),
    });
    assert.equal(signIn.status, 200);
    const { csrf_token } = await signIn.json();
    const cookie = signIn.headers.get("set-cookie").split(";")[0];
    for (const mark of ["pin", "feature"]) {
      const done = await fetch(`${server.base}/admin/api/comments/${comment.id}/${mark}`, {
        method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf_token },
        body: "{}",
      });
      assert.equal(done.status, 200, mark);
    }
    const featuredOnly = (await postComment(server.base, { author: "Rith", body: "Featured, not pinned." })).comment;
    const res = await fetch(`${server.base}/admin/api/comments/${featuredOnly.id}/feature`, {
      method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrf_token },
      body: "{}",
    });
    assert.equal(res.status, 200);

    await openDemo(page, server.base);
    const pinned = comments(page).first();
    assert.equal(await pinned.locator(".name").textContent(), "Sreymom", "a pinned comment opens the thread");
    assert.deepEqual(await pinned.locator(".head .tag").allTextContents(), ["Pinned", "Featured"]);
    const rith = comments(page).filter({ hasText: "Featured, not pinned." });
    assert.deepEqual(await rith.locator(".head .tag").allTextContents(), ["Featured"]);
    const plain = comments(page).filter({ has: page.locator(".name", { hasText: /^Vannak$/ }) });
    assert.deepEqual(await plain.locator(".head .tag").allTextContents(), []);

    await openDemo(page, server.base, { rewrite: (html) => html.replace('data-sala-site="demo"', 'data-sala-site="demo" data-sala-lang="km"') });
    assert.deepEqual(await comments(page).first().locator(".head .tag").allTextContents(), ["បានខ្ទាស់", "ពិសេស"]);
  }, {}, { postingLimits: false }));
