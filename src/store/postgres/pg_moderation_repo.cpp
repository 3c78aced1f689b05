#include <limits>

#include "store/text_lines.hpp"
#include "store/postgres/comment_rows.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

constexpr std::int64_t kNoUpperBound = std::numeric_limits<std::int64_t>::max();

#define SALA_QUEUE_COLUMNS                                                                  \
  "c.id, c.thread, c.parent, c.root, c.depth, c.author_name, c.avatar, c.body_markdown, "   \
  "c.body_html, c.renderer_version, c.state, c.created, c.edited, c.upvotes, c.downvotes, " \
  "c.anchor_quote, c.anchor_prefix, c.anchor_suffix, c.anchor_start, c.anchor_end, "        \
  "c.pinned, c.featured, c.author_badge, c.author_account, "                                  \
  "t.key, t.title, (SELECT count(*) FROM reports r WHERE r.comment = c.id)"

#define SALA_BAN_COLUMNS "id, site, kind, value, until, reason, by, created"

Ban read_ban(const Rows& r, int i) {
  Ban b;
  b.id = r.int64(i, 0);
  b.site = SiteId{r.text(i, 1)};
  b.kind = parse_ban_kind(r.text(i, 2)).value_or(BanKind::fingerprint);
  b.value = r.bytea(i, 3);
  if (auto until = r.optional_int64(i, 4)) b.until = Timestamp{*until};
  b.reason = r.text(i, 5);
  b.by = AccountId{r.int64(i, 6)};
  b.created = Timestamp{r.int64(i, 7)};
  return b;
}

// One fixed statement per queue: the kind never reaches SQL as text.
const char* queue_sql(QueueKind kind) {
  switch (kind) {
    case QueueKind::pending:
      return "SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'pending' AND c.id < $2 ORDER BY c.id DESC LIMIT $3";
    case QueueKind::spam:
      return "SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'spam' AND c.id < $2 ORDER BY c.id DESC LIMIT $3";
    case QueueKind::reported:
      return "SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'approved' AND c.id < $2 "
             "AND EXISTS (SELECT 1 FROM reports r WHERE r.comment = c.id) ORDER BY c.id DESC LIMIT $3";
  }
  return nullptr;
}

const char* queue_size_sql(QueueKind kind) {
  switch (kind) {
    case QueueKind::pending:
      return "SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'pending'";
    case QueueKind::spam:
      return "SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'spam'";
    case QueueKind::reported:
      return "SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
             "WHERE t.site = $1 AND c.state = 'approved' "
             "AND EXISTS (SELECT 1 FROM reports r WHERE r.comment = c.id)";
  }
  return nullptr;
}

}  // namespace

Result<std::vector<QueueItem>> PgModerationRepo::queue(const store::QueueQuery& q) {
  using Out = std::vector<QueueItem>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query(queue_sql(q.kind), Params()
                                               .add(q.site.value)
                                               .add(q.before ? q.before->value : kNoUpperBound)
                                               .add(std::int64_t{q.limit}));
    if (!rows) return rows.error();
    Out out;
    for (int i = 0; i < rows->size(); ++i) {
      QueueItem item;
      item.comment = read_comment(*rows, i);
      item.thread_key = rows->text(i, 24);
      item.thread_title = rows->text(i, 25);
      item.report_count = rows->int64(i, 26);
      out.push_back(std::move(item));
    }
    for (QueueItem& item : out) {
      if (item.report_count == 0) continue;
      auto reasons = c.query("SELECT reason FROM reports WHERE comment = $1 ORDER BY created DESC LIMIT 5",
                             Params().add(item.comment.id.value));
      if (!reasons) return reasons.error();
      for (int i = 0; i < reasons->size(); ++i) item.report_reasons.push_back(reasons->text(i, 0));
    }
    return out;
  });
}

Result<std::int64_t> PgModerationRepo::queue_size(const SiteId& site, QueueKind kind) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query(queue_size_sql(kind), Params().add(site.value));
    if (!rows) return rows.error();
    return rows->empty() ? 0 : rows->int64(0, 0);
  });
}

Result<void> PgModerationRepo::set_state(CommentId id, CommentState state) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto rows = c.query("UPDATE comments SET state = $1 WHERE id = $2", Params().add(to_string(state)).add(id.value));
    if (!rows) return rows.error();
    if (rows->affected() == 0) return Error::not_found("comment");
    return {};
  });
}

Result<void> PgModerationRepo::clear_reports(CommentId id) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM reports WHERE comment = $1", Params().add(id.value));
  });
}

Result<AuthorKeys> PgModerationRepo::author_keys(CommentId id) {
  return read<AuthorKeys>(access_, [&](Connection& c) -> Result<AuthorKeys> {
    auto rows = c.query("SELECT author_fingerprint, author_email, author_account FROM comments WHERE id = $1",
                        Params().add(id.value));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::not_found("comment");
    return AuthorKeys{rows->bytea(0, 0), rows->text(0, 1), rows->text(0, 2)};
  });
}

