#include "store/sqlite/comment_rows.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Comment read_comment(const Statement& s) {
  Comment c;
  c.id = CommentId{s.int64(0)};
  c.thread = ThreadId{s.int64(1)};
  if (auto parent = s.optional_int64(2)) c.parent = CommentId{*parent};
  c.root = CommentId{s.int64(3)};
  c.depth = static_cast<int>(s.int64(4));
  c.author_name = s.text(5);
  c.avatar = s.text(6);
  c.body_markdown = s.text(7);
  c.body_html = s.text(8);
  c.renderer_version = static_cast<int>(s.int64(9));
  c.state = parse_comment_state(s.text(10)).value_or(CommentState::rejected);
  c.created = Timestamp{s.int64(11)};
  if (auto edited = s.optional_int64(12)) c.edited = Timestamp{*edited};
  c.upvotes = s.int64(13);
  c.downvotes = s.int64(14);
  if (!s.is_null(15)) {
    c.anchor = Anchor{s.text(15), s.text(16), s.text(17), s.int64(18), s.int64(19)};
  }
  c.pinned = s.int64(20) != 0;
  c.featured = s.int64(21) != 0;
  c.author_badge = s.text(22);
  c.author_account = s.text(23);
  return c;
}

namespace {

Result<std::vector<Comment>> collect(Statement& st, std::vector<Comment> out = {}) {
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read_comment(st));
  }
}

Result<std::optional<Comment>> get_comment(Connection& c, CommentId id) {
  auto st = c.prepare("SELECT " SALA_COMMENT_COLUMNS " FROM comments WHERE id = ?");
  if (!st) return st.error();
  (*st)->bind(1, id.value);
  auto row = (*st)->step();
  if (!row) return row.error();
  if (!*row) return std::optional<Comment>{};
  return std::optional<Comment>{read_comment(**st)};
}

// The rows a page's top level is drawn from: approved comments, and deleted,
// rejected or spam ones that stand as placeholders for approved replies (so a
// moderator's verdict on a comment does not take its replies away); with ?5
// set, only anchored ones (the "Inline feedback" view).
#define SALA_TOP_LEVEL                                      \
  "SELECT " SALA_COMMENT_COLUMNS " FROM comments "          \
  "WHERE thread = ?1 AND parent IS NULL "                   \
  "AND pinned = 0 AND (state IN ('approved', 'deleted') OR "     \
  "(state IN ('rejected', 'spam') AND EXISTS (SELECT 1 FROM comments r " \
  "WHERE r.root = comments.id AND r.id <> comments.id AND r.state = 'approved'))) " \
  "AND (?5 = 0 OR anchor_quote IS NOT NULL) "

Result<Statement*> prepare_top_level(Connection& c, Sort sort, bool has_cursor) {
  // One fixed statement per (sort, first page or not): the sort never reaches SQL as text.
  switch (sort) {
    case Sort::newest:
      return has_cursor ? c.prepare(SALA_TOP_LEVEL "AND (created, id) < (?2, ?3) "
                                                   "ORDER BY created DESC, id DESC LIMIT ?4")
                        : c.prepare(SALA_TOP_LEVEL "ORDER BY created DESC, id DESC LIMIT ?4");
    case Sort::oldest:
      return has_cursor ? c.prepare(SALA_TOP_LEVEL "AND (created, id) > (?2, ?3) "
                                                   "ORDER BY created ASC, id ASC LIMIT ?4")
                        : c.prepare(SALA_TOP_LEVEL "ORDER BY created ASC, id ASC LIMIT ?4");
    case Sort::votes:
      return has_cursor ? c.prepare(SALA_TOP_LEVEL "AND (score, id) < (?2, ?3) "
                                                   "ORDER BY score DESC, id DESC LIMIT ?4")
                        : c.prepare(SALA_TOP_LEVEL "ORDER BY score DESC, id DESC LIMIT ?4");
  }
  return Error::internal("unknown sort");
}

#undef SALA_TOP_LEVEL

