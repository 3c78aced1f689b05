// The hostile inputs of SECURITY.md 2.1 and 2.2, posted as bodies and names: they must stay inert.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { comments, launchBrowser, openDemo, postComment, session } from "../test-support/browser.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const bodies = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "<style>*{display:none}</style>",
  '<form action="https://evil.example"><input name=x></form>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](file:///etc/passwd)",
  "[x](javascript&#58;alert(1))",
  "[x](&#x6A;avascript:alert(1))",
  "[x](<java\tscript:alert(1)>)",
  "[x]( javascript:alert(1))",
  "<javascript:alert(1)>",
  "[x][r]\n\n[r]: javascript:alert(1)",
  '[x](https://a.example "\\" onmouseover=\\"alert(1)")',
  "[x](https://a.example 'x' onmouseover='alert(1)')",
  '![x](https://a.example/x.png" onerror="alert(1))',
  "![x](javascript:alert(1))",
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  "<svg><style><img src=x onerror=alert(1)></style></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<select><option><style><script>alert(1)</script>",
  "<ſcript>alert(1)</ſcript>",
  '> <a href="javascript:alert(1)">*x*</a>',
  '<a href="https://evil.example" target=_blank>x</a>',
  "https://news.example\u202E/lmth.live",
];
const names = ['"><svg onload=alert(1)>', "' onmouseover='alert(1)", "</span><svg/onload=alert('xss')>"];

test("XSS payloads as bodies and names render inert, through the API and through the form", () =>
  session(browser, async ({ server, page }) => {
    for (const [i, body] of bodies.entries()) await postComment(server.base, { author: names[i % names.length], body });
    const dialogs = [];
    page.on("dialog", (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    const foreign = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("data:") && new URL(request.url()).origin !== server.base) foreign.push(request.url());
    });
    await openDemo(page, server.base);
    await page.getByRole("button", { name: "View all comments" }).click();
    await page.waitForFunction((n) => document.querySelector("#sala-thread").shadowRoot.querySelectorAll("article.c").length >= n,
      bodies.length + 6);

    const compose = page.locator("#sala-thread section.thread > form");
    await compose.getByLabel("Name").fill(names[0]);
    await compose.getByLabel("Comment").fill("<img src=x onerror=alert(1)> **and** <script>alert(2)</script>");
    await compose.getByRole("button", { name: "Preview" }).click();
    await compose.getByRole("button", { name: "Post comment" }).click();
    await comments(page).first().locator(".acts").waitFor();

    // Hover and click through every comment body, where an injected handler would fire.
    for (const body of await page.locator("#sala-thread article.c .body").all()) await body.hover();
    await page.waitForTimeout(300);

    const report = await page.evaluate(() => {
      const root = document.querySelector("#sala-thread").shadowRoot;
      const all = [...root.querySelectorAll("*")];
      return {
        handlers: all.flatMap((n) => [...n.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${n.tagName}[${a.name}]`)),
        active: [...root.querySelectorAll("script, iframe, object, embed, style, link, meta, base, img, input:not([name=author]):not([name=email]), .body form, .body svg, .body math, .body select, .body noscript")]
          .map((n) => n.outerHTML.slice(0, 80)),
        badLinks: [...root.querySelectorAll("[href], [src], [action], [formaction]")]
          .map((n) => n.getAttribute("href") || n.getAttribute("src") || n.getAttribute("action") || n.getAttribute("formaction") || "")
          .filter((u) => /^\s*(javascript|vbscript|data|file):/i.test(u)),
        targets: [...root.querySelectorAll(".body a[target]")].length,
        names: [...root.querySelectorAll("article.c .name")].map((n) => n.textContent),
      };
    });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(report.handlers, []);
    assert.deepEqual(report.active, []);
    assert.deepEqual(report.badLinks, []);
    assert.equal(report.targets, 0);
    for (const name of names) assert.ok(report.names.includes(name), `name shown as text: ${name}`);
    assert.deepEqual(foreign, []);
    assert.equal(await comments(page).first().locator(".body").textContent(),
      "<img src=x onerror=alert(1)> and <script>alert(2)</script>\n");

    // A body with a right-to-left override is isolated (dir="auto"), so the text after it, the
    // next comment's included, keeps its own direction.
    const rtl = comments(page).filter({ hasText: "lmth.live" });
    assert.equal(await rtl.count(), 1);
    assert.equal(await rtl.locator(".body").getAttribute("dir"), "auto");
    assert.equal(await rtl.locator("bdi.name").getAttribute("dir"), "auto");
  }, {}, { postingLimits: false }));
