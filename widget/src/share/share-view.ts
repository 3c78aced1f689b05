// "Share this post via": plain links that load nothing until the reader clicks one (no
// buttons from the networks, no icons, no scripts), a copy-link button, and the system share
// sheet where the browser has one.
import { button, h } from "../dom/h";
import type { BlockWords } from "../blocks/strings";

export function shareView(words: BlockWords, url: string, title: string): HTMLElement {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const targets: [string, string][] = [
    ["Facebook", `https://www.facebook.com/sharer/sharer.php?u=${u}`],
    ["X", `https://x.com/intent/post?url=${u}&text=${t}`],
    ["Telegram", `https://t.me/share/url?url=${u}&text=${t}`],
    ["WhatsApp", `https://wa.me/?text=${t}%20${u}`],
  ];
  const links = h("ul", { class: "row" });
  for (const [name, href] of targets) {
    links.append(h("li", null, h("a", { href, target: "_blank", rel: "noopener noreferrer" }, name)));
  }
  links.append(h("li", null, h("a", { href: `mailto:?subject=${t}&body=${u}` }, words.shareEmail)));

  const status = h("span", { role: "status", "aria-live": "polite" });
  const copy = button(words.copyLink, { class: "btn" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = words.copied;
    } catch {
      status.textContent = words.copyFailed.replace("{url}", url);
    }
  });
  const actions = h("div", { class: "row" }, copy, status);
  if (typeof navigator.share === "function") {
    const native = button(words.shareNative, { class: "btn" });
    native.addEventListener("click", () => navigator.share({ title, url }).catch(() => {}));
    copy.after(native);
  }
  return h("section", { class: "share", "aria-labelledby": "sala-share" },
    h("h2", { id: "sala-share" }, words.share), links, actions);
}
