// Re-anchoring: 200 comments on passages of a 5,000-word article, placed again by inline
// feedback's real code in headless Chromium, on the article as written and after edits.
// Usage (from widget/): node bench/anchors.mjs [runs]   (each case on a fresh page per run)
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
const load = () => loadavg()[0].toFixed(2);
for (const name of ["unchanged", "edited"]) {
  for (const mode of ["locate", "place"]) {
    const results = await runPage(`bench/anchors.html?case=${name}&mode=${mode}`,
      /^sala-anchors (\w+) (\w+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+)$/, { runs });
    const firsts = results.map(([[, , first]]) => first).sort((a, b) => a - b);
    const warms = results.map(([[, , , warm]]) => warm).sort((a, b) => a - b);
    const [[, , , , exact, changed, gone]] = results[0];
    const mid = Math.floor(runs / 2);
    const what = mode === "locate" ? "finding 200 anchors again" : "placing 200 anchors (found, marked, lit)";
    console.log(`${name} article, ${what}: ${firsts[mid].toFixed(1)} ms median on a fresh page, ` +
      `${warms[mid].toFixed(1)} ms once warm (target: under 20 ms); exact ${exact}, changed ${changed}, ` +
      `gone ${gone}; load average ${load()}`);
  }
}
