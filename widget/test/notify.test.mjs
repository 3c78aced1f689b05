// "Notify of": subscribing to a thread without posting, asking for notifications with a post,
// and a server that sends no mail. Mail "on" is the real server with a [mail] table: a
// subscription is stored and its confirmation queued, so the answer is a real 202 even though
// no SMTP server listens.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byAuthor, eventually, focused, launchBrowser, openDemo, saveScreenshot, session, storedKeys } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const mailOn = { config: '\n[mail]\nsmtp_url = "smtp://127.0.0.1:9"\nfrom = "comments@example.org"\n' };
const form = (page) => page.locator("#sala-thread section.thread > form");
const notify = (page) => form(page).getByRole("group", { name: "Notify of" });
const region = (page) => page.locator("#sala-thread .sr[role=status]");

/** Records the JSON bodies of the widget's POSTs to `path`, with the server's statuses. */
function recordPosts(page, path) {
  const seen = [];
  page.on("response", async (response) => {
    const request = response.request();
    if (request.method() === "POST" && new URL(request.url()).pathname === path) {
      seen.push({ body: request.postDataJSON(), status: response.status() });
    }
  });
  return seen;
}

test("the control: a group with a legend, two boxes unticked, usable from the keyboard", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const group = notify(page);
    const thread = group.getByLabel("new follow-up comments");
    const replies = group.getByLabel("new replies to my comments");
    assert.equal(await group.evaluate((node) => node.tagName), "FIELDSET");
    assert.equal(await thread.isChecked(), false, "nothing is asked for until the reader ticks a box");
    assert.equal(await replies.isChecked(), false);

    await form(page).getByLabel("Email (optional)").focus();
    await page.keyboard.press("Tab");
    assert.equal(await thread.evaluate((node) => node === node.getRootNode().activeElement), true);
    await page.keyboard.press("Space");
    assert.equal(await thread.isChecked(), true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    assert.equal(await replies.isChecked(), true);
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).text, "Subscribe");
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).name, "body", "then the comment");

    // A reply form offers the choice too, without the Subscribe button.
    await byAuthor(page, "Vannak").getByRole("button", { name: "Reply" }).click();
    const replyGroup = byAuthor(page, "Vannak").locator("form").getByRole("group", { name: "Notify of" });
    assert.equal(await replyGroup.getByRole("checkbox").count(), 2);
    assert.equal(await replyGroup.getByRole("button").count(), 0);
    assert.deepEqual(await storedKeys(page), []);
  }));

test("subscribe without posting: the request, then 'check your inbox', announced; nothing stored", () =>
  session(browser, async ({ server, page }) => {
    const seen = recordPosts(page, "/api/v1/subscriptions");
    await openDemo(page, server.base);
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    assert.equal(await form(page).locator(".err").textContent(), "Please enter your email.");
    assert.equal((await focused(page)).name, "email");
    assert.equal(seen.length, 0);

    await form(page).getByLabel("Email (optional)").fill("reader@example.org");
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    await eventually(async () => assert.equal(await form(page).locator(".note").textContent(), "Check your inbox to confirm."));
    await eventually(async () => assert.equal(await region(page).textContent(), "Check your inbox to confirm."));
    assert.equal(seen.length, 1);
    assert.equal(seen[0].status, 202);
    const { url, title, ...rest } = seen[0].body;
    assert.deepEqual(rest, { site: "demo", thread: "/", email: "reader@example.org", kind: "thread" });
    assert.equal(typeof url, "string");
    assert.equal(await form(page).getByLabel("Email (optional)").inputValue(), "reader@example.org");
    assert.equal(await form(page).locator(".err").textContent(), "");
    assert.deepEqual(await storedKeys(page), [], "the address is not kept in the browser");

    // Only "replies" ticked: the subscription is for replies.
    await notify(page).getByLabel("new replies to my comments").check();
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    await eventually(() => assert.equal(seen.length, 2));
    assert.equal(seen[1].body.kind, "replies");
  }, {}, mailOn));

