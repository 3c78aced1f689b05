// A small symmetric identicon drawn from the comment's `avatar` seed, built locally as inline
// SVG: no image request, no third-party avatar service. The seed is an opaque value from the
// server (stable for one author within one thread), so the picture reveals nothing else.
import { svg } from "../dom/h";

/** FNV-1a over the seed's UTF-16 code units: cheap, and spreads short hex seeds well. */
function hash(text: string, basis: number): number {
  let value = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 16777619) >>> 0;
  }
  return value;
}

/** Built once and cloned: the picture differs only in colours and the path. */
let skeleton: SVGElement | null = null;
/** One author's comments in a thread share a seed, so each picture is drawn once. */
const drawn = new Map<string, SVGElement>();

export function identicon(seed: string): SVGElement {
  let picture = drawn.get(seed);
  if (!picture) drawn.set(seed, (picture = draw(seed)));
  return picture.cloneNode(true) as SVGElement;
}

function draw(seed: string): SVGElement {
  const bits = hash(seed, 2166136261);
  const hue = hash(seed, 84696351) % 360;
  // A 5×5 grid mirrored around the middle column: 15 free cells, one path for all of them.
  let path = "";
  for (let col = 0; col < 3; col++) {
    for (let row = 0; row < 5; row++) {
      if (!((bits >>> (col * 5 + row)) & 1)) continue;
      path += `M${col + 1} ${row + 1}h1v1h-1z`;
      if (col < 2) path += `M${5 - col} ${row + 1}h1v1h-1z`;
    }
  }
  if (!path) path = "M3 3h1v1h-1z";
  skeleton = skeleton || svg("svg", { class: "av", viewBox: "0 0 7 7", "aria-hidden": "true", focusable: "false" },
    svg("rect", { width: 7, height: 7, rx: 1.5 }), svg("path"));
  const picture = skeleton.cloneNode(true) as SVGElement;
  const back = picture.firstElementChild!;
  const front = back.nextElementSibling!;
  back.setAttribute("fill", `hsl(${hue},45%,88%)`);
  front.setAttribute("d", path);
  front.setAttribute("fill", `hsl(${hue},55%,36%)`);
  return picture;
}