Result<bool> PgModerationRepo::is_known_author(const SiteId& site, const std::string& fingerprint,
                                               const std::string& email) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query(
        "SELECT EXISTS (SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE t.site = $1 AND c.state = 'approved' AND c.author_fingerprint = $2) "
        "OR ($3 <> '' AND EXISTS (SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE t.site = $1 AND c.state = 'approved' AND lower(c.author_email) = $3))",
        Params().add(site.value).add_bytea(fingerprint).add(email));
    if (!rows) return rows.error();
    return !rows->empty() && rows->boolean(0, 0);
  });
}

Result<std::optional<Timestamp>> PgModerationRepo::last_post_by(ThreadId thread, const std::string& fingerprint) {
  using Out = std::optional<Timestamp>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query("SELECT max(created) FROM comments WHERE author_fingerprint = $1 AND thread = $2",
                        Params().add_bytea(fingerprint).add(thread.value));
    if (!rows) return rows.error();
    if (rows->empty() || rows->is_null(0, 0)) return Out{};
    return Out{Timestamp{rows->int64(0, 0)}};
  });
}

Result<bool> PgModerationRepo::spend_challenge(const std::string& tag, Timestamp expires, Timestamp now) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    if (auto done = run(c, "DELETE FROM spent_challenges WHERE expires <= $1", Params().add(now.ms)); !done) {
      return done.error();
    }
    auto rows = c.query("INSERT INTO spent_challenges (tag, expires) VALUES ($1, $2) ON CONFLICT (tag) DO NOTHING",
                        Params().add(tag).add(expires.ms));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<std::int64_t> PgModerationRepo::add_ban(const Ban& b) {
  return write<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query(
        "INSERT INTO bans (site, kind, value, until, reason, by, created) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        Params()
            .add(b.site.value)
            .add(to_string(b.kind))
            .add_bytea(b.value)
            .add(b.until ? std::optional<std::int64_t>(b.until->ms) : std::nullopt)
            .add(b.reason)
            .add(b.by.value)
            .add(b.created.ms));
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

Result<bool> PgModerationRepo::remove_ban(const SiteId& site, std::int64_t id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("DELETE FROM bans WHERE site = $1 AND id = $2", Params().add(site.value).add(id));
    if (!rows) return rows.error();
    return rows->affected() > 0;
  });
}

Result<std::vector<Ban>> PgModerationRepo::bans(const SiteId& site, Timestamp now) {
  return read<std::vector<Ban>>(access_, [&](Connection& c) -> Result<std::vector<Ban>> {
    auto rows = c.query("SELECT " SALA_BAN_COLUMNS " FROM bans WHERE site = $1 "
                        "AND (until IS NULL OR until > $2) ORDER BY id DESC",
                        Params().add(site.value).add(now.ms));
    if (!rows) return rows.error();
    std::vector<Ban> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(read_ban(*rows, i));
    return out;
  });
}

Result<std::optional<Ban>> PgModerationRepo::active_ban(const SiteId& site, BanKind kind, const std::string& value,
                                                        Timestamp now) {
  return read<std::optional<Ban>>(access_, [&](Connection& c) -> Result<std::optional<Ban>> {
    auto rows = c.query("SELECT " SALA_BAN_COLUMNS " FROM bans WHERE site = $1 AND kind = $2 AND value = $3 "
                        "AND (until IS NULL OR until > $4) ORDER BY until IS NULL DESC, until DESC LIMIT 1",
                        Params().add(site.value).add(to_string(kind)).add_bytea(value).add(now.ms));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Ban>{};
    return std::optional<Ban>{read_ban(*rows, 0)};
  });
}

Result<void> PgModerationRepo::save_settings(const Site& site) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto rows = c.query(
        "UPDATE sites SET premoderate = $1, premoderate_links = $2, premoderate_first = $3, "
        "slow_mode_seconds = $4, edit_window_seconds = $5, challenge = $6, anonymous = $7 WHERE id = $8",
        Params()
            .add(site.premoderate)
            .add(site.premoderate_links)
            .add(site.premoderate_first)
            .add(site.slow_mode_seconds)
            .add(site.edit_window_seconds)
            .add(std::string(challenge_mode_name(site.challenge)))
            .add(site.anonymous)
            .add(site.id.value));
    if (!rows) return rows.error();
    if (rows->affected() == 0) return Error::not_found("site");
    return {};
  });
}

Result<WordLists> PgModerationRepo::word_lists(const SiteId& site) {
  return read<WordLists>(access_, [&](Connection& c) -> Result<WordLists> {
    auto rows = c.query("SELECT kind, word FROM site_words WHERE site = $1 ORDER BY kind, word",
                        Params().add(site.value));
    if (!rows) return rows.error();
    WordLists out;
    for (int i = 0; i < rows->size(); ++i) {
      (rows->text(i, 0) == "banned" ? out.banned : out.suspect).push_back(rows->text(i, 1));
    }
    return out;
  });
}