test("posting with a choice sends notify; the form says a confirmation mail comes", () =>
  session(browser, async ({ server, page }) => {
    const seen = recordPosts(page, "/api/v1/comments");
    await openDemo(page, server.base);
    await form(page).getByLabel("Name").fill("Dalin");
    await form(page).getByLabel("Comment", { exact: true }).fill("Tell me when someone answers.");
    await notify(page).getByLabel("new replies to my comments").check();
    await form(page).getByRole("button", { name: "Post comment" }).click();
    assert.equal(await form(page).locator(".err").textContent(), "Please enter your email.");
    assert.equal((await focused(page)).name, "email");
    assert.equal(seen.length, 0, "no post without the address the choice needs");

    await form(page).getByLabel("Email (optional)").fill("dalin@example.org");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await byAuthor(page, "Dalin").waitFor();
    const message = "Your comment was posted. Check your inbox to confirm.";
    await eventually(async () => assert.equal(await form(page).locator(".note").textContent(), message));
    await eventually(async () => assert.equal(await region(page).textContent(), message));
    assert.equal(seen.length, 1);
    assert.equal(seen[0].status, 201);
    assert.equal(seen[0].body.notify, "replies");
    assert.equal(seen[0].body.email, "dalin@example.org");
    assert.equal(await form(page).getByLabel("Email (optional)").inputValue(), "", "the form lets the address go");
    assert.equal(await notify(page).getByLabel("new replies to my comments").isChecked(), false);
    assert.deepEqual(await storedKeys(page), ["sala:demo:edit", "sala:demo:name"], "no email is stored");

    // Both boxes: the whole thread (which has the replies), here on a reply.
    await byAuthor(page, "Vannak").getByRole("button", { name: "Reply" }).click();
    const reply = byAuthor(page, "Vannak").locator("form");
    await reply.getByLabel("Email (optional)").fill("dalin@example.org");
    await reply.getByLabel("new follow-up comments").check();
    await reply.getByLabel("new replies to my comments").check();
    await reply.getByLabel("Comment", { exact: true }).fill("Following this one.");
    await reply.getByRole("button", { name: "Post reply" }).click();
    await eventually(() => assert.equal(seen.length, 2));
    assert.equal(seen[1].body.notify, "thread");
    assert.equal(typeof seen[1].body.parent, "number");

    // No box ticked: no notify field at all.
    await form(page).getByLabel("Comment", { exact: true }).fill("Just a comment.");
    await form(page).getByLabel("Email (optional)").fill("dalin@example.org");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(() => assert.equal(seen.length, 3));
    assert.equal("notify" in seen[2].body, false);
  }, {}, mailOn));

test("a 422 for the address keeps what was typed and marks the field", () =>
  session(browser, async ({ server, page }) => {
    const seen = recordPosts(page, "/api/v1/subscriptions");
    await openDemo(page, server.base);
    const email = form(page).getByLabel("Email (optional)");
    await email.fill("not an address");
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    await eventually(async () => assert.notEqual(await form(page).locator(".err").textContent(), ""));
    assert.equal(seen[0].status, 422);
    assert.equal(await email.inputValue(), "not an address");
    assert.equal(await email.getAttribute("aria-invalid"), "true");
    assert.equal(await form(page).locator(".note").textContent(), "");

    // The same with a post: the comment stays in the form as well.
    await form(page).getByLabel("Name").fill("Mony");
    await form(page).getByLabel("Comment", { exact: true }).fill("Keep this text.");
    await notify(page).getByLabel("new follow-up comments").check();
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await eventually(async () => assert.equal(await email.getAttribute("aria-invalid"), "true"));
    assert.equal(await form(page).getByLabel("Comment", { exact: true }).inputValue(), "Keep this text.");
    assert.equal(await email.inputValue(), "not an address");
    assert.equal(await notify(page).getByLabel("new follow-up comments").isChecked(), true);
    assert.equal(await byAuthor(page, "Mony").count(), 0);

    // Fixing the address clears the mark on the next try.
    await email.fill("mony@example.org");
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    await eventually(async () => assert.equal(await form(page).locator(".note").textContent(), "Check your inbox to confirm."));
    assert.equal(await email.getAttribute("aria-invalid"), null);
  }, {}, mailOn));

