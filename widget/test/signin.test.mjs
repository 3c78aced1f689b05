// Reader sign-in by e-mail in the browser: asking for a link from the comment form, opening the
// mailed link in the same browser (signed in, the code gone from the address) and in another
// (refused, the link still good), posting as a verified reader, signing out, and a server that
// sends no mail (no sign-in offered). The mail goes through a real SMTP server on loopback.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { binary, byAuthor, eventually, focused, launchBrowser, openDemo, routeDemo, saveScreenshot, session } from "../test-support/browser.mjs";
import { startSmtpSink } from "../test-support/smtp.mjs";

let browser;
let sink;
before(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink();
});
after(async () => {
  await browser?.close();
  await sink?.stop();
});

const form = (page) => page.locator("#sala-thread section.thread > form").last();
const signinForm = (page) => page.getByRole("form", { name: "Sign in with email" });
const linkIn = (mail) => /https?:\/\/\S+#sala-signin=[\w-]+/.exec(mail.body)?.[0];
const stored = (page, key) => page.evaluate((k) => localStorage.getItem(`sala:demo:${k}`), key);

async function askForLink(page, { name, email }) {
  await form(page).getByRole("button", { name: "Sign in with email" }).click();
  const panel = signinForm(page);
  await panel.getByLabel("Name").fill(name);
  await panel.getByLabel("Email").fill(email);
  await panel.getByRole("button", { name: "Send me a link" }).click();
  await eventually(async () => assert.match(await panel.locator(".note").textContent(), /Check your inbox/));
}

