#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<void> SqliteDigestRepo::add(SubscriptionId subscription, CommentId comment, Timestamp now,
                                   std::chrono::milliseconds period) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    // A comment joins the digest already gathering, else starts one.
    auto st = c.prepare(
        "INSERT INTO digest_items (subscription, comment, due) VALUES (?1, ?2, "
        "coalesce((SELECT min(due) FROM digest_items WHERE subscription = ?1), ?3)) "
        "ON CONFLICT DO NOTHING");
    if (!st) return st.error();
    (*st)->bind(1, subscription.value).bind(2, comment.value).bind(3, now.ms + period.count());
    return (*st)->run();
  });
}

Result<std::vector<DueDigest>> SqliteDigestRepo::due(Timestamp now, int limit) {
  return read<std::vector<DueDigest>>(access_, [&](Connection& c) -> Result<std::vector<DueDigest>> {
    auto st = c.prepare(
        "SELECT d.subscription, s.recipient, r.email, s.kind, s.delivery, s.thread, min(d.due) AS first "
        "FROM digest_items d JOIN subscriptions s ON s.id = d.subscription "
        "JOIN mail_recipients r ON r.id = s.recipient WHERE d.due <= ? "
        "GROUP BY d.subscription ORDER BY first, d.subscription LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, now.ms).bind(2, std::int64_t{limit});
    std::vector<DueDigest> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back({SubscriptionId{(*st)->int64(0)}, RecipientId{(*st)->int64(1)}, (*st)->text(2),
                     parse_subscription_kind((*st)->text(3)).value_or(SubscriptionKind::thread),
                     parse_delivery((*st)->text(4)).value_or(Delivery::each), ThreadId{(*st)->int64(5)}});
    }
  });
}

Result<std::vector<CommentId>> SqliteDigestRepo::comments(SubscriptionId subscription, Timestamp now) {
  return read<std::vector<CommentId>>(access_, [&](Connection& c) -> Result<std::vector<CommentId>> {
    auto st = c.prepare(
        "SELECT comment FROM digest_items WHERE subscription = ? AND due <= ? ORDER BY comment");
    if (!st) return st.error();
    (*st)->bind(1, subscription.value).bind(2, now.ms);
    std::vector<CommentId> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      out.push_back(CommentId{(*st)->int64(0)});
    }
  });
}

Result<void> SqliteDigestRepo::erase(SubscriptionId subscription, Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM digest_items WHERE subscription = ? AND due <= ?");
    if (!st) return st.error();
    (*st)->bind(1, subscription.value).bind(2, now.ms);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
