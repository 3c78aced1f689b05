// Bundles the widget's scripts into minified IIFEs in dist/, each with its stylesheets inlined
// as strings, and prints their gzipped sizes: embed.js (the thread, in English; what a publisher
// includes), inline.js (inline feedback, which embed.js loads where there is an article),
// blocks.js ("Most discussed" and share links, loaded where a page has them), pow.js (the
// proof-of-work solver, loaded the first time a post is asked for one), km.js (the Khmer
// messages, loaded on pages in Khmer) and signin.js (reader sign-in by e-mail, loaded when a
// reader signs in or out, or opens a mailed sign-in link).
// Usage: node build.mjs [--dev]   (--dev: unminified, with an inline source map)
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { cssAsText } from "./scripts/css-as-text.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");

for (const name of ["embed", "inline", "blocks", "pow", "km", "signin"]) {
  const outfile = join(here, "dist", `${name}.js`);
  await build({
    entryPoints: [join(here, "src", `${name}.ts`)],
    outfile,
    bundle: true,
    format: "iife",
    target: ["es2020"],
    minify: !dev,
    sourcemap: dev ? "inline" : false,
    legalComments: "none",
    charset: "utf8",
    plugins: [cssAsText({ minify: !dev })],
    logLevel: "warning",
  });
  const bytes = await readFile(outfile);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  console.log(`dist/${name}.js: ${bytes.length} bytes, ${gzipped} bytes gzipped`);
}
