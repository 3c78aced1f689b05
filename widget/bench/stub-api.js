// Stands in for the Sala server in the render benchmark: a generated thread of 200 comments
// (40 top-level ones, each with a chain of 4 replies, depths 1 to 4) answered at once, and an
// EventSource that never delivers. Then measures until the first page is in the DOM and laid out.
"use strict";

(() => {
  const words = ("the station licence river dredging listeners court appeal notice suspension village " +
    "authority province reporters council").split(" ");
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(" ");
  const start = Date.parse("2025-03-06T09:30:00Z");
  let id = 0;

  function comment(parent, depth) {
    id += 1;
    const html = `<p>${sentence(18)}.</p>\n<p>${sentence(10)} <strong>${sentence(2)}</strong> ` +
      `<a href="https://news.example/${id}" rel="nofollow ugc noopener noreferrer">${sentence(2)}</a>.</p>\n`;
    return {
      id, parent, ...(depth ? { depth } : {}),
      author: { name: `Reader ${id}`, avatar: (id * 2654435761 >>> 0).toString(16).padStart(8, "0") },
      html, created: new Date(start + id * 60000).toISOString(),
      ...(id % 7 === 0 ? { edited: new Date(start + id * 61000).toISOString() } : {}),
      score: id % 5, upvotes: id % 5, downvotes: 0,
    };
  }

  const comments = [];
  for (let t = 0; t < 40; t++) {
    const top = comment(null, 0);
    top.replies = [];
    let parent = top.id;
    for (let depth = 1; depth <= 4; depth++) {
      const reply = comment(parent, depth);
      top.replies.push(reply);
      parent = reply.id;
    }
    comments.push(top);
  }
  const body = JSON.stringify({
    thread: { key: "/bench", title: "Benchmark", url: "", count: id, closed: false },
    comments,
    next: null,
  });

  // A plain object rather than a Response: reading a Response body hops through the network
  // stack's tasks, and that is the stub's time, not the widget's.
  const headers = new Headers({ "Content-Type": "application/json" });
  window.fetch = async () => ({ ok: true, status: 200, headers, json: async () => JSON.parse(body) });
  window.EventSource = class {
    addEventListener() {}
    close() {}
  };

  // The first use of Intl in a page initializes the browser's ICU data, once per page and
  // whoever asks first; it is not part of rendering comments, so it happens before the clock
  // starts unless the page is opened with #cold.
  if (location.hash !== "#cold") new Intl.NumberFormat("en").format(1);

  const host = document.getElementById("sala-thread");
  host.addEventListener("sala:rendered", () => {
    host.shadowRoot.firstElementChild.getBoundingClientRect(); // forces style and layout
    // The clock starts when the script has arrived (or at the end of this file if it came
    // first): loading it over the network is not rendering.
    const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/embed.js"));
    const ms = performance.now() - Math.max(t0, script ? script.responseEnd : 0);
    const rendered = host.shadowRoot.querySelectorAll("article.c").length;
    const output = document.getElementById("result");
    output.textContent = `${ms.toFixed(1)} ms for ${rendered} comments`;
    output.dataset.ms = String(ms);
    output.dataset.comments = String(rendered);
    // The runner listens for this line instead of polling the page, which would steal time.
    console.log(`sala-bench ${ms} ${rendered}`);
  });
  const t0 = performance.now();
})();
