// The proof-of-work solver, loaded by embed.js (api/proof.ts) when a post is answered 428
// challenge_required. It fetches a challenge for the thread and finds a decimal nonce such that
// SHA-256(challenge ":" nonce) starts with `difficulty` zero bits (docs/api.md "Challenges"),
// hashing with WebCrypto in batches and giving the page its turn between them.
import type { Pow, ProofUi } from "./api/proof";

const words: Record<string, string> = {
  en: "Checking that you are not a bot…",
  km: "កំពុងពិនិត្យថាអ្នកមិនមែនជាបូត…",
};

// Large enough that WebCrypto's per-call overhead is shared, small enough that a batch takes
// a few milliseconds and the page stays responsive.
const BATCH = 256;

function zeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

async function solve(base: string, where: { site: string; thread: string }, ui?: ProofUi): Promise<Pow> {
  if (ui) ui.note.textContent = words[ui.lang] || words.en!;
  try {
    const response = await fetch(`${base}/challenge?${new URLSearchParams({ site: where.site, thread: where.thread })}`, { credentials: "omit" });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error?.message || "");
    const { challenge, difficulty } = data as { challenge: string; difficulty: number };
    const encoder = new TextEncoder();
    for (let start = 0; ; start += BATCH) {
      const hashes = await Promise.all(
        Array.from({ length: BATCH }, (_, i) => crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${start + i}`))),
      );
      const found = hashes.findIndex((hash) => zeroBits(new Uint8Array(hash)) >= difficulty);
      if (found >= 0) return { challenge, nonce: String(start + found) };
      await new Promise((resume) => setTimeout(resume));
    }
  } finally {
    if (ui) ui.note.textContent = "";
  }
}

document.dispatchEvent(new CustomEvent("sala:pow", { detail: solve }));
