// The moderator's desk: sign in, work the queue by mouse or keyboard, ban, change the site's
// settings, read the audit log. Plain DOM, no framework; every request goes to this server.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: "", account: null, sites: [], site: "", view: "pending", items: [], selected: 0, events: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v == null) continue;
      if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "type" || k === "tabindex") node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== "GET") headers["X-CSRF-Token"] = state.csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`/admin/api${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin",
    });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((data && data.error && data.error.message) || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function say(text) { $("status").textContent = text; }

  // ---- Signing in and out --------------------------------------------------------------------

  async function start() {
    try {
      enter(await api("GET", "/me"));
    } catch {
      showSignIn();
    }
  }

  function showSignIn() {
    $("desk").hidden = true;
    $("who").hidden = $("sign-out").hidden = true;
    $("sign-in").hidden = false;
    $("name").focus();
  }

  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("sign-in-error").textContent = "";
    try {
      const result = await api("POST", "/session", { name: $("name").value, password: $("password").value });
      $("password").value = "";
      state.csrf = result.csrf_token;
      enter(await api("GET", "/me"));
    } catch (error) {
      $("sign-in-error").textContent = error.message;
    }
  });

  $("sign-out").addEventListener("click", async () => {
    try { await api("DELETE", "/session"); } catch { /* the session is gone either way */ }
    state.events?.close();
    showSignIn();
  });

  function enter(me) {
    state.csrf = me.csrf_token;
    state.account = me.account;
    state.sites = me.sites;
    $("sign-in").hidden = true;
    $("desk").hidden = false;
    $("who").textContent = `${me.account.name} (${me.account.role})`;
    $("who").hidden = $("sign-out").hidden = false;
    $("audit-tab").hidden = me.account.role !== "admin";
    const select = $("site");
    select.replaceChildren(...me.sites.map((s) => el("option", { value: s, textContent: s })));
    state.site = me.sites[0] || "";
    select.value = state.site;
    listen();
    show(state.view);
  }

  $("site").addEventListener("change", () => {
    state.site = $("site").value;
    listen();
    show(state.view);
  });

  // New pending comments arrive while the desk is open.
  function listen() {
    state.events?.close();
    if (!state.site) return;
    state.events = new EventSource(`/admin/api/events?site=${encodeURIComponent(state.site)}`);
    state.events.addEventListener("pending", () => {
      if (state.view === "pending") void loadQueue(true);
      else void refreshSizes();
    });
  }

  // ---- Views ---------------------------------------------------------------------------------

  document.querySelector("[role=tablist]").addEventListener("click", (event) => {
    const tab = event.target.closest("[data-view]");
    if (tab) show(tab.dataset.view);
  });

  function show(view) {
    state.view = view;
    for (const tab of document.querySelectorAll("[data-view]")) tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    say("");
    if (view === "bans") return void loadBans();
    if (view === "settings") return void loadSettings();
    if (view === "thread") return void loadThread();
    if (view === "words") return void loadWords();
    if (view === "audit") return void loadAudit();
    void loadQueue(false);
  }

  async function refreshSizes() {
    try {
      const data = await api("GET", `/queue?site=${encodeURIComponent(state.site)}&kind=pending`);
      paintSizes(data.sizes);
    } catch { /* the next load shows the error */ }
  }

  function paintSizes(sizes) {
    for (const n of document.querySelectorAll("[data-size]")) n.textContent = sizes[n.dataset.size] ? String(sizes[n.dataset.size]) : "";
  }

  async function loadQueue(keepPlace) {
    const kind = state.view;
    try {
      const data = await api("GET", `/queue?site=${encodeURIComponent(state.site)}&kind=${kind}`);
      if (state.view !== kind) return;
      paintSizes(data.sizes);
      const selectedId = keepPlace ? state.items[state.selected]?.id : undefined;
      state.items = data.items;
      const again = state.items.findIndex((c) => c.id === selectedId);
      state.selected = again >= 0 ? again : 0;
      paintQueue(!keepPlace);
    } catch (error) {
      failed(error);
    }
  }

  function paintQueue(focus) {
    const view = $("view");
    if (!state.items.length) {
      view.replaceChildren(el("p", { textContent: "Nothing waits here." }));
      return;
    }
    view.replaceChildren(...state.items.map((c, i) => {
      const body = el("div", { className: "body" });
      body.innerHTML = c.html; // rendered and allow-listed by the server, as in the comment section
      const reports = c.reports.count
        ? el("p", { className: "reports", textContent: `${c.reports.count} report(s): ${c.reports.reasons.join(" · ")}` }) : null;
      const marks = c.state === "approved"
        ? [...(c.parent === null ? [["pin", c.pinned ? "Unpin (p)" : "Pin (p)"]] : []), ["feature", c.featured ? "Unfeature (f)" : "Feature (f)"]]
        : [];
      const acts = el("div", { className: "acts" },
        ...[["approve", "Approve (a)"], ["reject", "Reject (r)"], ["spam", "Spam (s)"], ["delete", "Delete (d)"], ["ban", "Ban author (b)"], ...marks]
          .map(([act, label]) => el("button", { type: "button", "data-act": act, textContent: label })));
      const meta = el("p", { className: "meta" });
      meta.append(el("bdi", { textContent: c.author.name }), ` · ${new Date(c.created).toLocaleString()} · `,
        el("bdi", { textContent: c.thread.title || c.thread.key }), ` · ${c.state}`);
      return el("article", { className: i === state.selected ? "item sel" : "item", tabindex: "-1", "data-index": String(i),
        "aria-label": `Comment by ${c.author.name}` }, meta, body, reports, acts);
    }));
    if (focus) select(state.selected);
  }

  function select(index) {
    const items = document.querySelectorAll("#view .item");
    if (!items.length) return;
    state.selected = Math.max(0, Math.min(index, items.length - 1));
    items.forEach((n, i) => n.classList.toggle("sel", i === state.selected));
    items[state.selected].focus();
  }

  $("view").addEventListener("click", (event) => {
    const button = event.target.closest("[data-act]");
    const item = event.target.closest(".item");
    if (!item) return;
    state.selected = Number(item.dataset.index);
    if (button) void act(button.dataset.act);
  });

  document.addEventListener("keydown", (event) => {
    if ($("desk").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    if (!["pending", "reported", "spam"].includes(state.view)) return;
    const keys = { a: "approve", r: "reject", s: "spam", d: "delete", b: "ban", p: "pin", f: "feature" };
    if (event.key === "j") select(state.selected + 1);
    else if (event.key === "k") select(state.selected - 1);
    else if (keys[event.key]) void act(keys[event.key]);
    else return;
    event.preventDefault();
  });

  async function act(action) {
    const comment = state.items[state.selected];
    if (!comment) return;
    try {
      if (action === "ban") {
        const reason = prompt(`Ban the author of this comment? Reason:`, "");
        if (reason === null) return;
        await api("POST", "/bans", { site: state.site, comment: comment.id, reason });
        say(`The author of comment ${comment.id} is banned.`);
        return;
      }
      if (action === "pin" || action === "feature") {
        const field = action === "pin" ? "pinned" : "featured";
        if (comment.state !== "approved") return;
        const done = await markComment(comment.id, field, !comment[field]);
        comment[field] = done[field];
        paintQueue(true);
        return;
      }
      await api("POST", `/comments/${comment.id}/judge`, { verdict: action });
      const done = { approve: "approved", reject: "rejected", spam: "marked as spam", delete: "deleted" };
      say(`Comment ${comment.id} ${done[action]}.`);
      state.items.splice(state.selected, 1);
      paintQueue(true);
      void refreshSizes();
    } catch (error) {
      failed(error);
    }
  }

  // Pins or features (or takes it back); the server logs it and refreshes the thread's pages.
  async function markComment(id, field, on) {
    const done = await api("POST", `/comments/${id}/${field === "pinned" ? "pin" : "feature"}`, { [field]: on });
    say(`Comment ${id} ${on ? "" : "no longer "}${field}.`);
    return done;
  }

  async function loadBans() {
    try {
      const data = await api("GET", `/bans?site=${encodeURIComponent(state.site)}`);
      const rows = data.bans.map((b) => {
        const lift = el("button", { type: "button", textContent: "Lift" });
        lift.addEventListener("click", async () => {
          try {
            await api("POST", `/bans/${b.id}/lift`, { site: state.site });
            void loadBans();
          } catch (error) { failed(error); }
        });
        return el("tr", null, el("td", { textContent: b.kind }), el("td", { textContent: b.reason }),
          el("td", { textContent: b.until ? new Date(b.until).toLocaleString() : "for good" }), el("td", null, lift));
      });
      const email = el("input", { type: "email", id: "ban-email", placeholder: "reader@example.org" });
      const form = el("form", null, el("label", { htmlFor: "ban-email", textContent: "Ban an email address" }), email,
        el("button", { type: "submit", textContent: "Ban" }));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("POST", "/bans", { site: state.site, email: email.value });
          void loadBans();
        } catch (error) { failed(error); }
      });
      $("view").replaceChildren(
        rows.length ? el("table", null, el("tr", null, ...["Kind", "Reason", "Until", ""].map((t) => el("th", { textContent: t }))), ...rows)
          : el("p", { textContent: "No bans." }), form);
    } catch (error) {
      failed(error);
    }
  }

  async function loadSettings() {
    try {
      const s = await api("GET", `/settings?site=${encodeURIComponent(state.site)}`);
      const box = (name, label) => el("label", null, el("input", { type: "checkbox", name, checked: s[name] }), ` ${label}`);
      const slow = el("input", { type: "number", name: "slow", id: "slow", min: "0", max: "86400", value: String(s.slow_mode_seconds) });
      const editWindow = el("input", { type: "number", id: "edit-window", min: "0", max: "604800",
        value: s.edit_window_seconds === null ? "" : String(s.edit_window_seconds) });
      const challenge = el("select", { id: "challenge" },
        ...[["off", "Never"], ["attack", "While a thread receives comments fast"], ["always", "Always"]]
          .map(([value, label]) => el("option", { value, textContent: label, selected: s.challenge === value })));
      const form = el("form", null,
        box("premoderate", "Hold every comment for a moderator"),
        box("premoderate_links", "Hold comments with links"),
        box("premoderate_first", "Hold a new author's first comment"),
        box("anonymous", "Readers may comment under a name without signing in"),
        el("label", { htmlFor: "slow", textContent: "Slow mode: seconds between one author's comments in a thread (0: off)" }), slow,
        el("label", { htmlFor: "edit-window", textContent: "Edit window: seconds an author may edit or delete (empty: the server's)" }), editWindow,
        el("label", { htmlFor: "challenge", textContent: "Proof-of-work challenge before posting" }), challenge,
        el("button", { type: "submit", textContent: "Save" }));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("PUT", "/settings", {
            site: state.site,
            premoderate: form.premoderate.checked,
            premoderate_links: form.premoderate_links.checked,
            premoderate_first: form.premoderate_first.checked,
            slow_mode_seconds: Number(slow.value) || 0,
            edit_window_seconds: editWindow.value === "" ? null : Number(editWindow.value),
            challenge: challenge.value,
            anonymous: form.anonymous.checked,
          });
          say("Settings saved.");
        } catch (error) { failed(error); }
      });
      $("view").replaceChildren(form);
    } catch (error) {
      failed(error);
    }
  }

  // One thread: its own settings over the site's, closing it, and pinning or featuring by comment id.
  async function loadThread() {
    const key = el("input", { id: "thread-key", placeholder: "/2026/05/story", value: state.thread || "" });
    const pick = el("form", null, el("label", { htmlFor: "thread-key", textContent: "Thread key" }), key,
      el("button", { type: "submit", textContent: "Open" }));
    const detail = el("div");
    pick.addEventListener("submit", (event) => {
      event.preventDefault();
      state.thread = key.value;
      void paintThread(detail);
    });
    $("view").replaceChildren(pick, detail);
    if (state.thread) await paintThread(detail);
  }

  async function paintThread(detail) {
    const where = `site=${encodeURIComponent(state.site)}&thread=${encodeURIComponent(state.thread)}`;
    try {
      const t = await api("GET", `/threads/settings?${where}`);
      const choice = (name, label) => {
        const select = el("select", { name, id: `t-${name}` },
          ...[["", "as the site"], ["on", "on"], ["off", "off"]]
            .map(([value, text]) => el("option", { value, textContent: text })));
        select.value = t.own[name] === null ? "" : t.own[name] ? "on" : "off";
        return el("label", { htmlFor: `t-${name}` }, `${label} (now ${t.effective[name] ? "on" : "off"}) `, select);
      };
      const slow = el("input", { type: "number", id: "t-slow", min: "0", max: "86400",
        value: t.own.slow_mode_seconds === null ? "" : String(t.own.slow_mode_seconds) });
      const form = el("form", null,
        choice("premoderate", "Hold every comment"), choice("premoderate_links", "Hold comments with links"),
        choice("premoderate_first", "Hold a new author's first comment"),
        el("label", { htmlFor: "t-slow", textContent: "Slow mode seconds (empty: as the site)" }), slow,
        el("button", { type: "submit", textContent: "Save thread settings" }));
      const flag = (name) => (form[name].value === "" ? null : form[name].value === "on");
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("PUT", "/threads/settings", { site: state.site, thread: state.thread,
            premoderate: flag("premoderate"), premoderate_links: flag("premoderate_links"),
            premoderate_first: flag("premoderate_first"),
            slow_mode_seconds: slow.value === "" ? null : Number(slow.value) });
          say("Thread settings saved.");
          void paintThread(detail);
        } catch (error) { failed(error); }
      });
      const close = el("button", { type: "button", textContent: t.closed ? "Reopen the thread" : "Close the thread" });
      close.addEventListener("click", async () => {
        try {
          await api("POST", "/threads/close", { site: state.site, thread: state.thread, closed: !t.closed });
          void paintThread(detail);
        } catch (error) { failed(error); }
      });
      const id = el("input", { type: "number", id: "t-comment", min: "1" });
      const markButton = (field, on, text) => {
        const b = el("button", { type: "button", textContent: text });
        b.addEventListener("click", async () => {
          try { await markComment(Number(id.value), field, on); } catch (error) { failed(error); }
        });
        return b;
      };
      const marks = el("p", null, el("label", { htmlFor: "t-comment", textContent: "Comment id " }), id,
        markButton("pinned", true, "Pin"), markButton("pinned", false, "Unpin"),
        markButton("featured", true, "Feature"), markButton("featured", false, "Unfeature"));
      detail.replaceChildren(form, el("p", null, close), marks);
    } catch (error) {
      detail.replaceChildren();
      failed(error);
    }
  }

  // One word or phrase per line. Lookalike letters, leetspeak and spaced-out spellings match too.
  async function loadWords() {
    try {
      const lists = await api("GET", `/words?site=${encodeURIComponent(state.site)}`);
      const area = (id, label, words) => [
        el("label", { htmlFor: id, textContent: label }),
        el("textarea", { id, rows: 6, value: words.join("\n") }),
      ];
      const form = el("form", null,
        ...area("banned-words", "Refused: comments with these words or phrases are not accepted (one per line)", lists.banned),
        ...area("suspect-words", "Suspect: comments with these wait for a moderator (one per line)", lists.suspect),
        el("button", { type: "submit", textContent: "Save" }));
      const lines = (id) => $(id).value.split("\n").map((w) => w.trim()).filter(Boolean);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("PUT", "/words", { site: state.site, banned: lines("banned-words"), suspect: lines("suspect-words") });
          say("Word lists saved.");
        } catch (error) { failed(error); }
      });
      $("view").replaceChildren(form);
    } catch (error) {
      failed(error);
    }
  }

  async function loadAudit() {
    try {
      const data = await api("GET", "/audit");
      $("view").replaceChildren(el("table", null,
        el("tr", null, ...["When", "Who", "Site", "Action", "Target", "Reason"].map((t) => el("th", { textContent: t }))),
        ...data.entries.map((e) => el("tr", null, ...[new Date(e.at).toLocaleString(), e.account, e.site, e.action, e.target, e.reason]
          .map((t) => el("td", { textContent: t }))))));
    } catch (error) {
      failed(error);
    }
  }

  function failed(error) {
    if (error.status === 401) return showSignIn();
    say(error.message);
  }

  void start();
})();
