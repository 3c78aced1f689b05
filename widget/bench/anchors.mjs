// Re-anchoring: 200 comments on passages of a 5,000-word article, placed again by inline
// feedback's real code in headless Chromium, on the article as written and after edits.
// Usage (from widget/): node bench/anchors.mjs [runs]
import { build } from "esbuild";
import { loadavg } from "node:os";
import { join } from "node:path";
import { cssAsText } from "../scripts/css-as-text.mjs";
import { runPage, widgetRoot } from "./page-runner.mjs";

const runs = Number(process.argv[2]) || 5;
await build({
  entryPoints: [join(widgetRoot, "bench", "anchors-page.ts")],
  outfile: join(widgetRoot, "bench", "out", "anchors-page.js"),
  bundle: true,
  format: "esm",
  target: ["es2020"],
  minify: true,
  plugins: [cssAsText()],
  logLevel: "warning",
});
const results = await runPage("bench/anchors.html",
  /^sala-anchors (\w+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+)$/, {
    runs,
    lines: 2,
    check: (lines, i) => {
      for (const [name, first, warm, exact, changed, gone] of lines) {
        console.log(`run ${i + 1} ${name}: first ${first} ms, then ${warm} ms (exact ${exact}, changed ${changed}, gone ${gone})`);
      }
    },
  });
const load = loadavg()[0].toFixed(2);
for (const [index, name] of [[0, "unchanged"], [1, "edited"]]) {
  const firsts = results.map((lines) => lines[index][1]).sort((a, b) => a - b);
  const warms = results.map((lines) => lines[index][2]).sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  console.log(`${name} article: placing 200 anchors takes ${firsts[mid].toFixed(1)} ms median the first time, ` +
    `${warms[mid].toFixed(1)} ms after (target: under 20 ms); load average ${load}`);
}