Result<void> PgModerationRepo::set_word_lists(const SiteId& site, const WordLists& lists) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    if (auto done = run(c, "DELETE FROM site_words WHERE site = $1", Params().add(site.value)); !done) {
      return done.error();
    }
    for (const auto& [kind, words] : {std::pair{"banned", &lists.banned}, std::pair{"suspect", &lists.suspect}}) {
      for (const std::string& word : *words) {
        auto done = run(c, "INSERT INTO site_words (site, kind, word) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        Params().add(site.value).add(kind).add(word));
        if (!done) return done.error();
      }
    }
    return {};
  });
}

namespace {

Result<void> count_tokens(Connection& c, const SiteId& site, const std::vector<std::string>& tokens,
                          SpamLabel label, std::int64_t delta) {
  if (tokens.empty()) return {};
  // One statement for all the tokens.
  return run(c,
             label == SpamLabel::spam
                 ? "INSERT INTO spam_tokens (site, token, spam, ham) SELECT $1, t, $3, 0 FROM unnest($2::text[]) t "
                   "ON CONFLICT (site, token) DO UPDATE SET spam = spam_tokens.spam + $3"
                 : "INSERT INTO spam_tokens (site, token, spam, ham) SELECT $1, t, 0, $3 FROM unnest($2::text[]) t "
                   "ON CONFLICT (site, token) DO UPDATE SET ham = spam_tokens.ham + $3",
             Params().add(site.value).add_text_array(tokens).add(delta));
}

}  // namespace

Result<void> PgModerationRepo::train_spam(const SiteId& site, CommentId comment,
                                          const std::vector<std::string>& tokens, SpamLabel label) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto before = c.query("SELECT label, tokens FROM spam_trained WHERE comment = $1 FOR UPDATE",
                          Params().add(comment.value));
    if (!before) return before.error();
    if (!before->empty()) {
      const SpamLabel old = before->text(0, 0) == "spam" ? SpamLabel::spam : SpamLabel::ham;
      if (old == label) return {};
      if (auto undone = count_tokens(c, site, store::split_lines(before->text(0, 1)), old, -1); !undone) {
        return undone.error();
      }
    }
    if (auto counted = count_tokens(c, site, tokens, label, 1); !counted) return counted.error();
    const std::string joined = store::join_lines(tokens);
    return run(c,
               "INSERT INTO spam_trained (comment, site, label, tokens) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (comment) DO UPDATE SET label = excluded.label, tokens = excluded.tokens",
               Params().add(comment.value).add(site.value).add(to_string(label)).add(joined));
  });
}

Result<SpamEvidence> PgModerationRepo::spam_evidence(const SiteId& site, const std::vector<std::string>& tokens) {
  return read<SpamEvidence>(access_, [&](Connection& c) -> Result<SpamEvidence> {
    SpamEvidence out;
    auto totals = c.query("SELECT label, count(*) FROM spam_trained WHERE site = $1 GROUP BY label",
                          Params().add(site.value));
    if (!totals) return totals.error();
    for (int i = 0; i < totals->size(); ++i) {
      (totals->text(i, 0) == "spam" ? out.spam_comments : out.ham_comments) = totals->int64(i, 1);
    }
    if (tokens.empty()) return out;
    auto rows = c.query("SELECT token, spam, ham FROM spam_tokens WHERE site = $1 AND token = ANY($2::text[])",
                        Params().add(site.value).add_text_array(tokens));
    if (!rows) return rows.error();
    for (int i = 0; i < rows->size(); ++i) {
      out.tokens.push_back({rows->text(i, 0), {rows->int64(i, 1), rows->int64(i, 2)}});
    }
    return out;
  });
}

Result<std::int64_t> PgModerationRepo::append_audit(const AuditEntry& e) {
  return write<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query(
        "INSERT INTO audit_log (at, account, account_name, site, action, target, reason) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        Params().add(e.at.ms).add(e.account.value).add(e.account_name).add(e.site.value).add(e.action).add(
            e.target).add(e.reason));
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

Result<std::vector<AuditEntry>> PgModerationRepo::audit(const std::optional<SiteId>& site,
                                                        std::optional<std::int64_t> before, int limit) {
  using Out = std::vector<AuditEntry>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    Params p;
    if (site) {
      p.add(site->value);
    } else {
      p.add_null();
    }
    p.add(before.value_or(kNoUpperBound)).add(std::int64_t{limit});
    auto rows = c.query(
        "SELECT id, at, account, account_name, site, action, target, reason FROM audit_log "
        "WHERE ($1::text IS NULL OR site = $1::text) AND id < $2 ORDER BY id DESC LIMIT $3",
        p);
    if (!rows) return rows.error();
    Out out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->int64(i, 0), Timestamp{rows->int64(i, 1)}, AccountId{rows->int64(i, 2)},
                     rows->text(i, 3), SiteId{rows->text(i, 4)}, rows->text(i, 5), rows->text(i, 6),
                     rows->text(i, 7)});
    }
    return out;
  });
}

}  // namespace sala::pg