test("a link asked for in the form signs the reader in on the page it opens, once", () =>
  session(browser, async ({ server, context, page }) => {
    const before = (await sink.messages(0)).length;
    await openDemo(page, server.base);
    await askForLink(page, { name: "Chenda Sok", email: "chenda@example.org" });
    const mails = await sink.messages(before + 1);
    const mail = mails[before];
    assert.deepEqual(mail.rcpt_tos, ["chenda@example.org"]);
    const link = linkIn(mail);
    assert.ok(link?.startsWith(`${server.base}/`), `a link to the article page: ${mail.body}`);
    assert.ok(await stored(page, "signin"), "the browser keeps the secret the link needs");
    assert.equal(await stored(page, "reader"), null);

    // Opened in another browser (or by whoever read the mail there): refused, and the link stays good.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await routeDemo(other, server.base);
    await other.goto(link);
    await other.locator("#sala-thread [role=alert]", { hasText: "browser where you asked" }).waitFor();
    assert.equal(new URL(other.url()).hash, "", "the code leaves the address at once");
    await elsewhere.close();

    const opened = await context.newPage();
    await routeDemo(opened, server.base);
    await opened.goto(link);
    await eventually(async () => assert.match(await form(opened).locator(".as").textContent(), /Commenting as Chenda Sok/));
    assert.equal(new URL(opened.url()).hash, "", "the code is not left in the address bar or history");
    assert.match(await stored(opened, "reader"), /^"s1\./);
    assert.equal(await stored(opened, "signin"), null);
    assert.match(await opened.locator("#sala-thread .note").first().textContent(), /signed in as Chenda Sok/);
    await saveScreenshot(opened.locator("#sala-thread section.thread"), "signin-signed-in.png");

    // The first tab, where the reader asked, follows without a reload.
    await eventually(async () => assert.match(await form(page).locator(".as").textContent(), /Chenda Sok/));

    // The same link a second time: used.
    const again = await context.newPage();
    await routeDemo(again, server.base);
    await again.goto(`${server.base}/?again`);
    await again.evaluate(() => localStorage.setItem("sala:demo:signin", JSON.stringify({ binding: "x".repeat(32), expires: Date.now() + 60000 })));
    await again.goto(link);
    await again.locator("#sala-thread [role=alert]", { hasText: "used or has expired" }).waitFor();
    await again.close();

    // Posting as the verified reader: the server's name, and the mark.
    await form(opened).getByLabel("Comment", { exact: true }).fill("Signed in, by mail.");
    await form(opened).getByRole("button", { name: "Post comment" }).click();
    const mine = byAuthor(opened, "Chenda Sok");
    await mine.first().waitFor();
    assert.equal(await mine.first().locator(".tag").textContent(), "Verified");

    // Signing out: the name field is back, the token is gone here and refused by the server.
    const token = JSON.parse(await stored(opened, "reader"));
    await form(opened).getByRole("button", { name: "Sign out" }).click();
    await eventually(async () => assert.equal(await form(opened).getByLabel("Name").count(), 1));
    assert.equal(await stored(opened, "reader"), null);
    assert.ok((await focused(opened)).inForm, "the focus stays in the form");
    await eventually(async () => {
      const refused = await fetch(`${server.base}/api/v1/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Sala-Reader": token },
        body: JSON.stringify({ site: "demo", thread: "/", author: "x", body: "after signing out" }),
      });
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).error.code, "reader_token_revoked");
    });
  }, {}, { config: sink.config }));

test("the sign-in form: from the keyboard, with its errors, and Escape gives the focus back", () =>
  session(browser, async ({ server, page }) => {
    await openDemo(page, server.base);
    const signIn = form(page).getByRole("button", { name: "Sign in with email" });
    await signIn.focus();
    await page.keyboard.press("Enter");
    const panel = signinForm(page);
    await panel.waitFor();
    assert.equal((await focused(page)).name, "name", "the first empty field takes the focus");
    await page.keyboard.type("Dara");
    await page.keyboard.press("Tab");
    await page.keyboard.type("not an address");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.match(await panel.locator(".err").textContent(), /email/i));
    await saveScreenshot(page.locator("#sala-thread section.thread"), "signin-form.png", { clip: undefined });
    assert.equal(await panel.getByLabel("Email").getAttribute("aria-invalid"), "true");
    await page.keyboard.press("Escape");
    assert.equal(await signinForm(page).count(), 0);
    assert.equal((await focused(page)).text, "Sign in with email");
  }, {}, { config: sink.config }));

test("a site for signed-in readers only: set in the dashboard, the form asks for a sign-in instead of a name", () =>
  session(browser, async ({ server, context, page }) => {
    execFileSync(binary, ["user", "add", "Desk", "--role", "moderator", "--site", "demo", "--db", server.db],
      { input: "desk password 1\n" });
    const admin = await context.newPage();
    await admin.goto(`${server.base}/admin/`);
    await admin.getByLabel("Name").fill("Desk");
    await admin.getByLabel("Password").fill("desk password 1");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.getByRole("tab", { name: "Settings" }).click();
    const anonymous = admin.getByLabel("Readers may comment under a name without signing in");
    assert.equal(await anonymous.isChecked(), true, "allowed unless the site says otherwise");
    await anonymous.uncheck();
    await admin.getByRole("button", { name: "Save" }).click();
    await eventually(async () => assert.equal(await admin.getByRole("status").textContent(), "Settings saved."));

    const refused = await fetch(`${server.base}/api/v1/comments`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ site: "demo", thread: "/", author: "Keo", body: "Under a name." }),
    });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, "signed_in_readers_only");

    await openDemo(page, server.base);
    await eventually(async () => assert.match(await form(page).locator(".as").textContent(), /^Sign in to comment\./));
    assert.equal(await form(page).getByLabel("Name").count(), 0, "no name to fill in");
    await form(page).getByLabel("Comment", { exact: true }).fill("My view, once signed in.");
    await form(page).getByRole("button", { name: "Post comment" }).click();
    await signinForm(page).waitFor();
    assert.equal(await form(page).getByRole("alert").textContent(), "Sign in to comment.");
    assert.equal(await form(page).getByLabel("Comment", { exact: true }).inputValue(), "My view, once signed in.",
      "the text waits in the form");
  }, {}, { config: sink.config }));

test("a server that sends no mail offers no sign-in", () =>
  session(browser, async ({ page, server }) => {
    await openDemo(page, server.base);
    await form(page).getByLabel("Name").waitFor();
    assert.equal(await form(page).getByRole("button", { name: "Sign in with email" }).count(), 0);
  }));
