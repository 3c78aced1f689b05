#include "store/postgres/repos.hpp"

namespace sala::pg {
namespace {

std::optional<std::int64_t> opt(const std::optional<CommentId>& id) {
  return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
}

std::vector<SubscriptionView> views(const Rows& rows) {
  std::vector<SubscriptionView> out;
  for (int i = 0; i < rows.size(); ++i) {
    SubscriptionView v;
    v.id = SubscriptionId{rows.int64(i, 0)};
    v.kind = parse_subscription_kind(rows.text(i, 1)).value_or(SubscriptionKind::thread);
    v.confirmed = rows.boolean(i, 2);
    v.site = SiteId{rows.text(i, 3)};
    v.thread_key = rows.text(i, 4);
    v.thread_title = rows.text(i, 5);
    v.thread_url = rows.text(i, 6);
    v.delivery = parse_delivery(rows.text(i, 7)).value_or(Delivery::each);
    if (auto comment = rows.optional_int64(i, 8)) v.comment = CommentId{*comment};
    v.created = Timestamp{rows.int64(i, 9)};
    out.push_back(std::move(v));
  }
  return out;
}

#define SALA_PG_VIEW_SELECT                                                               \
  "SELECT s.id, s.kind, s.confirmed, t.site, t.key, t.title, t.url, s.delivery, s.comment, " \
  "s.created FROM subscriptions s "                                                        \
  "JOIN threads t ON t.id = s.thread "

}  // namespace

Result<RecipientId> PgSubscriptionRepo::recipient(const std::string& email, Timestamp now) {
  return write<RecipientId>(access_, [&](Connection& c) -> Result<RecipientId> {
    auto inserted = run(c, "INSERT INTO mail_recipients (email, created) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING",
                        Params().add(email).add(now.ms));
    if (!inserted) return inserted.error();
    auto rows = c.query("SELECT id FROM mail_recipients WHERE email = $1", Params().add(email));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::internal("recipient vanished after insert");
    return RecipientId{rows->int64(0, 0)};
  });
}

Result<SubscriptionId> PgSubscriptionRepo::add(const NewSubscription& s) {
  return write<SubscriptionId>(access_, [&](Connection& c) -> Result<SubscriptionId> {
    auto inserted = run(c,
                        "INSERT INTO subscriptions (recipient, thread, kind, comment, created) "
                        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                        Params().add(s.recipient.value).add(s.thread.value).add(to_string(s.kind))
                            .add(opt(s.comment)).add(s.created.ms));
    if (!inserted) return inserted.error();
    auto rows = c.query(
        "SELECT id FROM subscriptions WHERE recipient = $1 AND thread = $2 AND kind = $3 "
        "AND coalesce(comment, 0) = coalesce($4::bigint, 0)",
        Params().add(s.recipient.value).add(s.thread.value).add(to_string(s.kind)).add(opt(s.comment)));
    if (!rows) return rows.error();
    if (rows->empty()) return Error::internal("subscription vanished after insert");
    return SubscriptionId{rows->int64(0, 0)};
  });
}

Result<bool> PgSubscriptionRepo::claim_confirmation(RecipientId recipient, Timestamp now, Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query(
        "UPDATE mail_recipients SET last_confirmation = $1 "
        "WHERE id = $2 AND (last_confirmation IS NULL OR last_confirmation < $3)",
        Params().add(now.ms).add(recipient.value).add(not_before.ms));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<std::optional<std::string>> PgSubscriptionRepo::email(RecipientId recipient) {
  return read<std::optional<std::string>>(access_, [&](Connection& c) -> Result<std::optional<std::string>> {
    auto rows = c.query("SELECT email FROM mail_recipients WHERE id = $1", Params().add(recipient.value));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<std::string>{};
    return std::optional<std::string>(rows->text(0, 0));
  });
}

Result<int> PgSubscriptionRepo::confirm(RecipientId recipient, Timestamp created_by) {
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    auto rows = c.query(
        "UPDATE subscriptions SET confirmed = true WHERE recipient = $1 AND NOT confirmed AND created <= $2",
        Params().add(recipient.value).add(created_by.ms));
    if (!rows) return rows.error();
    return static_cast<int>(rows->affected());
  });
}

Result<std::vector<SubscriptionView>> PgSubscriptionRepo::list(RecipientId recipient) {
  return read<std::vector<SubscriptionView>>(access_, [&](Connection& c) -> Result<std::vector<SubscriptionView>> {
    auto rows = c.query(SALA_PG_VIEW_SELECT "WHERE s.recipient = $1 ORDER BY s.created, s.id",
                        Params().add(recipient.value));
    if (!rows) return rows.error();
    return views(*rows);
  });
}

