// Runs bench/render.html in headless Chromium five times and prints the median render time of
// a 200-comment thread. Usage (from widget/, after `npm run build`): node bench/run.mjs [runs]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { chromium } from "playwright-core";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const runs = Number(process.argv[2]) || 5;
const types = { ".html": "text/html", ".js": "text/javascript" };

// Serves widget/ read-only on a loopback port, so the page loads like a real one.
const server = createServer(async (request, response) => {
  const path = normalize(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname)));
  if (!path.startsWith(root)) return void response.writeHead(403).end();
  try {
    const body = await readFile(path);
    response.writeHead(200, { "Content-Type": `${types[extname(path)] || "application/octet-stream"}; charset=utf-8` });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const url = `http://127.0.0.1:${server.address().port}/bench/render.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const result = new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error("no result from the page within 15 s")), 15000);
      page.on("console", (message) => {
        const match = /^sala-bench ([\d.]+) (\d+)$/.exec(message.text());
        if (match) {
          clearTimeout(timer);
          done(match.slice(1).map(Number));
        }
      });
    });
    await page.goto(url);
    const [ms, count] = await result;
    if (count !== 200) throw new Error(`expected 200 comments on screen, found ${count}`);
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(1)} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`median render time of a 200-comment thread: ${median.toFixed(1)} ms (target: under 50 ms); ` +
  `fastest ${times[0].toFixed(1)} ms; load average ${loadavg()[0].toFixed(2)} (a busy machine inflates the times)`);
