// Embedding on a publisher's page of another origin: thread key from the canonical link,
// language from <html lang> (the Khmer messages fetched only where needed), themes, custom
// properties, style isolation both ways, the share and "Most discussed" blocks.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { comments, eventually, launchBrowser, routeDemo, session, startHostPage } from "../test-support/browser.mjs";

let browser;
let host;
before(async () => {
  browser = await launchBrowser();
  host = await startHostPage();
});
after(async () => {
  await browser?.close();
  await host?.close();
});

function publisherPage(base, { lang = "en", attrs = "", head = "" } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>A publisher's story</title>
    <link rel="canonical" href="/">
    <style>
      body { color: rgb(255, 0, 0); font-family: monospace; line-height: 3; }
      button, .btn { border: 5px dotted rgb(0, 0, 255); }
      #sala-thread { --sala-accent: rgb(0, 128, 0); }
    </style>${head}</head>
    <body><button class="btn" id="host-button">The page's own button</button>
    <div data-sala-share></div><div data-sala-popular data-sala-limit="3"></div><div id="sala-thread"></div>
    <script src="${base}/embed.js" data-sala-site="demo" ${attrs} defer></script></body></html>`;
}

async function open(page, server, options) {
  await routeDemo(page, server.base);
  host.serve(publisherPage(server.base, options));
  await page.goto(`${host.origin}/`);
  await comments(page).first().waitFor();
}

test("embedding: canonical path as thread key, styles isolated both ways, custom properties pass", () =>
  session(browser, async ({ server, page }) => {
    await open(page, server);
    assert.equal(await comments(page).count(), 6, "the thread of the canonical path /");
    const styles = await page.evaluate(() => {
      const root = document.querySelector("#sala-thread").shadowRoot;
      const name = getComputedStyle(root.querySelector(".name"));
      const post = getComputedStyle(root.querySelector("button[type=submit]"));
      const own = getComputedStyle(document.querySelector("#host-button"));
      return { color: name.color, font: name.fontFamily, accent: post.backgroundColor, postBorder: post.borderTopStyle,
        hostBorder: own.borderTopStyle, hostRadius: own.borderTopLeftRadius };
    });
    assert.notEqual(styles.color, "rgb(255, 0, 0)", "the page's text colour does not reach in");
    assert.ok(!styles.font.includes("monospace"), "nor its font");
    assert.notEqual(styles.postBorder, "dotted", "nor its button rules");
    assert.equal(styles.accent, "rgb(0, 128, 0)", "--sala-accent does");
    assert.equal(styles.hostBorder, "dotted", "our .btn rules do not reach out");
    assert.equal(styles.hostRadius, "0px");
  }, { colorScheme: "light" }, { sites: [["other", host.origin]] }));

test("embedding: data-sala-theme=dark on a light page; auto follows a host that declares color-scheme: dark", () =>
  session(browser, async ({ server, page }) => {
    const scheme = () => page.locator("#sala-thread .sala").getAttribute("data-scheme");
    await open(page, server, { attrs: 'data-sala-theme="dark"' });
    assert.equal(await scheme(), "dark");
    await open(page, server, { attrs: 'data-sala-theme="light"' });
    assert.equal(await scheme(), "light");
    await open(page, server);
    assert.equal(await scheme(), "light");
    await open(page, server, { head: "<style>:root { color-scheme: dark; }</style>" });
    assert.equal(await scheme(), "dark", "auto follows the host's declared scheme over the reader's preference");
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, server);
    assert.equal(await scheme(), "dark", "auto follows prefers-color-scheme");
  }, { colorScheme: "light" }, { sites: [["other", host.origin]] }));

test("embedding: the language comes from <html lang> (km-KH gives Khmer)", () =>
  session(browser, async ({ server, page }) => {
    await open(page, server, { lang: "km-KH" });
    assert.equal(await page.locator("#sala-thread h2").first().textContent(), "មតិយោបល់ 6");
    assert.equal(await page.getByRole("button", { name: "ឆ្លើយតប" }).count(), 6);
    assert.equal(await page.locator("[data-sala-share] h2").textContent(), "ចែករំលែកអត្ថបទនេះតាម");
  }, {}, { sites: [["other", host.origin]] }));

test("embedding: Khmer messages are km.js, fetched only by pages in Khmer; without it the thread is in English", () =>
  session(browser, async ({ server, page }) => {
    const fetched = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/km.js") fetched.push(request.url());
    });
    await routeDemo(page, server.base);
    // Routes added later take precedence over routeDemo's, so `km` decides what /km.js answers.
    const show = async (lang, km) => {
      if (km) await page.route(`${server.base}/km.js`, km);
      host.serve(publisherPage(server.base, { lang }));
      // Not "load": a pending km.js holds it back.
      await page.goto(`${host.origin}/`, { waitUntil: "domcontentloaded" });
      await comments(page).first().waitFor();
      if (km) await page.unroute(`${server.base}/km.js`, km);
    };
    const heading = () => page.locator("#sala-thread h2").first().textContent();
    const lang = () => page.locator("#sala-thread .sala").getAttribute("lang");

    await show("en");
    assert.equal(await heading(), "6 comments");
    assert.deepEqual(fetched, [], "an English page never asks for km.js");

    // The first page of comments is asked for while km.js is on its way, not after it arrives.
    let asked = false;
    const onRequest = (request) => { asked ||= request.url().startsWith(`${server.base}/api/v1/comments?`); };
    page.on("request", onRequest);
    let overlapped = false;
    await show("km", async (route) => {
      overlapped = await eventually(() => assert.ok(asked), 3000).then(() => true, () => false);
      await route.fallback();
    });
    page.off("request", onRequest);
    assert.ok(overlapped, "the comments were asked for before km.js had arrived");
    assert.equal(await heading(), "មតិយោបល់ 6");
    assert.equal(await lang(), "km");
    assert.deepEqual(fetched, [`${server.base}/km.js`], "a Khmer page asks for it once, from the widget's server");

    await show("km", (route) => route.abort());
    assert.equal(fetched.length, 2);
    assert.equal(await heading(), "6 comments", "km.js could not be fetched: English rather than nothing");
    assert.equal(await lang(), "en");
    assert.equal(await page.locator("[data-sala-share] h2").textContent(), "Share this post via");

    await show("km", (route) => route.fulfill({ status: 404, body: "" }));
    assert.equal(await heading(), "6 comments", "km.js is missing: English");

    // A km.js that never arrives: the thread appears in English after a few seconds.
    let held;
    await show("km", (route) => { held = route; });
    assert.equal(await heading(), "6 comments");
    assert.equal(await lang(), "en");
    // Cleanup only: unroute may already have let the held request go on.
    await held?.abort().catch(() => {});
  }, {}, { sites: [["other", host.origin]] }));

test("share links load nothing until clicked; Copy link copies the page address; Most discussed lists threads", () =>
  session(browser, async ({ server, page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: host.origin });
    await open(page, server);
    const share = page.locator("[data-sala-share]");
    const links = await share.locator("a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href"),
      a.getAttribute("rel")]));
    const url = encodeURIComponent(`${host.origin}/`);
    assert.deepEqual(links.map(([name]) => name), ["Facebook", "X", "Telegram", "WhatsApp", "Email"]);
    for (const [name, href, rel] of links) {
      assert.ok(href.includes(url), `${name} carries the page address`);
      if (name !== "Email") assert.equal(rel, "noopener noreferrer");
    }
    assert.match(links[4][1], /^mailto:\?subject=A%20publisher's%20story&body=/);
    assert.equal(await share.locator("img, svg, iframe, script").count(), 0, "no icons, no scripts");
    const native = await page.evaluate(() => typeof navigator.share === "function");
    assert.equal(await share.getByRole("button", { name: "Share…" }).count(), native ? 1 : 0);

    await share.getByRole("button", { name: "Copy link" }).click();
    await share.getByText("Link copied.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${host.origin}/`);

    const popular = page.locator("[data-sala-popular]");
    await popular.locator("li").first().waitFor();
    assert.equal(await popular.locator("h2").textContent(), "Most discussed");
    assert.match(await popular.locator("li").first().textContent(), /Radio licence suspended.*\(6 comments\)/);
    assert.equal(await popular.locator("li a").first().getAttribute("href"), `${host.origin}/`);
  }, {}, { sites: [["other", host.origin]] }));
