// Fails when dist/embed.js (code and styles) exceeds the gzipped budget.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const budget = 15 * 1024;
const file = fileURLToPath(new URL("../dist/embed.js", import.meta.url));
let bytes;
try {
  bytes = await readFile(file);
} catch {
  console.error("size: dist/embed.js is missing; run `npm run build` first");
  process.exit(1);
}
const gzipped = gzipSync(bytes, { level: 9 }).length;
const verdict = gzipped <= budget ? "within" : "OVER";
console.log(`embed.js: ${gzipped} bytes gzipped, ${verdict} the budget of ${budget}`);
if (gzipped > budget) process.exit(1);
