#include "store/postgres/comment_rows.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {

Comment read_comment(const Rows& r, int i) {
  Comment c;
  c.id = CommentId{r.int64(i, 0)};
  c.thread = ThreadId{r.int64(i, 1)};
  if (auto parent = r.optional_int64(i, 2)) c.parent = CommentId{*parent};
  c.root = CommentId{r.int64(i, 3)};
  c.depth = static_cast<int>(r.int64(i, 4));
  c.author_name = r.text(i, 5);
  c.avatar = r.text(i, 6);
  c.body_markdown = r.text(i, 7);
  c.body_html = r.text(i, 8);
  c.renderer_version = static_cast<int>(r.int64(i, 9));
  c.state = parse_comment_state(r.text(i, 10)).value_or(CommentState::rejected);
  c.created = Timestamp{r.int64(i, 11)};
  if (auto edited = r.optional_int64(i, 12)) c.edited = Timestamp{*edited};
  c.upvotes = r.int64(i, 13);
  c.downvotes = r.int64(i, 14);
  if (!r.is_null(i, 15)) {
    c.anchor = Anchor{r.text(i, 15), r.text(i, 16), r.text(i, 17), r.int64(i, 18), r.int64(i, 19)};
  }
  c.pinned = r.boolean(i, 20);
  c.featured = r.boolean(i, 21);
  c.author_badge = r.text(i, 22);
  c.author_account = r.text(i, 23);
  return c;
}


namespace {

Result<std::vector<Comment>> collect(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<Comment> out;
  out.reserve(static_cast<std::size_t>(rows->size()));
  for (int i = 0; i < rows->size(); ++i) out.push_back(read_comment(*rows, i));
  return out;
}

Result<std::optional<Comment>> get_comment(Connection& c, CommentId id) {
  auto rows = c.query("SELECT " SALA_COMMENT_COLUMNS " FROM comments WHERE id = $1",
                      Params().add(id.value));
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Comment>{};
  return std::optional<Comment>{read_comment(*rows, 0)};
}

// The rows a page's top level is drawn from: approved comments, and deleted,
// rejected or spam ones that stand as placeholders for approved replies (so a
// moderator's verdict on a comment does not take its replies away); with $2
// true, only anchored ones (the "Inline feedback" view).
#define SALA_TOP_LEVEL                                      \
  "SELECT " SALA_COMMENT_COLUMNS " FROM comments "          \
  "WHERE thread = $1 AND parent IS NULL "                   \
  "AND NOT pinned AND (state IN ('approved', 'deleted') OR "     \
  "(state IN ('rejected', 'spam') AND EXISTS (SELECT 1 FROM comments r " \
  "WHERE r.root = comments.id AND r.id <> comments.id AND r.state = 'approved'))) " \
  "AND (NOT $2::boolean OR anchor_quote IS NOT NULL) "

// One fixed statement per (sort, first page or not): the sort never reaches
// SQL as text. $1 thread, $2 anchored only, $3 and $4 the cursor, then the limit.
std::string_view top_level_sql(Sort sort, bool has_cursor) {
  switch (sort) {
    case Sort::newest:
      return has_cursor ? SALA_TOP_LEVEL "AND (created, id) < ($3, $4) "
                                         "ORDER BY created DESC, id DESC LIMIT $5"
                        : SALA_TOP_LEVEL "ORDER BY created DESC, id DESC LIMIT $3";
    case Sort::oldest:
      return has_cursor ? SALA_TOP_LEVEL "AND (created, id) > ($3, $4) "
                                         "ORDER BY created ASC, id ASC LIMIT $5"
                        : SALA_TOP_LEVEL "ORDER BY created ASC, id ASC LIMIT $3";
    case Sort::votes:
      return has_cursor ? SALA_TOP_LEVEL "AND (score, id) < ($3, $4) "
                                         "ORDER BY score DESC, id DESC LIMIT $5"
                        : SALA_TOP_LEVEL "ORDER BY score DESC, id DESC LIMIT $3";
  }
  return {};
}

#undef SALA_TOP_LEVEL

Result<store::Page> read_page(Connection& c, const store::PageQuery& q) {
  store::Page page;
  if (!q.after) {
    // The thread's pinned comments open its first page in every sort (of the
    // anchored view too, when they are anchored).
    auto pinned = collect(c.query("SELECT " SALA_COMMENT_COLUMNS " FROM comments "
                                  "WHERE thread = $1 AND parent IS NULL AND pinned AND state = 'approved' "
                                  "AND (NOT $2::boolean OR anchor_quote IS NOT NULL) ORDER BY id",
                                  Params().add(q.thread.value).add(q.anchored_only)));
    if (!pinned) return pinned.error();
    page.pinned = std::move(*pinned);
  }
  const auto sql = top_level_sql(q.sort, q.after.has_value());
  if (sql.empty()) return Error::internal("unknown sort");
  Params params;
  params.add(q.thread.value).add(q.anchored_only);
  if (q.after) params.add(q.after->key).add(q.after->id.value);
  params.add(std::int64_t{q.limit} + 1);
  auto roots = collect(c.query(sql, params));
  if (!roots) return roots.error();

  page.top_level = std::move(*roots);
  if (page.top_level.size() > static_cast<std::size_t>(q.limit)) {
    page.top_level.pop_back();
    page.has_more = true;
  }
  // Every reply of the page in one round trip, grouped by root in page order.
  std::vector<std::int64_t> root_ids;
  for (const auto* list : {&page.pinned, &page.top_level}) {
    for (const auto& root : *list) root_ids.push_back(root.id.value);
  }
  if (root_ids.empty()) return page;
  auto replies = collect(c.query(
      "SELECT c.id, c.thread, c.parent, c.root, c.depth, c.author_name, c.avatar, "
      "c.body_markdown, c.body_html, c.renderer_version, c.state, c.created, c.edited, "
      "c.upvotes, c.downvotes, c.anchor_quote, c.anchor_prefix, c.anchor_suffix, "
      "c.anchor_start, c.anchor_end, c.pinned, c.featured, c.author_badge, c.author_account "
      "FROM unnest($1::bigint[]) WITH ORDINALITY AS r(root, n) "
      "JOIN comments c ON c.root = r.root AND c.id <> r.root "
      "ORDER BY r.n, c.created, c.id",
      Params().add_int_array(root_ids)));
  if (!replies) return replies.error();
  page.replies = std::move(*replies);
  return page;
}

}  // namespace

