// Demo article page: share links and a comment section on Sala's HTTP API (same origin).
// Comment HTML arrives sanitized by the server and is the only markup set with innerHTML;
// everything else is built with createElement and textContent.
"use strict";

(() => {
  const [API, SITE, THREAD, PAGE_SIZE] = ["/api/v1", "demo", "/", 20];
  const EDIT_WINDOW_MS = 15 * 60 * 1000;
  const MAX_INDENT = 4;
  const KEY = { name: "sala-demo.name", sort: "sala-demo.sort", token: "sala-demo.token." };
  const SORTS = [["newest", "Newest"], ["oldest", "Oldest"], ["votes", "Most voted"]];
  const LANG = document.documentElement.lang || "en";

  const state = { sort: "newest", next: null, count: 0, closed: false, seq: 0, failed: null, myVotes: new Map() };
  const ui = {};
  let formSerial = 0;

  // ---- Small helpers ---------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children.filter(Boolean));
    return node;
  }

  function button(label, onClick, className = "sala-link", attrs = {}) {
    const node = el("button", { type: "button", class: className, text: label, ...attrs });
    node.addEventListener("click", onClick);
    return node;
  }

  const store = {
    get(key) { try { return localStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch { /* storage unavailable */ } },
    remove(key) { try { localStorage.removeItem(key); } catch { /* storage unavailable */ } },
  };
  async function whileDisabled(controls, task) {
    controls.forEach((c) => { c.disabled = true; });
    try { return await task(); } finally { controls.forEach((c) => { c.disabled = false; }); }
  }

  function announce(message, target = ui.status) {
    target.textContent = message;
    clearTimeout(target.clearTimer);
    target.clearTimer = setTimeout(() => { target.textContent = ""; }, 7000);
  }

  // ---- Edit tokens: kept on this device only, for the edit window --------------
  function saveToken(comment, token, body) {
    store.set(KEY.token + comment.id, JSON.stringify({ token, created: comment.created, body }));
  }
  function readToken(id) {
    try { return JSON.parse(store.get(KEY.token + id)); } catch { return null; }
  }

  function editableUntil(comment) {
    const saved = readToken(comment.id);
    const until = saved?.token ? Date.parse(comment.created || saved.created) + EDIT_WINDOW_MS : 0;
    return until > Date.now() && comment.status !== "deleted" ? until : 0;
  }

  function pruneTokens() {
    let keys = [];
    try { keys = Object.keys(localStorage).filter((k) => k.startsWith(KEY.token)); } catch { /* storage unavailable */ }
    for (const key of keys) if (!editableUntil({ id: key.slice(KEY.token.length) })) store.remove(key);
  }

  // ---- HTTP --------------------------------------------------------------------
  async function api(method, path, body, headers = {}) {
    const init = { method, headers: { Accept: "application/json", ...headers } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(API + path, init).catch(() => {
      throw new Error("Could not reach the comment server. Check your connection and try again.");
    });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new Error(data?.error?.message || `The comment server answered ${response.status}.`);
    if (data === null && response.status !== 204) throw new Error("The comment server sent an unreadable reply.");
    return { status: response.status, data };
  }
  const commentPath = (id) => `/comments/${encodeURIComponent(id)}`;

  // ---- Time and avatars ----------------------------------------------------------
  const rtf = new Intl.RelativeTimeFormat(LANG, { numeric: "auto" });
  const UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600],
    ["minute", 60]];

  function relativeTime(iso) {
    const seconds = (Date.parse(iso) - Date.now()) / 1000;
    if (Number.isNaN(seconds)) return "";
    const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) || [];
    return unit ? rtf.format(Math.round(seconds / size), unit) : "just now";
  }
  const exactTime = (iso) => new Date(iso).toLocaleString(LANG, { dateStyle: "long", timeStyle: "short" });
  const timeEl = (iso) =>
    el("time", { datetime: iso, title: exactTime(iso), "data-relative": true, text: relativeTime(iso) });

  function refreshTimes() {
    for (const node of ui.root.querySelectorAll("time[data-relative]")) node.textContent = relativeTime(node.dateTime);
  }

  function avatarEl(author) {
    const seed = parseInt(String(author.avatar || "").slice(0, 8), 16);
    const initial = Array.from((author.name || "").trim())[0] || "?";
    const node = el("span", { class: "sala-avatar", "aria-hidden": "true", text: initial.toLocaleUpperCase() });
    node.style.setProperty("--avatar-hue", Number.isFinite(seed) ? seed % 360 : 210);
    return node;
  }

  // ---- Rendering comments ----------------------------------------------------------
  function renderItem(comment) {
    const item = el("li", { class: "sala-item" }, renderComment(comment, 0));
    for (const reply of comment.replies || []) item.append(renderComment(reply, reply.depth || 1));
    return item;
  }

  function renderComment(c, depth) {
    const deleted = c.status === "deleted";
    const node = el("article", { class: deleted ? "sala-comment sala-comment--deleted" : "sala-comment",
      id: `sala-c-${c.id}`, "data-depth": depth, tabindex: "-1" });
    node.style.setProperty("--depth", Math.min(depth, MAX_INDENT));
    if (deleted) node.append(el("p", { class: "sala-body", text: "This comment was deleted." }));
    else node.append(commentHead(c), commentBody(c), commentActions(c, node), el("div", { class: "sala-reply-slot" }));
    return node;
  }

  function commentHead(c) {
    const author = c.author || {};
    const head = el("header", { class: "sala-head" }, avatarEl(author),
      el("span", { class: "sala-name", dir: "auto", text: author.name || "Anonymous" }),
      author.badge && el("span", { class: "sala-badge", text: author.badge }), timeEl(c.created));
    const editedTitle = typeof c.edited === "string" ? `Edited ${exactTime(c.edited)}` : undefined;
    if (c.edited) head.append(el("span", { class: "sala-edited", title: editedTitle, text: "(edited)" }));
    if (c.status === "pending") head.append(el("span", { class: "sala-badge", text: "Awaiting moderation" }));
    return head;
  }

  function commentBody(c) {
    const body = el("div", { class: "sala-body", dir: "auto" });
    body.innerHTML = c.html || ""; // sanitized by the server
    return body;
  }

  function commentActions(c, node) {
    const bar = el("div", { class: "sala-actions" });
    if (c.status !== "pending") bar.append(voteGroup(c));
    if (c.status !== "pending" && !state.closed) {
      bar.append(button("Reply", () => openReply(c, node), "sala-link sala-reply"));
    }
    const until = editableUntil(c);
    if (!until) return bar;
    const edit = button("Edit", () => openEdit(c, node), "sala-link sala-edit");
    const del = button("Delete", () => deleteComment(c, node), "sala-link sala-delete");
    bar.append(edit, del);
    setTimeout(() => { edit.remove(); del.remove(); }, until - Date.now());
    return bar;
  }

  // ---- Votes ---------------------------------------------------------------------
  function voteGroup(c) {
    const group = el("span", { class: "sala-votes", role: "group", "aria-label": "Votes" });
    group.append(button("▲", () => vote(c.id, 1, group), "sala-vote"), el("span", { class: "sala-score" }),
      button("▼", () => vote(c.id, -1, group), "sala-vote"));
    const mine = state.myVotes.get(c.id) ?? c.my_vote ?? 0;
    paintVotes(group, { score: c.score ?? 0, upvotes: c.upvotes ?? 0, downvotes: c.downvotes ?? 0, my_vote: mine });
    return group;
  }

  function paintVotes(group, v) {
    const [up, score, down] = group.children;
    score.textContent = String(v.score);
    score.title = `${v.upvotes} up, ${v.downvotes} down`;
    up.setAttribute("aria-label", `Vote up (${v.upvotes})`);
    down.setAttribute("aria-label", `Vote down (${v.downvotes})`);
    up.setAttribute("aria-pressed", String(v.my_vote === 1));
    down.setAttribute("aria-pressed", String(v.my_vote === -1));
    group.dataset.mine = String(v.my_vote || 0);
  }

  async function vote(id, value, group) {
    const send = Number(group.dataset.mine) === value ? 0 : value;
    await whileDisabled([...group.querySelectorAll("button")], async () => {
      const { data } = await api("POST", `${commentPath(id)}/vote`, { value: send });
      state.myVotes.set(id, data.my_vote);
      paintVotes(group, data);
      announce(send === 0 ? "Vote removed." : `Vote recorded. Score: ${data.score}.`);
    }).catch((err) => announce(err.message));
  }

  // ---- Forms -----------------------------------------------------------------------
  function field(tag, id, label, attrs) {
    return el("p", { class: "sala-field" }, el("label", { for: id, text: label }), el(tag, { id, ...attrs }));
  }

  function buildForm({ label, submitLabel, withName = true, initialBody = "", onSubmit, onCancel }) {
    const n = ++formSerial;
    const form = el("form", { class: "sala-form", "aria-label": label });
    const name = withName && field("input", `sala-author-${n}`, "Name",
      { type: "text", name: "author", autocomplete: "nickname", maxlength: "80", required: true, dir: "auto" });
    const body = field("textarea", `sala-body-${n}`, "Comment",
      { name: "body", rows: "4", required: true, dir: "auto", "aria-describedby": `sala-hint-${n}` });
    const hint = el("p", { class: "sala-hint", id: `sala-hint-${n}`,
      text: "Markdown works: *italic*, **bold**, [link](https://…), > quote." });
    const parts = { error: el("p", { class: "sala-error", role: "alert" }), note: el("p", { class: "sala-note" }),
      submit: el("button", { type: "submit", class: "button button--primary", text: submitLabel }), onSubmit };
    const row = el("div", { class: "sala-form-row" }, parts.submit, onCancel && button("Cancel", onCancel, "button"));
    form.append(...[name, body, hint, row, parts.error, parts.note].filter(Boolean));
    if (name) form.elements.author.value = store.get(KEY.name) || "";
    form.elements.body.value = initialBody;
    form.addEventListener("submit", (event) => handleSubmit(event, form, parts));
    form.addEventListener("input", () => { parts.note.textContent = ""; });
    return form;
  }

  async function handleSubmit(event, form, { onSubmit, error, note, submit }) {
    event.preventDefault();
    const author = form.elements.author?.value.trim();
    const body = form.elements.body.value;
    error.textContent = note.textContent = "";
    if (form.elements.author && !author) return void (error.textContent = "Please give a name.");
    if (!body.trim()) return void (error.textContent = "Please write something first.");
    await whileDisabled([submit], async () => { note.textContent = (await onSubmit({ author, body })) || ""; })
      .catch((err) => { error.textContent = err.message; }); // what the reader typed stays in place
  }

  // ---- Posting, replying, editing, deleting -------------------------------------------
  async function postComment({ author, body }, parent) {
    const payload = { site: SITE, thread: THREAD, url: location.href, title: document.title, author, body };
    if (parent) payload.parent = parent.id;
    const { status, data } = await api("POST", "/comments", payload);
    store.set(KEY.name, author);
    const pending = status === 202 || data.comment?.status === "pending";
    if (!pending && data.edit_token) saveToken(data.comment, data.edit_token, body);
    if (data.comment) insertComment(data.comment, parent);
    if (!pending) setCount(state.count + 1);
    const message = pending ? "Your comment is awaiting moderation." : "Your comment was posted.";
    announce(message);
    return message;
  }

  function insertComment(c, parent) {
    const parentNode = parent && document.getElementById(`sala-c-${parent.id}`);
    let node;
    if (parentNode) {
      node = renderComment(c, Number(parentNode.dataset.depth) + 1);
      subtreeEnd(parentNode).after(node);
    } else {
      ui.list.prepend(renderItem({ ...c, replies: [] }));
      node = ui.list.firstChild.firstChild;
    }
    updateEmpty();
    node.focus();
  }

  function subtreeEnd(node) {
    const depth = Number(node.dataset.depth);
    let last = node;
    while (Number(last.nextElementSibling?.dataset.depth) > depth) last = last.nextElementSibling;
    return last;
  }

  function openReply(c, node) {
    const slot = node.querySelector(":scope > .sala-reply-slot");
    if (slot.firstChild) return slot.querySelector("textarea").focus();
    const close = () => { slot.replaceChildren(); node.querySelector(".sala-reply")?.focus(); };
    slot.append(buildForm({
      label: `Reply to ${c.author?.name || "comment"}`, submitLabel: "Post reply", onCancel: close,
      onSubmit: async (fields) => { await postComment(fields, c); slot.replaceChildren(); },
    }));
    slot.querySelector("textarea").focus();
  }

  function openEdit(c, node) {
    const open = node.querySelector(":scope > .sala-form textarea");
    if (open) return open.focus();
    const saved = readToken(c.id) || {};
    const [body, actions] = [node.querySelector(":scope > .sala-body"), node.querySelector(":scope > .sala-actions")];
    const close = () => {
      form.remove();
      body.hidden = actions.hidden = false;
      node.querySelector(".sala-edit")?.focus();
    };
    const form = buildForm({
      label: "Edit your comment", submitLabel: "Save", withName: false, onCancel: close,
      initialBody: saved.body ?? body.textContent.trim(),
      onSubmit: async ({ body: text }) => {
        const { data } = await api("PATCH", commentPath(c.id), { body: text, edit_token: saved.token });
        saveToken(c, saved.token, text);
        const fresh = renderComment({ ...c, ...data.comment }, Number(node.dataset.depth));
        node.replaceWith(fresh);
        fresh.focus();
        announce("Your comment was updated.");
      },
    });
    body.hidden = actions.hidden = true;
    body.after(form);
    form.elements.body.focus();
  }

  async function deleteComment(c, node) {
    if (!window.confirm("Delete your comment? This cannot be undone.")) return;
    const token = readToken(c.id)?.token || "";
    try { await api("DELETE", commentPath(c.id), undefined, { "Sala-Edit-Token": token }); } catch (err) {
      return announce(err.message);
    }
    store.remove(KEY.token + c.id);
    if (subtreeEnd(node) !== node) {
      node.replaceWith(renderComment({ ...c, status: "deleted", html: "" }, Number(node.dataset.depth)));
    } else {
      (node.dataset.depth === "0" ? node.parentElement : node).remove();
      setCount(state.count - 1);
    }
    updateEmpty();
    announce("Your comment was deleted.");
  }

  // ---- The thread: header, sort, paging ------------------------------------------------
  function setCount(n) {
    state.count = Math.max(0, n);
    ui.count.textContent = state.count === 1 ? "1 comment" : `${state.count} comments`;
  }
  function updateEmpty() {
    ui.empty.hidden = ui.list.children.length > 0 || ui.list.hasAttribute("aria-busy") || Boolean(state.failed);
  }

  function applyThread(thread = {}) {
    setCount(thread.count ?? 0);
    state.closed = Boolean(thread.closed);
    ui.newForm.hidden = state.closed;
    ui.closed.hidden = !state.closed;
  }

  async function loadPage(reset) {
    const seq = ++state.seq;
    const params = new URLSearchParams({ site: SITE, thread: THREAD, sort: state.sort, limit: String(PAGE_SIZE) });
    if (!reset && state.next) params.set("after", state.next);
    ui.list.setAttribute("aria-busy", "true");
    ui.more.disabled = true;
    const result = await api("GET", `/comments?${params}`).catch((err) => err);
    if (seq !== state.seq) return;
    if (result instanceof Error) {
      state.failed = { reset };
      announce(`Comments could not be loaded. ${result.message}`);
    } else {
      showPage(result.data, reset);
    }
    ui.list.removeAttribute("aria-busy");
    ui.more.disabled = false;
    ui.more.hidden = !state.next && !state.failed;
    ui.more.textContent = state.failed ? "Try again" : "Load more comments";
    updateEmpty();
  }

  function showPage(page, reset) {
    applyThread(page.thread);
    if (reset) ui.list.replaceChildren();
    ui.list.append(...(page.comments || []).map(renderItem));
    [state.next, state.failed] = [page.next || null, null];
  }

  function buildSortControl() {
    const select = el("select", { id: "sala-sort" });
    for (const [value, label] of SORTS) select.append(el("option", { value, text: label }));
    select.value = state.sort;
    select.addEventListener("change", () => {
      [state.sort, state.next] = [select.value, null];
      store.set(KEY.sort, state.sort);
      loadPage(true);
    });
    return el("p", { class: "sala-sort" }, el("label", { for: "sala-sort", text: "Sort by" }), select);
  }

  function buildShell(root) {
    ui.root = root;
    ui.count = el("h2", { id: "sala-count", class: "sala-count", text: "Comments" });
    ui.status = el("p", { id: "sala-status", class: "sala-status", role: "status", "aria-live": "polite" });
    ui.newForm = buildForm({ label: "Add a comment", submitLabel: "Post comment", onSubmit: postNew });
    ui.closed = el("p", { class: "sala-closed", hidden: true, text: "Comments are closed on this article." });
    ui.list = el("ol", { id: "sala-list", class: "sala-list", "aria-labelledby": "sala-count" });
    ui.empty = el("p", { class: "sala-empty", hidden: true, text: "No comments yet. Start the conversation." });
    ui.more = button("Load more comments", () => loadPage(state.failed?.reset ?? false), "button sala-more",
      { id: "sala-more", hidden: true });
    const head = el("div", { class: "sala-header" }, ui.count, buildSortControl());
    root.replaceChildren(head, ui.newForm, ui.closed, ui.list, ui.empty, ui.more, ui.status);
  }

  async function postNew(fields) {
    const message = await postComment(fields, null);
    ui.newForm.elements.body.value = "";
    return message;
  }

  // ---- Sharing ---------------------------------------------------------------------------
  function initShare() {
    const url = location.href.split("#")[0];
    const title = document.querySelector("h1")?.textContent.trim() || document.title;
    const [u, t] = [encodeURIComponent(url), encodeURIComponent(title)];
    const links = {
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
      twitter: `https://twitter.com/intent/tweet?url=${u}&text=${t}`,
      telegram: `https://t.me/share/url?url=${u}&text=${t}`,
      email: `mailto:?subject=${t}&body=${u}`,
    };
    for (const link of document.querySelectorAll("a[data-share]")) link.href = links[link.dataset.share] || link.href;
    const status = document.getElementById("share-status");
    document.getElementById("copy-link")?.addEventListener("click", () => copyLink(url, status));
    const share = document.getElementById("native-share");
    if (!share || typeof navigator.share !== "function") return;
    share.hidden = false;
    share.addEventListener("click", () => navigator.share({ title, url }).catch(() => {}));
  }

  async function copyLink(url, status) {
    try { await navigator.clipboard.writeText(url); } catch { return void window.prompt("Copy this link:", url); }
    if (status) announce("Link copied.", status);
  }

  // ---- Start -------------------------------------------------------------------------------
  function init() {
    initShare();
    const root = document.getElementById("sala-thread");
    if (!root) return;
    pruneTokens();
    const savedSort = store.get(KEY.sort);
    if (SORTS.some(([value]) => value === savedSort)) state.sort = savedSort;
    buildShell(root);
    loadPage(true);
    setInterval(refreshTimes, 60 * 1000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
