#include <limits>

#include "store/text_lines.hpp"
#include "store/sqlite/comment_rows.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

// The queue's columns: the comment's (as read_comment wants them), then the
// thread's key and title and the report count.
#define SALA_QUEUE_COLUMNS                                                                  \
  "c.id, c.thread, c.parent, c.root, c.depth, c.author_name, c.avatar, c.body_markdown, "   \
  "c.body_html, c.renderer_version, c.state, c.created, c.edited, c.upvotes, c.downvotes, " \
  "c.anchor_quote, c.anchor_prefix, c.anchor_suffix, c.anchor_start, c.anchor_end, "        \
  "c.pinned, c.featured, c.author_badge, c.author_account, "                                  \
  "t.key, t.title, (SELECT count(*) FROM reports r WHERE r.comment = c.id)"

#define SALA_BAN_COLUMNS "id, site, kind, value, until, reason, by, created"

Ban read_ban(const Statement& s) {
  Ban b;
  b.id = s.int64(0);
  b.site = SiteId{s.text(1)};
  b.kind = parse_ban_kind(s.text(2)).value_or(BanKind::fingerprint);
  b.value = s.blob(3);
  if (auto until = s.optional_int64(4)) b.until = Timestamp{*until};
  b.reason = s.text(5);
  b.by = AccountId{s.int64(6)};
  b.created = Timestamp{s.int64(7)};
  return b;
}

Result<Statement*> prepare_queue(Connection& c, QueueKind kind) {
  // One fixed statement per queue: the kind never reaches SQL as text.
  switch (kind) {
    case QueueKind::pending:
      return c.prepare("SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ?1 AND c.state = 'pending' AND c.id < ?2 ORDER BY c.id DESC LIMIT ?3");
    case QueueKind::spam:
      return c.prepare("SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ?1 AND c.state = 'spam' AND c.id < ?2 ORDER BY c.id DESC LIMIT ?3");
    case QueueKind::reported:
      return c.prepare("SELECT " SALA_QUEUE_COLUMNS " FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ?1 AND c.state = 'approved' AND c.id < ?2 "
                       "AND EXISTS (SELECT 1 FROM reports r WHERE r.comment = c.id) "
                       "ORDER BY c.id DESC LIMIT ?3");
  }
  return Error::internal("unknown queue");
}

}  // namespace

Result<std::vector<QueueItem>> SqliteModerationRepo::queue(const store::QueueQuery& q) {
  using Out = std::vector<QueueItem>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto st = prepare_queue(c, q.kind);
    if (!st) return st.error();
    (*st)->bind(1, q.site.value)
        .bind(2, q.before ? q.before->value : std::numeric_limits<std::int64_t>::max())
        .bind(3, std::int64_t{q.limit});
    Out out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) break;
      QueueItem item;
      item.comment = read_comment(**st);
      item.thread_key = (*st)->text(24);
      item.thread_title = (*st)->text(25);
      item.report_count = (*st)->int64(26);
      out.push_back(std::move(item));
    }
    for (QueueItem& item : out) {
      if (item.report_count == 0) continue;
      auto reasons = c.prepare("SELECT reason FROM reports WHERE comment = ? ORDER BY created DESC LIMIT 5");
      if (!reasons) return reasons.error();
      (*reasons)->bind(1, item.comment.id.value);
      for (;;) {
        auto row = (*reasons)->step();
        if (!row) return row.error();
        if (!*row) break;
        item.report_reasons.push_back((*reasons)->text(0));
      }
    }
    return out;
  });
}

Result<std::int64_t> SqliteModerationRepo::queue_size(const SiteId& site, QueueKind kind) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    Result<Statement*> st = Error::internal("unknown queue");
    switch (kind) {
      case QueueKind::pending:
        st = c.prepare("SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ? AND c.state = 'pending'");
        break;
      case QueueKind::spam:
        st = c.prepare("SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ? AND c.state = 'spam'");
        break;
      case QueueKind::reported:
        st = c.prepare("SELECT count(*) FROM comments c JOIN threads t ON t.id = c.thread "
                       "WHERE t.site = ? AND c.state = 'approved' "
                       "AND EXISTS (SELECT 1 FROM reports r WHERE r.comment = c.id)");
        break;
    }
    if (!st) return st.error();
    (*st)->bind(1, site.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row ? (*st)->int64(0) : 0;
  });
}

