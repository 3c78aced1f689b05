// Runs bench/render.html in headless Chromium five times and prints the median render time of
// a 200-comment thread. Usage (from widget/, after `npm run build`): node bench/run.mjs [runs]
import { loadavg } from "node:os";
import { runPage } from "./page-runner.mjs";

const runs = Number(process.argv[2]) || 5;
const results = await runPage("bench/render.html", /^sala-bench ([\d.]+) (\d+)$/, {
  runs,
  check: ([[ms, count]], i) => {
    if (count !== 200) throw new Error(`expected 200 comments on screen, found ${count}`);
    console.log(`run ${i + 1}: ${ms.toFixed(1)} ms`);
  },
});
const times = results.map(([[ms]]) => ms).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`median render time of a 200-comment thread: ${median.toFixed(1)} ms (target: under 50 ms); ` +
  `fastest ${times[0].toFixed(1)} ms; load average ${loadavg()[0].toFixed(2)} (a busy machine inflates the times)`);
