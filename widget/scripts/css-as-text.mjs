// An esbuild plugin: CSS files are imported as minified strings, so one request brings a
// script's code and styles (the widget puts them into its shadow roots).
import { transform } from "esbuild";
import { readFile } from "node:fs/promises";

export function cssAsText({ minify = true } = {}) {
  return {
    name: "css-as-text",
    setup(b) {
      b.onLoad({ filter: /\.css$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        const { code } = await transform(source, { loader: "css", minify });
        return { contents: `export default ${JSON.stringify(code.trim())};`, loader: "js" };
      });
    },
  };
}