Result<void> SqliteModerationRepo::set_state(CommentId id, CommentState state) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("UPDATE comments SET state = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, to_string(state)).bind(2, id.value);
    if (auto done = (*st)->run(); !done) return done.error();
    if ((*st)->changes() == 0) return Error::not_found("comment");
    return {};
  });
}

Result<void> SqliteModerationRepo::clear_reports(CommentId id) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM reports WHERE comment = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    return (*st)->run();
  });
}

Result<AuthorKeys> SqliteModerationRepo::author_keys(CommentId id) {
  return read<AuthorKeys>(access_, [&](Connection& c) -> Result<AuthorKeys> {
    auto st = c.prepare(
        "SELECT coalesce(author_fingerprint, x''), author_email, author_account FROM comments WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("comment");
    return AuthorKeys{(*st)->blob(0), (*st)->text(1), (*st)->text(2)};
  });
}

Result<bool> SqliteModerationRepo::is_known_author(const SiteId& site, const std::string& fingerprint,
                                                   const std::string& email) {
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare(
        "SELECT EXISTS (SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE t.site = ?1 AND c.state = 'approved' AND c.author_fingerprint = ?2) "
        "OR (?3 <> '' AND EXISTS (SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE t.site = ?1 AND c.state = 'approved' AND lower(c.author_email) = ?3))");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind_blob(2, fingerprint).bind(3, email);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row && (*st)->int64(0) != 0;
  });
}

Result<std::optional<Timestamp>> SqliteModerationRepo::last_post_by(ThreadId thread,
                                                                    const std::string& fingerprint) {
  using Out = std::optional<Timestamp>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto st = c.prepare("SELECT max(created) FROM comments WHERE author_fingerprint = ? AND thread = ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, fingerprint).bind(2, thread.value);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row || (*st)->is_null(0)) return Out{};
    return Out{Timestamp{(*st)->int64(0)}};
  });
}

Result<bool> SqliteModerationRepo::spend_challenge(const std::string& tag, Timestamp expires, Timestamp now) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto expired = c.prepare("DELETE FROM spent_challenges WHERE expires <= ?");
    if (!expired) return expired.error();
    (*expired)->bind(1, now.ms);
    if (auto done = (*expired)->run(); !done) return done.error();
    auto st = c.prepare("INSERT INTO spent_challenges (tag, expires) VALUES (?, ?) ON CONFLICT (tag) DO NOTHING");
    if (!st) return st.error();
    (*st)->bind(1, tag).bind(2, expires.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<std::int64_t> SqliteModerationRepo::add_ban(const Ban& b) {
  return write<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto st = c.prepare(
        "INSERT INTO bans (site, kind, value, until, reason, by, created) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, b.site.value)
        .bind(2, to_string(b.kind))
        .bind_blob(3, b.value)
        .bind(4, b.until ? std::optional<std::int64_t>(b.until->ms) : std::nullopt)
        .bind(5, b.reason)
        .bind(6, b.by.value)
        .bind(7, b.created.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return c.last_insert_id();
  });
}

Result<bool> SqliteModerationRepo::remove_ban(const SiteId& site, std::int64_t id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("DELETE FROM bans WHERE site = ? AND id = ?");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, id);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() > 0;
  });
}

Result<std::vector<Ban>> SqliteModerationRepo::bans(const SiteId& site, Timestamp now) {
  return read<std::vector<Ban>>(access_, [&](Connection& c) -> Result<std::vector<Ban>> {
    auto st = c.prepare("SELECT " SALA_BAN_COLUMNS " FROM bans WHERE site = ? "
                        "AND (until IS NULL OR until > ?) ORDER BY id DESC");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, now.ms);
    std::vector<Ban> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read_ban(**st));
    }
  });
}