Result<std::vector<SubscriptionView>> PgSubscriptionRepo::pending(RecipientId recipient, Timestamp created_by) {
  return read<std::vector<SubscriptionView>>(access_, [&](Connection& c) -> Result<std::vector<SubscriptionView>> {
    auto rows = c.query(SALA_PG_VIEW_SELECT
                        "WHERE s.recipient = $1 AND NOT s.confirmed AND s.created <= $2 ORDER BY s.created, s.id",
                        Params().add(recipient.value).add(created_by.ms));
    if (!rows) return rows.error();
    return views(*rows);
  });
}

Result<bool> PgSubscriptionRepo::remove(RecipientId recipient, SubscriptionId id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("DELETE FROM subscriptions WHERE id = $1 AND recipient = $2",
                        Params().add(id.value).add(recipient.value));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<void> PgSubscriptionRepo::remove_all(RecipientId recipient) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM subscriptions WHERE recipient = $1", Params().add(recipient.value));
  });
}

Result<bool> PgSubscriptionRepo::set_delivery(RecipientId recipient, SubscriptionId id, Delivery delivery) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("UPDATE subscriptions SET delivery = $1 WHERE id = $2 AND recipient = $3",
                        Params().add(to_string(delivery)).add(id.value).add(recipient.value));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<bool> PgSubscriptionRepo::erase_if_unused(RecipientId recipient) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    // Tokens, subscriptions and queued mails go by ON DELETE CASCADE.
    auto rows = c.query(
        "DELETE FROM mail_recipients r WHERE r.id = $1 "
        "AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.recipient = r.id)",
        Params().add(recipient.value));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<std::vector<SubscriptionMatch>> PgSubscriptionRepo::matching(const Comment& comment) {
  return read<std::vector<SubscriptionMatch>>(access_, [&](Connection& c) -> Result<std::vector<SubscriptionMatch>> {
    auto rows = c.query(
        "SELECT s.id, s.recipient, r.email, s.kind, s.delivery, "
        "EXISTS (SELECT 1 FROM digest_items d WHERE d.subscription = s.id) FROM subscriptions s "
        "JOIN mail_recipients r ON r.id = s.recipient "
        "WHERE s.confirmed AND s.thread = $1 "
        "AND r.email <> (SELECT author_email FROM comments WHERE id = $3) AND ("
        "  s.kind = 'thread' OR (s.kind = 'replies' AND $2::bigint IS NOT NULL AND ("
        "    s.comment = $2::bigint OR (s.comment IS NULL AND r.email = "
        "      (SELECT author_email FROM comments WHERE id = $2::bigint))))) "
        "ORDER BY s.recipient, s.kind = 'thread', s.id",
        Params().add(comment.thread.value).add(opt(comment.parent)).add(comment.id.value));
    if (!rows) return rows.error();
    std::vector<SubscriptionMatch> out;
    for (int i = 0; i < rows->size(); ++i) {
      const RecipientId who{rows->int64(i, 1)};
      if (!out.empty() && out.back().recipient == who) continue;
      out.push_back({SubscriptionId{rows->int64(i, 0)}, who, rows->text(i, 2),
                     parse_subscription_kind(rows->text(i, 3)).value_or(SubscriptionKind::thread),
                     parse_delivery(rows->text(i, 4)).value_or(Delivery::each), rows->boolean(i, 5)});
    }
    return out;
  });
}

Result<void> PgSubscriptionRepo::add_token(const MailToken& t) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "INSERT INTO mail_tokens (digest, purpose, recipient, subscription, created, expires) "
               "VALUES ($1, $2, $3, $4, $5, $6)",
               Params().add_bytea(t.digest).add(to_string(t.purpose)).add(t.recipient.value)
                   .add(t.subscription ? std::optional<std::int64_t>(t.subscription->value) : std::nullopt)
                   .add(t.created.ms).add(t.expires.ms));
  });
}

Result<std::optional<MailToken>> PgSubscriptionRepo::find_token(const std::string& digest, TokenPurpose purpose,
                                                                Timestamp now) {
  return read<std::optional<MailToken>>(access_, [&](Connection& c) -> Result<std::optional<MailToken>> {
    auto rows = c.query(
        "SELECT recipient, subscription, created, expires FROM mail_tokens "
        "WHERE digest = $1 AND purpose = $2 AND expires > $3",
        Params().add_bytea(digest).add(to_string(purpose)).add(now.ms));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<MailToken>{};
    MailToken t;
    t.digest = digest;
    t.purpose = purpose;
    t.recipient = RecipientId{rows->int64(0, 0)};
    if (auto sub = rows->optional_int64(0, 1)) t.subscription = SubscriptionId{*sub};
    t.created = Timestamp{rows->int64(0, 2)};
    t.expires = Timestamp{rows->int64(0, 3)};
    return std::optional<MailToken>(std::move(t));
  });
}

Result<void> PgSubscriptionRepo::erase_token(const std::string& digest) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM mail_tokens WHERE digest = $1", Params().add_bytea(digest));
  });
}

Result<void> PgSubscriptionRepo::erase_expired_tokens(Timestamp now) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM mail_tokens WHERE expires <= $1", Params().add(now.ms));
  });
}

}  // namespace sala::pg
