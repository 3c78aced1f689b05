// The hook for sites that ask for proof of work before posting (428 challenge_required): the
// solver is a separate script, pow.js, fetched from the Sala server only the first time a post
// needs it, so readers of other sites never download it.
import { h } from "../dom/h";

export interface Pow {
  challenge: string;
  nonce: string;
}

/** Where the solver says what it is doing (the composer's status line) and in which language. */
export interface ProofUi {
  lang: string;
  note: HTMLElement;
}

type Solve = (base: string, where: { site: string; thread: string }, ui?: ProofUi) => Promise<Pow>;

let solver: Promise<Solve> | undefined;

export function proof(base: string, where: { site: string; thread: string }, ui?: ProofUi): Promise<Pow> {
  solver ||= new Promise<Solve>((resolve, reject) => {
    document.addEventListener("sala:pow", (event) => resolve((event as CustomEvent).detail), { once: true });
    const script = h("script", { src: new URL("/pow.js", base).href, async: true });
    script.onerror = () => {
      solver = undefined; // the next post tries again
      reject(new Error());
    };
    document.head.append(script);
  });
  return solver.then((solve) => solve(base, where, ui));
}
