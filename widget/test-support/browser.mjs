// Shared by the browser tests: start the real server on a temporary SQLite file, launch Debian's
// Chromium through playwright-core, and open the demo page with the widget. It lives outside
// test/ because `node --test test/` runs every file there as a test.
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, statSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

export const widgetDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = resolve(widgetDir, "..");
export const artifactsDir = resolve(repoDir, "test-artifacts");
const distFile = join(widgetDir, "dist", "embed.js");
const demoAssets = join(repoDir, "src", "demo", "assets");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/embed.js when it is missing or older than the sources. */
export function ensureBuilt() {
  if (existsSync(distFile) && statSync(distFile).mtimeMs >= newestSource(join(widgetDir, "src"))) return;
  execFileSync(process.execPath, [join(widgetDir, "build.mjs")], { cwd: widgetDir, stdio: "ignore" });
}

export const binary = process.env.SALA_BINARY || resolve(widgetDir, "../build/src/cli/sala");

/**
 * Starts `sala serve --demo`; `sites` are added first with `sala site add ID --origin URL`.
 * `config` is appended to the configuration file (TOML), e.g. a `[mail]` table.
 */
export async function startServer({ sites = [], postingLimits = true, config: extra = "" } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "sala-widget-"));
  // Tests that seed many comments through the API turn the posting limits off: the seeding and
  // the browser share one address, and so count as one reader.
  const config = join(dir, "sala.toml");
  await writeFile(config, (postingLimits ? "" : "reader_posts_per_hour = 0\nthread_posts_per_minute = 0\nposts_per_minute = 0\n") + extra);
  for (const [id, origin] of sites) {
    execFileSync(binary, ["site", "add", id, "--origin", origin, "--db", `sqlite:${dir}/t.db`], { stdio: "ignore" });
  }
  const readyFile = join(dir, "ready");
  const child = spawn(binary, ["serve", "--demo", "--config", config, "--db", `sqlite:${dir}/t.db`, "--listen", "127.0.0.1:0",
    "--ready-file", readyFile], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  let exited = false;
  const exit = new Promise((done) => child.once("exit", () => { exited = true; done(); }));
  const deadline = Date.now() + 15000;
  let base = "";
  while (!base) {
    if (exited) throw new Error(`sala serve exited early: ${stderr.trim()}`);
    if (Date.now() > deadline) throw new Error(`sala serve did not get ready: ${stderr.trim()}`);
    base = existsSync(readyFile) ? (await readFile(readyFile, "utf8")).trim() : "";
    if (!base) await sleep(50);
  }
  const server = {
    base,
    db: `sqlite:${dir}/t.db`,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await Promise.race([exit, sleep(5000)]);
      if (!exited) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A publisher's page on another origin (another port), for cross-origin embedding. */
export async function startHostPage() {
  let html = "";
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    serve(page) { html = page; },
    close: () => new Promise((done) => server.close(done)),
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** POST /api/v1/comments from outside a browser (no Origin header). */
export async function postComment(base, fields) {
  const response = await fetch(`${base}/api/v1/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ site: "demo", thread: "/", ...fields }),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`post failed: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

const probes = new Map();

/**
 * What the running binary already serves. While /embed.js or the widget demo page are still
 * missing from it, the tests serve the built widget and the page's source files in their place,
 * with the page's real headers (its Content-Security-Policy included).
 */
async function probe(base) {
  if (!probes.has(base)) {
    probes.set(base, (async () => {
      const script = await fetch(`${base}/embed.js`);
      const served = script.ok ? Buffer.from(await script.arrayBuffer()) : null;
      if (served && process.env.SALA_LOCAL_WIDGET !== "1" && !served.equals(await readFile(distFile))) {
        console.warn("# note: the server's /embed.js differs from widget/dist/embed.js; rebuild the server to test the latest widget");
      }
      const page = await fetch(`${base}/`);
      const html = await page.text();
      return {
        servesWidget: script.ok,
        pageUsesWidget: html.includes("/embed.js"),
        pageHeaders: Object.fromEntries(page.headers),
      };
    })());
  }
  return probes.get(base);
}

/**
 * Routes that stand in for what the binary does not serve yet; `rewrite` edits the page HTML.
 * SALA_LOCAL_WIDGET=1 serves widget/dist/*.js even when the binary has them, to try widget
 * changes without rebuilding the server.
 */
export async function routeDemo(page, base, rewrite) {
  ensureBuilt();
  const found = await probe(base);
  if (!found.servesWidget || process.env.SALA_LOCAL_WIDGET === "1") {
    for (const name of ["embed.js", "inline.js", "blocks.js", "pow.js", "km.js", "signin.js"]) {
      await page.route(`${base}/${name}`, async (route) =>
        route.fulfill({ body: await readFile(join(widgetDir, "dist", name)), contentType: "text/javascript; charset=utf-8" }));
    }
  }
  if (!found.pageUsesWidget || rewrite) {
    await page.route(`${base}/`, async (route) => {
      let html;
      if (found.pageUsesWidget) html = await (await route.fetch()).text();
      else html = await readFile(join(demoAssets, "index.html"), "utf8");
      const headers = { ...found.pageHeaders };
      delete headers["content-length"];
      delete headers["etag"];
      route.fulfill({ body: rewrite ? rewrite(html) : html, headers });
    });
  }
  if (!found.pageUsesWidget) {
    await page.route(`${base}/demo.css`, async (route) =>
      route.fulfill({ body: await readFile(join(demoAssets, "demo.css")), contentType: "text/css; charset=utf-8" }));
  }
}

/** Opens the demo page and waits until the first page of comments is on screen. */
export async function openDemo(page, base, { rewrite, waitFor = "#sala-thread .c" } = {}) {
  await routeDemo(page, base, rewrite);
  await page.goto(`${base}/`);
  if (waitFor) await page.locator(waitFor).first().waitFor();
}

export async function saveScreenshot(locatorOrPage, name, options = {}) {
  await mkdir(artifactsDir, { recursive: true });
  await locatorOrPage.screenshot({ path: join(artifactsDir, name), ...options });
}

/** The thread's shadow root content as seen by tests. */
export function thread(page) {
  return page.locator("#sala-thread");
}

/** Runs `fn` against a fresh server and a fresh browser context, then cleans both up. */
export async function session(browser, fn, contextOptions = {}, serverOptions = {}) {
  const server = await startServer(serverOptions);
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await fn({ server, context, page });
    if (errors.length) throw new Error(`errors on the page: ${errors.join("; ")}`);
  } finally {
    await context.close();
    await server.stop();
  }
}

/** Retries an assertion until it passes or the time is up (the UI updates asynchronously). */
export async function eventually(check, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

/** Describes the element that has the keyboard focus, looking inside shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let node = document.activeElement;
    while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
    if (!node) return null;
    return {
      tag: node.tagName.toLowerCase(),
      name: node.getAttribute("name"),
      act: node.getAttribute("data-act"),
      text: (node.textContent || "").trim(),
      comment: node.closest("article.c")?.getAttribute("data-id") || null,
      inForm: Boolean(node.closest("form")),
    };
  });
}

/** The widget's localStorage entries on the page's origin. */
export function storedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sala:")).sort());
}

/** Comments on screen, not counting one still being sent. */
export const comments = (page) => page.locator("#sala-thread article.c:not(.sending)");
export const byAuthor = (page, name) =>
  comments(page).filter({ has: page.locator(".name", { hasText: new RegExp(`^${name}$`) }) });
