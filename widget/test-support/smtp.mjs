// The project's SMTP sink (tests/support/smtp_sink.py) for browser tests: a real SMTP server on
// 127.0.0.1 that writes each message it accepts to a directory as JSON.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { repoDir } from "./browser.mjs";

export async function startSmtpSink() {
  const dir = await mkdtemp(join(tmpdir(), "sala-smtp-"));
  const ready = join(dir, "ready");
  const child = spawn("/usr/bin/python3", [join(repoDir, "tests/support/smtp_sink.py"), "--dir", dir, "--ready-file", ready,
    "--max-seconds", "300"], { stdio: "ignore" });
  const deadline = Date.now() + 10000;
  while (!existsSync(ready)) {
    if (Date.now() > deadline) throw new Error("the SMTP sink did not start");
    await sleep(50);
  }
  const url = (await readFile(ready, "utf8")).trim();
  return {
    url,
    /** The mail table for sala.toml, sending through this sink. */
    config: `\n[mail]\nsmtp_url = "${url}"\nsmtp_tls = "none"\nfrom = "comments@example.org"\npoll_ms = 50\n`,
    /** Waits for at least `count` messages; resolves with all of them, oldest first. */
    async messages(count = 1, timeout = 10000) {
      const end = Date.now() + timeout;
      for (;;) {
        const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort((a, b) => parseInt(a) - parseInt(b));
        if (names.length >= count) return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), "utf8"))));
        if (Date.now() > end) throw new Error(`${names.length} mails arrived, ${count} expected`);
        await sleep(50);
      }
    },
    async stop() {
      child.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
