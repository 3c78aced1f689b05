#include "store/sqlite/comment_rows.hpp"
#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<std::optional<CommentId>> SqliteTransferRepo::find_imported(const SiteId& site,
                                                                   const std::string& source,
                                                                   const std::string& ref) {
  return read<std::optional<CommentId>>(
      access_, [&](Connection& c) -> Result<std::optional<CommentId>> {
        auto st = c.prepare("SELECT comment FROM import_refs WHERE site = ? AND source = ? AND ref = ?");
        if (!st) return st.error();
        (*st)->bind(1, site.value).bind(2, source).bind(3, ref);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return std::optional<CommentId>{};
        return std::optional<CommentId>{CommentId{(*st)->int64(0)}};
      });
}

Result<void> SqliteTransferRepo::remember_imported(const SiteId& site, const std::string& source,
                                                   const std::string& ref, CommentId comment) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("INSERT INTO import_refs (site, source, ref, comment) VALUES (?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, source).bind(3, ref).bind(4, comment.value);
    return (*st)->run();
  });
}

Result<std::vector<Thread>> SqliteTransferRepo::threads_after(const SiteId& site, ThreadId after,
                                                              int limit) {
  return read<std::vector<Thread>>(access_, [&](Connection& c) -> Result<std::vector<Thread>> {
    auto st = c.prepare(
        "SELECT " SALA_THREAD_COLUMNS " "
        "FROM threads WHERE site = ? AND id > ? ORDER BY id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, after.value).bind(3, std::int64_t{limit});
    std::vector<Thread> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(read_thread(**st));
    }
  });
}

Result<std::vector<store::StoredComment>> SqliteTransferRepo::comments_after(ThreadId thread,
                                                                             CommentId after,
                                                                             int limit) {
  using Rows = std::vector<store::StoredComment>;
  return read<Rows>(access_, [&](Connection& c) -> Result<Rows> {
    auto st = c.prepare("SELECT " SALA_COMMENT_COLUMNS
                        ", author_email FROM comments WHERE thread = ? AND id > ? "
                        "ORDER BY id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, thread.value).bind(2, after.value).bind(3, std::int64_t{limit});
    Rows out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back({read_comment(**st), (*st)->text(24)});
    }
  });
}

Result<std::vector<store::StoredSubscription>> SqliteTransferRepo::subscriptions_after(const SiteId& site,
                                                                                       SubscriptionId after,
                                                                                       int limit) {
  using Rows = std::vector<store::StoredSubscription>;
  return read<Rows>(access_, [&](Connection& c) -> Result<Rows> {
    auto st = c.prepare(
        "SELECT s.id, r.email, t.key, s.kind, s.comment, s.delivery, s.created FROM subscriptions s "
        "JOIN threads t ON t.id = s.thread JOIN mail_recipients r ON r.id = s.recipient "
        "WHERE t.site = ? AND s.confirmed = 1 AND s.id > ? ORDER BY s.id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, site.value).bind(2, after.value).bind(3, std::int64_t{limit});
    Rows out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      store::StoredSubscription s;
      s.id = SubscriptionId{(*st)->int64(0)};
      s.email = (*st)->text(1);
      s.thread_key = (*st)->text(2);
      s.kind = parse_subscription_kind((*st)->text(3)).value_or(SubscriptionKind::thread);
      if (auto comment = (*st)->optional_int64(4)) s.comment = CommentId{*comment};
      s.delivery = parse_delivery((*st)->text(5)).value_or(Delivery::each);
      s.created = Timestamp{(*st)->int64(6)};
      out.push_back(std::move(s));
    }
  });
}

Result<bool> SqliteTransferRepo::restore_subscription(const NewSubscription& s, Delivery delivery) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    // The unique index on (recipient, thread, kind, comment) decides what
    // "the same subscription" is, so a concurrent subscribe cannot double it.
    auto st = c.prepare(
        "INSERT INTO subscriptions (recipient, thread, kind, comment, confirmed, delivery, created) "
        "VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING");
    if (!st) return st.error();
    (*st)->bind(1, s.recipient.value).bind(2, s.thread.value).bind(3, to_string(s.kind))
        .bind(4, s.comment ? std::optional<std::int64_t>(s.comment->value) : std::nullopt)
        .bind(5, to_string(delivery)).bind(6, s.created.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

}  // namespace sala::sqlite