// The thread's pinned comments, which open its first page in every sort (of
// the anchored view too, when they are anchored).
Result<std::vector<Comment>> read_pinned(Connection& c, ThreadId thread, bool anchored_only) {
  auto st = c.prepare("SELECT " SALA_COMMENT_COLUMNS " FROM comments "
                      "WHERE thread = ?1 AND parent IS NULL AND pinned = 1 AND state = 'approved' "
                      "AND (?2 = 0 OR anchor_quote IS NOT NULL) ORDER BY id");
  if (!st) return st.error();
  (*st)->bind(1, thread.value).bind(2, std::int64_t{anchored_only});
  return collect(**st);
}

Result<store::Page> read_page(Connection& c, const store::PageQuery& q) {
  store::Page page;
  if (!q.after) {
    auto pinned = read_pinned(c, q.thread, q.anchored_only);
    if (!pinned) return pinned.error();
    page.pinned = std::move(*pinned);
  }
  auto top = prepare_top_level(c, q.sort, q.after.has_value());
  if (!top) return top.error();
  (*top)->bind(1, q.thread.value).bind(4, std::int64_t{q.limit} + 1).bind(5, std::int64_t{q.anchored_only});
  if (q.after) (*top)->bind(2, q.after->key).bind(3, q.after->id.value);
  auto roots = collect(**top);
  if (!roots) return roots.error();

  page.top_level = std::move(*roots);
  if (page.top_level.size() > static_cast<std::size_t>(q.limit)) {
    page.top_level.pop_back();
    page.has_more = true;
  }
  auto replies = c.prepare("SELECT " SALA_COMMENT_COLUMNS
                           " FROM comments WHERE root = ? AND id != ? ORDER BY created, id");
  if (!replies) return replies.error();
  for (const auto* list : {&page.pinned, &page.top_level}) {
    for (const auto& root : *list) {
      (*replies)->reset();
      (*replies)->bind(1, root.id.value).bind(2, root.id.value);
      auto got = collect(**replies, std::move(page.replies));
      if (!got) return got.error();
      page.replies = std::move(*got);
    }
  }
  return page;
}

}  // namespace

Result<CommentId> SqliteCommentRepo::insert(const NewComment& n) {
  return write<CommentId>(access_, [&](Connection& c) -> Result<CommentId> {
    std::optional<std::int64_t> root;
    std::int64_t depth = 0;
    if (n.parent) {
      auto parent = get_comment(c, *n.parent);
      if (!parent) return parent.error();
      if (!*parent || (*parent)->thread != n.thread) {
        return Error::unprocessable("parent_not_found", "the comment replied to is not in this thread");
      }
      root = (*parent)->root.value;
      depth = (*parent)->depth + 1;
    }
    auto st = c.prepare(
        "INSERT INTO comments (id, thread, parent, root, depth, author_name, author_email, avatar, "
        "body_markdown, body_html, renderer_version, state, created, edit_token_hash, "
        "anchor_quote, anchor_prefix, anchor_suffix, anchor_start, anchor_end, author_fingerprint, "
        "author_account, author_badge) "
        "VALUES (?20, ?1, ?2, coalesce(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
        "?15, ?16, ?17, ?18, ?19, ?21, ?22)");
    if (!st) return st.error();
    Statement& s = **st;
    s.bind(1, n.thread.value)
        .bind(2, n.parent ? std::optional<std::int64_t>(n.parent->value) : std::nullopt)
        .bind(3, root)
        .bind(4, depth)
        .bind(5, n.author_name)
        .bind(6, n.author_email)
        .bind(7, n.avatar)
        .bind(8, n.body_markdown)
        .bind(9, n.body_html)
        .bind(10, std::int64_t{n.renderer_version})
        .bind(11, to_string(n.state))
        .bind(12, n.created.ms)
        .bind(20, n.id ? std::optional<std::int64_t>(n.id->value) : std::nullopt)
        .bind(21, n.author_account)
        .bind(22, n.author_badge);
    if (n.edit_token_hash.empty()) {
      s.bind_null(13);
    } else {
      s.bind_blob(13, n.edit_token_hash);
    }
    if (n.anchor) {
      s.bind(14, n.anchor->quote)
          .bind(15, n.anchor->prefix)
          .bind(16, n.anchor->suffix)
          .bind(17, n.anchor->start)
          .bind(18, n.anchor->end);
    }
    if (!n.author_fingerprint.empty()) s.bind_blob(19, n.author_fingerprint);
    if (auto done = s.run(); !done) return done.error();
    const CommentId id{c.last_insert_id()};
    if (!root) {
      auto set_root = c.prepare("UPDATE comments SET root = id WHERE id = ?");
      if (!set_root) return set_root.error();
      (*set_root)->bind(1, id.value);
      if (auto done = (*set_root)->run(); !done) return done.error();
    }
    return id;
  });
}

