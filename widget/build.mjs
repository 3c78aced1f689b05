// Bundles the widget's three scripts into minified IIFEs in dist/, each with its stylesheets
// inlined as strings, and prints their gzipped sizes: embed.js (the thread; what a publisher
// includes), inline.js (inline feedback, which embed.js loads where there is an article) and
// blocks.js ("Most discussed" and share links, loaded where a page has them).
// Usage: node build.mjs [--dev]   (--dev: unminified, with an inline source map)
import { build, transform } from "esbuild";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");

// CSS files are imported as minified strings, so one request brings code and styles.
const cssAsText = {
  name: "css-as-text",
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const { code } = await transform(source, { loader: "css", minify: !dev });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: "js" };
    });
  },
};

for (const name of ["embed", "inline", "blocks"]) {
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
    plugins: [cssAsText],
    logLevel: "warning",
  });
  const bytes = await readFile(outfile);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  console.log(`dist/${name}.js: ${bytes.length} bytes, ${gzipped} bytes gzipped`);
}