Result<std::optional<Ban>> SqliteModerationRepo::active_ban(const SiteId& site, BanKind kind,
                                                            const std::string& value, Timestamp now) {
  return read<std::optional<Ban>>(access_, [&](Connection& c) -> Result<std::optional<Ban>> {
    auto st = c.prepare("SELECT " SALA_BAN_COLUMNS " FROM bans WHERE site = ? AND kind = ? "
                        "AND value = ? AND (until IS NULL OR until > ?) ORDER BY until IS NULL DESC, until DESC LIMIT 1");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, to_string(kind)).bind_blob(3, value).bind(4, now.ms);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Ban>{};
    return std::optional<Ban>{read_ban(**st)};
  });
}

Result<void> SqliteModerationRepo::save_settings(const Site& site) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE sites SET premoderate = ?, premoderate_links = ?, premoderate_first = ?, "
        "slow_mode_seconds = ?, edit_window_seconds = ?, challenge = ?, anonymous = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, std::int64_t{site.premoderate})
        .bind(2, std::int64_t{site.premoderate_links})
        .bind(3, std::int64_t{site.premoderate_first})
        .bind(4, site.slow_mode_seconds)
        .bind(5, site.edit_window_seconds)
        .bind(6, std::string(challenge_mode_name(site.challenge)))
        .bind(7, std::int64_t{site.anonymous})
        .bind(8, site.id.value);
    if (auto done = (*st)->run(); !done) return done.error();
    if ((*st)->changes() == 0) return Error::not_found("site");
    return {};
  });
}

Result<WordLists> SqliteModerationRepo::word_lists(const SiteId& site) {
  return read<WordLists>(access_, [&](Connection& c) -> Result<WordLists> {
    auto st = c.prepare("SELECT kind, word FROM site_words WHERE site = ? ORDER BY kind, word");
    if (!st) return st.error();
    (*st)->bind(1, site.value);
    WordLists out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      ((*st)->text(0) == "banned" ? out.banned : out.suspect).push_back((*st)->text(1));
    }
  });
}

Result<void> SqliteModerationRepo::set_word_lists(const SiteId& site, const WordLists& lists) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto clear = c.prepare("DELETE FROM site_words WHERE site = ?");
    if (!clear) return clear.error();
    (*clear)->bind(1, site.value);
    if (auto done = (*clear)->run(); !done) return done.error();
    for (const auto& [kind, words] : {std::pair{"banned", &lists.banned}, std::pair{"suspect", &lists.suspect}}) {
      for (const std::string& word : *words) {
        auto st = c.prepare("INSERT OR IGNORE INTO site_words (site, kind, word) VALUES (?, ?, ?)");
        if (!st) return st.error();
        (*st)->bind(1, site.value).bind(2, kind).bind(3, word);
        if (auto done = (*st)->run(); !done) return done.error();
      }
    }
    return {};
  });
}

namespace {

Result<void> count_tokens(Connection& c, const SiteId& site, const std::vector<std::string>& tokens,
                          SpamLabel label, std::int64_t delta) {
  for (const std::string& token : tokens) {
    auto st = label == SpamLabel::spam
                  ? c.prepare("INSERT INTO spam_tokens (site, token, spam, ham) VALUES (?1, ?2, ?3, 0) "
                              "ON CONFLICT (site, token) DO UPDATE SET spam = spam + ?3")
                  : c.prepare("INSERT INTO spam_tokens (site, token, spam, ham) VALUES (?1, ?2, 0, ?3) "
                              "ON CONFLICT (site, token) DO UPDATE SET ham = ham + ?3");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, token).bind(3, delta);
    if (auto done = (*st)->run(); !done) return done.error();
  }
  return {};
}

}  // namespace

