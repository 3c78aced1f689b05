// Pictures of the demo page's comment section for people to look at: light, dark, Khmer and a
// 360-pixel-wide phone, saved to ../test-artifacts/. They also check a few layout facts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { comments, launchBrowser, openDemo, postComment, saveScreenshot, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function seedMore(base) {
  const top = await postComment(base, { author: "សុខា", body: "សូមអរគុណសម្រាប់អត្ថបទនេះ។ **ស្ថានីយ៍វិទ្យុ** ត្រូវការការគាំទ្រពីយើង។" });
  let parent = top.comment.id;
  for (const name of ["Lina", "Piseth", "Rachana", "Nary"]) {
    parent = (await postComment(base, { author: name, body: `Replying one level deeper, as ${name}.`, parent })).comment.id;
  }
  await postComment(base, { author: "سارا", body: "تعليق باللغة العربية للتحقق من الاتجاه.\n\nAnd a second paragraph." });
}

async function shoot(page, name) {
  await comments(page).first().waitFor();
  await page.locator("[data-sala-popular] li").first().waitFor();
  // Off-screen comments are laid out only near the viewport; a picture of the whole section
  // needs all of them drawn.
  await page.evaluate(() => {
    const root = document.querySelector("#sala-thread").shadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".item { content-visibility: visible; }");
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  });
  await saveScreenshot(page.locator("#comments"), `widget-${name}.png`);
}

test("screenshots: light", () =>
  session(browser, async ({ server, page }) => {
    await seedMore(server.base);
    await openDemo(page, server.base);
    await byVote(page);
    await shoot(page, "light");
    await saveScreenshot(page.locator("div.share"), "widget-share-light.png");
    await saveScreenshot(page.locator("[data-sala-popular]"), "widget-popular-light.png");
  }, { viewport: { width: 900, height: 900 }, colorScheme: "light" }));

test("screenshots: dark", () =>
  session(browser, async ({ server, page }) => {
    await seedMore(server.base);
    await openDemo(page, server.base);
    assert.equal(await page.locator("#sala-thread .sala").getAttribute("data-scheme"), "dark");
    await shoot(page, "dark");
  }, { viewport: { width: 900, height: 900 }, colorScheme: "dark" }));

test("screenshots: Khmer", () =>
  session(browser, async ({ server, page }) => {
    await seedMore(server.base);
    await openDemo(page, server.base, { rewrite: (html) => html.replace('data-sala-thread="/"', 'data-sala-thread="/" data-sala-lang="km"') });
    assert.equal(await page.locator("#sala-thread h2").first().textContent(), "មតិយោបល់ 12");
    assert.equal(await page.locator("#sala-thread .sala").getAttribute("lang"), "km");
    await shoot(page, "khmer");
  }, { viewport: { width: 900, height: 900 }, colorScheme: "light" }));

test("screenshots: a 360-pixel-wide phone, with no sideways scrolling", () =>
  session(browser, async ({ server, page }) => {
    await seedMore(server.base);
    await openDemo(page, server.base);
    await shoot(page, "phone");
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "fits 360 px");
  }, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }));

/** Gives the screenshots a vote and an open reply form to show. */
async function byVote(page) {
  await page.locator("#sala-thread article.c").first().getByRole("button", { name: "Vote up" }).click();
  await page.locator("#sala-thread article.c").nth(1).getByRole("button", { name: "Reply" }).click();
}
