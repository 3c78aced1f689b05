#include "store/postgres/comment_rows.hpp"
#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<std::optional<CommentId>> PgTransferRepo::find_imported(const SiteId& site,
                                                               const std::string& source,
                                                               const std::string& ref) {
  return read<std::optional<CommentId>>(access_, [&](Connection& c) -> Result<std::optional<CommentId>> {
    auto rows = c.query("SELECT comment FROM import_refs WHERE site = $1 AND source = $2 AND ref = $3",
                        Params().add(site.value).add(source).add(ref));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<CommentId>{};
    return std::optional<CommentId>{CommentId{rows->int64(0, 0)}};
  });
}

Result<void> PgTransferRepo::remember_imported(const SiteId& site, const std::string& source,
                                               const std::string& ref, CommentId comment) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "INSERT INTO import_refs (site, source, ref, comment) VALUES ($1, $2, $3, $4)",
               Params().add(site.value).add(source).add(ref).add(comment.value));
  });
}

Result<std::vector<Thread>> PgTransferRepo::threads_after(const SiteId& site, ThreadId after, int limit) {
  return read<std::vector<Thread>>(access_, [&](Connection& c) -> Result<std::vector<Thread>> {
    auto rows = c.query(
        "SELECT " SALA_THREAD_COLUMNS " "
        "FROM threads WHERE site = $1 AND id > $2 ORDER BY id LIMIT $3",
        Params().add(site.value).add(after.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<Thread> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back(read_thread(*rows, i));
    }
    return out;
  });
}

Result<std::vector<store::StoredComment>> PgTransferRepo::comments_after(ThreadId thread, CommentId after,
                                                                         int limit) {
  using Out = std::vector<store::StoredComment>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query("SELECT " SALA_COMMENT_COLUMNS
                        ", author_email FROM comments WHERE thread = $1 AND id > $2 ORDER BY id LIMIT $3",
                        Params().add(thread.value).add(after.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    Out out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) out.push_back({read_comment(*rows, i), rows->text(i, 24)});
    return out;
  });
}

Result<std::vector<store::StoredSubscription>> PgTransferRepo::subscriptions_after(const SiteId& site,
                                                                                   SubscriptionId after,
                                                                                   int limit) {
  using Out = std::vector<store::StoredSubscription>;
  return read<Out>(access_, [&](Connection& c) -> Result<Out> {
    auto rows = c.query(
        "SELECT s.id, r.email, t.key, s.kind, s.comment, s.delivery, s.created FROM subscriptions s "
        "JOIN threads t ON t.id = s.thread JOIN mail_recipients r ON r.id = s.recipient "
        "WHERE t.site = $1 AND s.confirmed AND s.id > $2 ORDER BY s.id LIMIT $3",
        Params().add(site.value).add(after.value).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    Out out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int i = 0; i < rows->size(); ++i) {
      store::StoredSubscription s;
      s.id = SubscriptionId{rows->int64(i, 0)};
      s.email = rows->text(i, 1);
      s.thread_key = rows->text(i, 2);
      s.kind = parse_subscription_kind(rows->text(i, 3)).value_or(SubscriptionKind::thread);
      if (auto comment = rows->optional_int64(i, 4)) s.comment = CommentId{*comment};
      s.delivery = parse_delivery(rows->text(i, 5)).value_or(Delivery::each);
      s.created = Timestamp{rows->int64(i, 6)};
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<bool> PgTransferRepo::restore_subscription(const NewSubscription& s, Delivery delivery) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    // The unique index on (recipient, thread, kind, comment) decides what
    // "the same subscription" is, so a concurrent subscribe cannot double it.
    auto rows = c.query(
        "INSERT INTO subscriptions (recipient, thread, kind, comment, confirmed, delivery, created) "
        "VALUES ($1, $2, $3, $4, true, $5, $6) ON CONFLICT DO NOTHING",
        Params().add(s.recipient.value).add(s.thread.value).add(to_string(s.kind))
            .add(s.comment ? std::optional<std::int64_t>(s.comment->value) : std::nullopt)
            .add(to_string(delivery)).add(s.created.ms));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

}  // namespace sala::pg
