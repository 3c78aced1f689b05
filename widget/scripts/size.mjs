// Fails when a script of the widget (code and styles) exceeds its gzipped budget. embed.js is
// what every article page loads before its comments show, and km.js what a page in Khmer loads
// beside it; the others load after it, and only on pages that use them.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const budgets = {
  "embed.js": 15 * 1024,
  "inline.js": 8 * 1024,
  "blocks.js": 2 * 1024,
  "pow.js": 2 * 1024,
  "km.js": 4 * 1024,
  "signin.js": 3 * 1024,
};
let over = false;
for (const [name, budget] of Object.entries(budgets)) {
  let bytes;
  try {
    bytes = await readFile(fileURLToPath(new URL(`../dist/${name}`, import.meta.url)));
  } catch {
    console.error(`size: dist/${name} is missing; run \`npm run build\` first`);
    process.exit(1);
  }
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const verdict = gzipped <= budget ? "within" : "OVER";
  console.log(`${name}: ${gzipped} bytes gzipped, ${verdict} the budget of ${budget}`);
  over ||= gzipped > budget;
}
if (over) process.exit(1);
