// The moderator's dashboard in a real browser: sign in, hold every comment, see a new one arrive
// in the queue live, approve it from the keyboard, and find it published.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { binary, eventually, launchBrowser, saveScreenshot, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("dashboard: sign in, premoderate, a held comment arrives live and is approved with 'a'", () =>
  session(browser, async ({ server, page }) => {
    execFileSync(binary, ["user", "add", "Desk", "--role", "moderator", "--site", "demo", "--db", server.db],
      { input: "desk password 1\n" });
    await page.goto(`${server.base}/admin/`);
    await page.getByLabel("Name").fill("Desk");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(async () => assert.equal(await page.getByRole("alert").textContent(), "wrong name or password"));
    await page.getByLabel("Password").fill("desk password 1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Desk (moderator)").waitFor();
    assert.deepEqual(await page.context().cookies().then((all) => all.map((c) => [c.name, c.httpOnly, c.sameSite])),
      [["sala_session", true, "Strict"]]);

    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByLabel("Hold every comment for a moderator").check();
    await page.getByRole("button", { name: "Save" }).click();
    await eventually(async () => assert.equal(await page.getByRole("status").textContent(), "Settings saved."));

    await page.getByRole("tab", { name: /Pending/ }).click();
    await page.getByText("Nothing waits here.").waitFor();
    const posted = await fetch(`${server.base}/api/v1/comments`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ site: "demo", thread: "/", author: "Keo", body: "Please *check* this one." }),
    });
    assert.equal(posted.status, 202);
    const item = page.locator("#view .item", { hasText: "Please check this one." });
    await item.waitFor({ timeout: 10000 }); // arrives through the queue's live events, no reload
    assert.equal(await item.locator(".body em").textContent(), "check");
    assert.equal(await page.locator("[data-size=pending]").textContent(), "1");
    await saveScreenshot(page, "admin-queue.png", { fullPage: true });

    await page.keyboard.press("a");
    await eventually(async () => assert.match(await page.getByRole("status").textContent(), /approved/));
    assert.equal(await item.count(), 0);
    const thread = await (await fetch(`${server.base}/api/v1/comments?site=demo&thread=%2F`)).json();
    assert.ok(thread.comments.some((c) => c.author.name === "Keo"), "published after approval");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    const me = await page.evaluate(async () => (await fetch("/admin/api/me")).status);
    assert.equal(me, 401);
  }));