Result<CommentId> PgCommentRepo::insert(const NewComment& n) {
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
    Params p;
    p.add(n.thread.value)
        .add(n.parent ? std::optional<std::int64_t>(n.parent->value) : std::nullopt)
        .add(root)
        .add(depth)
        .add(n.author_name)
        .add(n.author_email)
        .add(n.avatar)
        .add(n.body_markdown)
        .add(n.body_html)
        .add(std::int64_t{n.renderer_version})
        .add(to_string(n.state))
        .add(n.created.ms);
    if (n.edit_token_hash.empty()) {
      p.add_null();
    } else {
      p.add_bytea(n.edit_token_hash);
    }
    if (n.anchor) {
      p.add(n.anchor->quote).add(n.anchor->prefix).add(n.anchor->suffix).add(n.anchor->start).add(
          n.anchor->end);
    } else {
      p.add_null().add_null().add_null().add_null().add_null();
    }
    if (n.author_fingerprint.empty()) {
      p.add_null();
    } else {
      p.add_bytea(n.author_fingerprint);
    }
    p.add(n.id ? std::optional<std::int64_t>(n.id->value) : std::nullopt);
    p.add(n.author_account).add(n.author_badge);
    // The id is drawn first (unless an import keeps one) so a top-level
    // comment is its own root in the same statement. (Parameters in a SELECT
    // list need their types spelled out: no column gives them one.)
    auto rows = c.query(
        "WITH next AS (SELECT coalesce($20::bigint, nextval(pg_get_serial_sequence('comments', 'id'))) AS id) "
        "INSERT INTO comments (id, thread, parent, root, depth, author_name, author_email, avatar, "
        "body_markdown, body_html, renderer_version, state, created, edit_token_hash, "
        "anchor_quote, anchor_prefix, anchor_suffix, anchor_start, anchor_end, author_fingerprint, "
        "author_account, author_badge) "
        "SELECT next.id, $1::bigint, $2::bigint, coalesce($3::bigint, next.id), $4::integer, "
        "$5::text, $6::text, $7::text, $8::text, $9::text, $10::integer, $11::text, $12::bigint, "
        "$13::bytea, $14::text, $15::text, $16::text, $17::bigint, $18::bigint, $19::bytea, $21::text, $22::text "
        "FROM next "
        "RETURNING id",
        p);
    if (!rows) return rows.error();
    const CommentId id{rows->int64(0, 0)};
    if (n.id) {
      // A kept id does not move the sequence; move it past, so the ids it
      // hands out later are free.
      auto moved = c.query(
          "SELECT setval(s, GREATEST($1::bigint, coalesce(pg_sequence_last_value(s), 1))) "
          "FROM (SELECT pg_get_serial_sequence('comments', 'id')::regclass AS s) AS q",
          Params().add(id.value));
      if (!moved) return moved.error();
    }
    return id;
  });
}

