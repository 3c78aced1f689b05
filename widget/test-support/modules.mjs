// Lets plain Node tests import the widget's TypeScript modules: each is bundled by esbuild into
// a temporary ES module first. It lives outside test/ because `node --test test/` runs every
// file there as a test.
import { build } from "esbuild";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { widgetDir } from "./browser.mjs";

export async function importSource(relative) {
  const dir = await mkdtemp(join(tmpdir(), "sala-module-"));
  const outfile = join(dir, "module.mjs");
  await build({ entryPoints: [join(widgetDir, relative)], outfile, bundle: true, format: "esm", logLevel: "warning" });
  return import(pathToFileURL(outfile).href);
}
