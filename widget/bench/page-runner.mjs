// Serves widget/ read-only on a loopback port and opens a benchmark page of it in headless
// Chromium, once per run, returning the numbers the page logs on its result line.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const widgetRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const types = { ".html": "text/html", ".js": "text/javascript" };

/**
 * Opens `path` (under widget/) `runs` times; each time waits for `lines` console lines matching
 * `pattern` (whose groups are returned, numbers as numbers) and passes them to `check`.
 */
export async function runPage(path, pattern, { runs = 1, lines = 1, check = () => {} } = {}) {
  const server = createServer(async (request, response) => {
    const file = normalize(join(widgetRoot, decodeURIComponent(new URL(request.url, "http://x").pathname)));
    if (!file.startsWith(widgetRoot)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": `${types[extname(file)] || "application/octet-stream"}; charset=utf-8` });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const found = [];
      const result = new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error("no result from the page within 30 s")), 30000);
        page.on("pageerror", (error) => fail(error));
        page.on("console", (message) => {
          const match = pattern.exec(message.text());
          if (!match) return;
          found.push(match.slice(1).map((v) => (Number.isNaN(Number(v)) ? v : Number(v))));
          if (found.length === lines) {
            clearTimeout(timer);
            done(found);
          }
        });
      });
      await page.goto(`http://127.0.0.1:${server.address().port}/${path}`);
      const got = await result;
      check(got, i);
      results.push(got);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}