Result<std::optional<Comment>> SqliteCommentRepo::get(CommentId id) {
  return read<std::optional<Comment>>(access_, [&](Connection& c) { return get_comment(c, id); });
}

Result<std::string> SqliteCommentRepo::edit_token_hash(CommentId id) {
  return read<std::string>(access_, [&](Connection& c) -> Result<std::string> {
    auto st = c.prepare("SELECT edit_token_hash FROM comments WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("comment");
    return (*st)->blob(0);
  });
}

Result<store::Page> SqliteCommentRepo::page(const store::PageQuery& query) {
  return read<store::Page>(access_, [&](Connection& c) -> Result<store::Page> {
    if (c.in_transaction()) return read_page(c, query);
    // One snapshot for the top-level rows and their replies.
    if (auto begun = c.exec("BEGIN"); !begun) return begun.error();
    auto page = read_page(c, query);
    auto ended = c.exec(page ? "COMMIT" : "ROLLBACK");
    if (!ended && page) return ended.error();
    return page;
  });
}

Result<std::vector<AnchoredComment>> SqliteCommentRepo::anchored(ThreadId thread, int limit) {
  return read<std::vector<AnchoredComment>>(access_, [&](Connection& c) -> Result<std::vector<AnchoredComment>> {
    auto st = c.prepare(
        "SELECT id, anchor_quote, anchor_prefix, anchor_suffix, anchor_start, anchor_end "
        "FROM comments WHERE thread = ? AND state = 'approved' AND anchor_quote IS NOT NULL "
        "ORDER BY anchor_start, anchor_end, id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, thread.value).bind(2, std::int64_t{limit});
    std::vector<AnchoredComment> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      const Statement& s = **st;
      out.push_back({CommentId{s.int64(0)}, Anchor{s.text(1), s.text(2), s.text(3), s.int64(4), s.int64(5)}});
    }
  });
}

Result<void> SqliteCommentRepo::update_body(CommentId id, const std::string& markdown,
                                            const std::string& html, int renderer_version,
                                            Timestamp edited) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE comments SET body_markdown = ?, body_html = ?, renderer_version = ?, edited = ? "
        "WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, markdown).bind(2, html).bind(3, std::int64_t{renderer_version}).bind(4, edited.ms).bind(5, id.value);
    return (*st)->run();
  });
}

Result<std::int64_t> SqliteCommentRepo::child_count(CommentId id) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto st = c.prepare("SELECT count(*) FROM comments WHERE parent = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    return (*st)->int64(0);
  });
}

Result<void> SqliteCommentRepo::mark_deleted(CommentId id) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE comments SET state = 'deleted', author_name = '', author_email = '', avatar = '', "
        "body_markdown = '', body_html = '', edit_token_hash = NULL, anchor_quote = NULL, "
        "anchor_prefix = NULL, anchor_suffix = NULL, anchor_start = NULL, anchor_end = NULL, "
        "pinned = 0, featured = 0, author_badge = '' WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    return (*st)->run();
  });
}

Result<void> SqliteCommentRepo::erase(CommentId id) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM comments WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    return (*st)->run();
  });
}

Result<void> SqliteCommentRepo::add_votes(CommentId id, std::int64_t up_delta,
                                          std::int64_t down_delta) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE comments SET upvotes = upvotes + ?, downvotes = downvotes + ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, up_delta).bind(2, down_delta).bind(3, id.value);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