Result<std::optional<Comment>> PgCommentRepo::get(CommentId id) {
  return read<std::optional<Comment>>(access_, [&](Connection& c) { return get_comment(c, id); });
}

Result<std::string> PgCommentRepo::edit_token_hash(CommentId id) {
  return read<std::string>(access_, [&](Connection& c) -> Result<std::string> {
    auto rows = c.query("SELECT edit_token_hash FROM comments WHERE id = $1", Params().add(id.value));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::not_found("comment");
    return rows->bytea(0, 0);
  });
}

Result<store::Page> PgCommentRepo::page(const store::PageQuery& query) {
  return read<store::Page>(access_, [&](Connection& c) -> Result<store::Page> {
    if (c.in_transaction()) return read_page(c, query);
    // One snapshot for the top-level rows and their replies.
    if (auto begun = c.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !begun) {
      return begun.error();
    }
    auto page = read_page(c, query);
    auto ended = c.exec(page ? "COMMIT" : "ROLLBACK");
    if (!ended && page) return ended.error();
    return page;
  });
}

Result<std::vector<AnchoredComment>> PgCommentRepo::anchored(ThreadId thread, int limit) {
  return read<std::vector<AnchoredComment>>(access_, [&](Connection& c) -> Result<std::vector<AnchoredComment>> {
    auto rows = c.query(
        "SELECT id, anchor_quote, anchor_prefix, anchor_suffix, anchor_start, anchor_end "
        "FROM comments WHERE thread = $1 AND state = 'approved' AND anchor_quote IS NOT NULL "
        "ORDER BY anchor_start, anchor_end, id LIMIT $2",
        Params().add(thread.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<AnchoredComment> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({CommentId{rows->int64(i, 0)},
                     Anchor{rows->text(i, 1), rows->text(i, 2), rows->text(i, 3), rows->int64(i, 4),
                            rows->int64(i, 5)}});
    }
    return out;
  });
}

Result<void> PgCommentRepo::update_body(CommentId id, const std::string& markdown,
                                        const std::string& html, int renderer_version,
                                        Timestamp edited) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "UPDATE comments SET body_markdown = $1, body_html = $2, renderer_version = $3, "
               "edited = $4 WHERE id = $5",
               Params().add(markdown).add(html).add(std::int64_t{renderer_version}).add(edited.ms).add(
                   id.value));
  });
}

Result<std::int64_t> PgCommentRepo::child_count(CommentId id) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query("SELECT count(*) FROM comments WHERE parent = $1", Params().add(id.value));
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

Result<void> PgCommentRepo::mark_deleted(CommentId id) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "UPDATE comments SET state = 'deleted', author_name = '', author_email = '', "
               "avatar = '', body_markdown = '', body_html = '', edit_token_hash = NULL, "
               "anchor_quote = NULL, anchor_prefix = NULL, anchor_suffix = NULL, "
               "anchor_start = NULL, anchor_end = NULL, pinned = false, featured = false, "
               "author_badge = '' WHERE id = $1",
               Params().add(id.value));
  });
}

Result<void> PgCommentRepo::erase(CommentId id) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM comments WHERE id = $1", Params().add(id.value));
  });
}

Result<void> PgCommentRepo::add_votes(CommentId id, std::int64_t up_delta, std::int64_t down_delta) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "UPDATE comments SET upvotes = upvotes + $1, downvotes = downvotes + $2 WHERE id = $3",
               Params().add(up_delta).add(down_delta).add(id.value));
  });
}

}  // namespace sala::pg
