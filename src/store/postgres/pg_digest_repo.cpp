#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<void> PgDigestRepo::add(SubscriptionId subscription, CommentId comment, Timestamp now,
                               std::chrono::milliseconds period) {
  return write_void(access_, [&](Connection& c) {
    // A comment joins the digest already gathering, else starts one.
    return run(c,
               "INSERT INTO digest_items (subscription, comment, due) VALUES ($1, $2, "
               "coalesce((SELECT min(due) FROM digest_items WHERE subscription = $1), $3)) "
               "ON CONFLICT DO NOTHING",
               Params().add(subscription.value).add(comment.value).add(now.ms + period.count()));
  });
}

Result<std::vector<DueDigest>> PgDigestRepo::due(Timestamp now, int limit) {
  return read<std::vector<DueDigest>>(access_, [&](Connection& c) -> Result<std::vector<DueDigest>> {
    auto rows = c.query(
        "SELECT d.subscription, s.recipient, r.email, s.kind, s.delivery, s.thread, min(d.due) AS first "
        "FROM digest_items d JOIN subscriptions s ON s.id = d.subscription "
        "JOIN mail_recipients r ON r.id = s.recipient WHERE d.due <= $1 "
        "GROUP BY d.subscription, s.recipient, r.email, s.kind, s.delivery, s.thread "
        "ORDER BY first, d.subscription LIMIT $2",
        Params().add(now.ms).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<DueDigest> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({SubscriptionId{rows->int64(i, 0)}, RecipientId{rows->int64(i, 1)}, rows->text(i, 2),
                     parse_subscription_kind(rows->text(i, 3)).value_or(SubscriptionKind::thread),
                     parse_delivery(rows->text(i, 4)).value_or(Delivery::each), ThreadId{rows->int64(i, 5)}});
    }
    return out;
  });
}

Result<std::vector<CommentId>> PgDigestRepo::comments(SubscriptionId subscription, Timestamp now) {
  return read<std::vector<CommentId>>(access_, [&](Connection& c) -> Result<std::vector<CommentId>> {
    auto rows = c.query(
        "SELECT comment FROM digest_items WHERE subscription = $1 AND due <= $2 ORDER BY comment",
        Params().add(subscription.value).add(now.ms));
    if (!rows) return rows.error();
    std::vector<CommentId> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(CommentId{rows->int64(i, 0)});
    return out;
  });
}

Result<void> PgDigestRepo::erase(SubscriptionId subscription, Timestamp now) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM digest_items WHERE subscription = $1 AND due <= $2",
               Params().add(subscription.value).add(now.ms));
  });
}

}  // namespace sala::pg