test("429: the reason and when to try again; the address stays", () =>
  session(browser, async ({ server, page }) => {
    // The server answers 429 to a flood only; this is its recorded answer.
    await page.route(`${server.base}/api/v1/subscriptions`, (route) => route.fulfill({
      status: 429,
      headers: { "Retry-After": "30", "Access-Control-Allow-Origin": "*" },
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests." } }),
    }));
    await openDemo(page, server.base);
    await form(page).getByLabel("Email (optional)").fill("reader@example.org");
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    await eventually(async () =>
      assert.equal(await form(page).locator(".err").textContent(), "Too many requests. Try again in 30 seconds."));
    assert.equal(await form(page).getByLabel("Email (optional)").inputValue(), "reader@example.org");
  }, {}, mailOn));

test("a server without mail: the control says so and goes; a post with a choice still goes through", () =>
  session(browser, async ({ server, page }) => {
    const subscriptions = recordPosts(page, "/api/v1/subscriptions");
    const posts = recordPosts(page, "/api/v1/comments");
    await openDemo(page, server.base);
    await form(page).getByLabel("Email (optional)").fill("reader@example.org");
    await notify(page).getByRole("button", { name: "Subscribe" }).click();
    const off = "This site sends no email notifications.";
    await eventually(async () => assert.equal(await notify(page).count(), 0, "the control is gone"));
    assert.equal(subscriptions[0].status, 404);
    assert.equal(await form(page).locator("p.hint").textContent(), off);
    assert.equal((await focused(page)).text, off, "the focus lands on the sentence that replaced the button");
    await eventually(async () => assert.equal(await region(page).textContent(), off));
    assert.equal(await form(page).locator(".err").textContent(), "", "not an error: a fact about the site");
    assert.equal(await form(page).getByLabel("Email (optional)").inputValue(), "reader@example.org");

    // A reply form opened afterwards does not offer it any more.
    await byAuthor(page, "Vannak").getByRole("button", { name: "Reply" }).click();
    assert.equal(await byAuthor(page, "Vannak").locator("form fieldset").count(), 0);
  }));

test("a server without mail: a post that asked for notifications is posted, and the reader told", () =>
  session(browser, async ({ server, page }) => {
    const posts = recordPosts(page, "/api/v1/comments");
    await openDemo(page, server.base);
    await form(page).getByLabel("Name").fill("Sokun");
    await form(page).getByLabel("Email (optional)").fill("sokun@example.org");
    await form(page).getByLabel("Comment", { exact: true }).fill("Hoping for replies.");
    await notify(page).getByLabel("new follow-up comments").check();
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await byAuthor(page, "Sokun").waitFor();
    const message = "Your comment was posted. This site sends no email notifications.";
    await eventually(async () => assert.equal(await form(page).locator(".note").textContent(), message));
    assert.deepEqual(posts.map((p) => [p.status, p.body.notify]), [[422, "thread"], [201, undefined]]);
    assert.equal(await notify(page).count(), 0);
  }));

test("screenshots: the form with the control, light and Khmer", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    await notify(page).getByLabel("new replies to my comments").check();
    await saveScreenshot(form(page), "widget-notify-light.png");
    await openDemo(page, server.base, { rewrite: (html) => html.replace('data-sala-thread="/"', 'data-sala-thread="/" data-sala-lang="km"') });
    const group = form(page).getByRole("group", { name: "ជូនដំណឹងអំពី" });
    await group.getByRole("checkbox").first().check();
    await saveScreenshot(form(page), "widget-notify-khmer.png");
  }, { viewport: { width: 900, height: 900 }, colorScheme: "light" }, mailOn));