Result<void> SqliteModerationRepo::train_spam(const SiteId& site, CommentId comment,
                                              const std::vector<std::string>& tokens, SpamLabel label) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto before = c.prepare("SELECT label, tokens FROM spam_trained WHERE comment = ?");
    if (!before) return before.error();
    (*before)->bind(1, comment.value);
    auto row = (*before)->step();
    if (!row) return row.error();
    if (*row) {
      const SpamLabel old = (*before)->text(0) == "spam" ? SpamLabel::spam : SpamLabel::ham;
      if (old == label) return {};
      const std::vector<std::string> old_tokens = store::split_lines((*before)->text(1));
      if (auto undone = count_tokens(c, site, old_tokens, old, -1); !undone) return undone.error();
    }
    if (auto counted = count_tokens(c, site, tokens, label, 1); !counted) return counted.error();
    const std::string joined = store::join_lines(tokens);
    auto st = c.prepare("INSERT INTO spam_trained (comment, site, label, tokens) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (comment) DO UPDATE SET label = excluded.label, tokens = excluded.tokens");
    if (!st) return st.error();
    (*st)->bind(1, comment.value).bind(2, site.value).bind(3, to_string(label)).bind(4, joined);
    return (*st)->run();
  });
}

Result<SpamEvidence> SqliteModerationRepo::spam_evidence(const SiteId& site, const std::vector<std::string>& tokens) {
  return read<SpamEvidence>(access_, [&](Connection& c) -> Result<SpamEvidence> {
    SpamEvidence out;
    auto totals = c.prepare("SELECT label, count(*) FROM spam_trained WHERE site = ? GROUP BY label");
    if (!totals) return totals.error();
    (*totals)->bind(1, site.value);
    for (;;) {
      auto row = (*totals)->step();
      if (!row) return row.error();
      if (!*row) break;
      ((*totals)->text(0) == "spam" ? out.spam_comments : out.ham_comments) = (*totals)->int64(1);
    }
    for (const std::string& token : tokens) {
      auto st = c.prepare("SELECT spam, ham FROM spam_tokens WHERE site = ? AND token = ?");
      if (!st) return st.error();
      (*st)->bind(1, site.value).bind(2, token);
      auto row = (*st)->step();
      if (!row) return row.error();
      if (*row) out.tokens.push_back({token, {(*st)->int64(0), (*st)->int64(1)}});
    }
    return out;
  });
}

Result<std::int64_t> SqliteModerationRepo::append_audit(const AuditEntry& e) {
  return write<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto st = c.prepare(
        "INSERT INTO audit_log (at, account, account_name, site, action, target, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, e.at.ms)
        .bind(2, e.account.value)
        .bind(3, e.account_name)
        .bind(4, e.site.value)
        .bind(5, e.action)
        .bind(6, e.target)
        .bind(7, e.reason);
    if (auto done = (*st)->run(); !done) return done.error();
    return c.last_insert_id();
  });
}

Result<std::vector<AuditEntry>> SqliteModerationRepo::audit(const std::optional<SiteId>& site,
                                                            std::optional<std::int64_t> before, int limit) {
  using Out = std::vector<AuditEntry>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto st = c.prepare(
        "SELECT id, at, account, account_name, site, action, target, reason FROM audit_log "
        "WHERE (?1 IS NULL OR site = ?1) AND id < ?2 ORDER BY id DESC LIMIT ?3");
    if (!st) return st.error();
    if (site) {
      (*st)->bind(1, site->value);
    } else {
      (*st)->bind_null(1);
    }
    (*st)->bind(2, before.value_or(std::numeric_limits<std::int64_t>::max())).bind(3, std::int64_t{limit});
    Out out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      const Statement& s = **st;
      out.push_back({s.int64(0), Timestamp{s.int64(1)}, AccountId{s.int64(2)}, s.text(3), SiteId{s.text(4)},
                     s.text(5), s.text(6), s.text(7)});
    }
  });
}

}  // namespace sala::sqlite
