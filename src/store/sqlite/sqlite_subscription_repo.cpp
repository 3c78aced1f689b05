#include "store/sqlite/repos.hpp"

namespace sala::sqlite {
namespace {

std::optional<std::int64_t> opt_id(const std::optional<SubscriptionId>& id) {
  return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
}

Result<std::vector<SubscriptionView>> collect_views(Statement& st) {
  std::vector<SubscriptionView> out;
  for (;;) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return out;
    SubscriptionView v;
    v.id = SubscriptionId{st.int64(0)};
    v.kind = parse_subscription_kind(st.text(1)).value_or(SubscriptionKind::thread);
    v.confirmed = st.int64(2) != 0;
    v.site = SiteId{st.text(3)};
    v.thread_key = st.text(4);
    v.thread_title = st.text(5);
    v.thread_url = st.text(6);
    v.delivery = parse_delivery(st.text(7)).value_or(Delivery::each);
    if (auto comment = st.optional_int64(8)) v.comment = CommentId{*comment};
    v.created = Timestamp{st.int64(9)};
    out.push_back(std::move(v));
  }
}

#define SALA_VIEW_SELECT                                                                 \
  "SELECT s.id, s.kind, s.confirmed, t.site, t.key, t.title, t.url, s.delivery, s.comment, " \
  "s.created FROM subscriptions s "                                                        \
  "JOIN threads t ON t.id = s.thread "

}  // namespace

Result<RecipientId> SqliteSubscriptionRepo::recipient(const std::string& email, Timestamp now) {
  return write<RecipientId>(access_, [&](Connection& c) -> Result<RecipientId> {
    auto insert = c.prepare(
        "INSERT INTO mail_recipients (email, created) VALUES (?, ?) ON CONFLICT (email) DO NOTHING");
    if (!insert) return insert.error();
    (*insert)->bind(1, email).bind(2, now.ms);
    if (auto done = (*insert)->run(); !done) return done.error();
    auto st = c.prepare("SELECT id FROM mail_recipients WHERE email = ?");
    if (!st) return st.error();
    (*st)->bind(1, email);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return Error::internal("recipient vanished after insert");
    return RecipientId{(*st)->int64(0)};
  });
}

Result<SubscriptionId> SqliteSubscriptionRepo::add(const NewSubscription& s) {
  return write<SubscriptionId>(access_, [&](Connection& c) -> Result<SubscriptionId> {
    const std::optional<std::int64_t> comment =
        s.comment ? std::optional<std::int64_t>(s.comment->value) : std::nullopt;
    auto insert = c.prepare(
        "INSERT INTO subscriptions (recipient, thread, kind, comment, created) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    if (!insert) return insert.error();
    (*insert)->bind(1, s.recipient.value).bind(2, s.thread.value).bind(3, to_string(s.kind))
        .bind(4, comment).bind(5, s.created.ms);
    if (auto done = (*insert)->run(); !done) return done.error();
    auto st = c.prepare(
        "SELECT id FROM subscriptions WHERE recipient = ? AND thread = ? AND kind = ? "
        "AND coalesce(comment, 0) = coalesce(?, 0)");
    if (!st) return st.error();
    (*st)->bind(1, s.recipient.value).bind(2, s.thread.value).bind(3, to_string(s.kind)).bind(4, comment);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return Error::internal("subscription vanished after insert");
    return SubscriptionId{(*st)->int64(0)};
  });
}

Result<bool> SqliteSubscriptionRepo::claim_confirmation(RecipientId recipient, Timestamp now,
                                                        Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare(
        "UPDATE mail_recipients SET last_confirmation = ?1 "
        "WHERE id = ?2 AND (last_confirmation IS NULL OR last_confirmation < ?3)");
    if (!st) return st.error();
    (*st)->bind(1, now.ms).bind(2, recipient.value).bind(3, not_before.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<std::optional<std::string>> SqliteSubscriptionRepo::email(RecipientId recipient) {
  return read<std::optional<std::string>>(
      access_, [&](Connection& c) -> Result<std::optional<std::string>> {
        auto st = c.prepare("SELECT email FROM mail_recipients WHERE id = ?");
        if (!st) return st.error();
        (*st)->bind(1, recipient.value);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return std::optional<std::string>{};
        return std::optional<std::string>((*st)->text(0));
      });
}

Result<int> SqliteSubscriptionRepo::confirm(RecipientId recipient, Timestamp created_by) {
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    auto st = c.prepare(
        "UPDATE subscriptions SET confirmed = 1 WHERE recipient = ? AND confirmed = 0 AND created <= ?");
    if (!st) return st.error();
    (*st)->bind(1, recipient.value).bind(2, created_by.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes();
  });
}

Result<std::vector<SubscriptionView>> SqliteSubscriptionRepo::list(RecipientId recipient) {
  return read<std::vector<SubscriptionView>>(
      access_, [&](Connection& c) -> Result<std::vector<SubscriptionView>> {
        auto st = c.prepare(SALA_VIEW_SELECT "WHERE s.recipient = ? ORDER BY s.created, s.id");
        if (!st) return st.error();
        (*st)->bind(1, recipient.value);
        return collect_views(**st);
      });
}

Result<std::vector<SubscriptionView>> SqliteSubscriptionRepo::pending(RecipientId recipient,
                                                                      Timestamp created_by) {
  return read<std::vector<SubscriptionView>>(
      access_, [&](Connection& c) -> Result<std::vector<SubscriptionView>> {
        auto st = c.prepare(SALA_VIEW_SELECT
                            "WHERE s.recipient = ? AND s.confirmed = 0 AND s.created <= ? "
                            "ORDER BY s.created, s.id");
        if (!st) return st.error();
        (*st)->bind(1, recipient.value).bind(2, created_by.ms);
        return collect_views(**st);
      });
}

Result<bool> SqliteSubscriptionRepo::remove(RecipientId recipient, SubscriptionId id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("DELETE FROM subscriptions WHERE id = ? AND recipient = ?");
    if (!st) return st.error();
    (*st)->bind(1, id.value).bind(2, recipient.value);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<void> SqliteSubscriptionRepo::remove_all(RecipientId recipient) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM subscriptions WHERE recipient = ?");
    if (!st) return st.error();
    (*st)->bind(1, recipient.value);
    return (*st)->run();
  });
}

Result<bool> SqliteSubscriptionRepo::set_delivery(RecipientId recipient, SubscriptionId id,
                                                  Delivery delivery) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("UPDATE subscriptions SET delivery = ? WHERE id = ? AND recipient = ?");
    if (!st) return st.error();
    (*st)->bind(1, to_string(delivery)).bind(2, id.value).bind(3, recipient.value);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<bool> SqliteSubscriptionRepo::erase_if_unused(RecipientId recipient) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    // Tokens, subscriptions and queued mails go by ON DELETE CASCADE.
    auto st = c.prepare(
        "DELETE FROM mail_recipients WHERE id = ? "
        "AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE recipient = mail_recipients.id)");
    if (!st) return st.error();
    (*st)->bind(1, recipient.value);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<std::vector<SubscriptionMatch>> SqliteSubscriptionRepo::matching(const Comment& comment) {
  return read<std::vector<SubscriptionMatch>>(
      access_, [&](Connection& c) -> Result<std::vector<SubscriptionMatch>> {
        // Replies: to the parent itself, or to any comment of the thread the
        // subscriber wrote (matched by the address given when posting).
        // Ordered so that each recipient's reply subscription comes first.
        auto st = c.prepare(
            "SELECT s.id, s.recipient, r.email, s.kind, s.delivery, "
            "EXISTS (SELECT 1 FROM digest_items d WHERE d.subscription = s.id) FROM subscriptions s "
            "JOIN mail_recipients r ON r.id = s.recipient "
            "WHERE s.confirmed = 1 AND s.thread = ?1 "
            "AND r.email <> (SELECT author_email FROM comments WHERE id = ?3) AND ("
            "  s.kind = 'thread' OR (s.kind = 'replies' AND ?2 IS NOT NULL AND ("
            "    s.comment = ?2 OR (s.comment IS NULL AND r.email = "
            "      (SELECT author_email FROM comments WHERE id = ?2))))) "
            "ORDER BY s.recipient, s.kind = 'thread', s.id");
        if (!st) return st.error();
        (*st)->bind(1, comment.thread.value);
        (*st)->bind(2, comment.parent ? std::optional<std::int64_t>(comment.parent->value) : std::nullopt);
        (*st)->bind(3, comment.id.value);
        std::vector<SubscriptionMatch> out;
        for (;;) {
          auto row = (*st)->step();
          if (!row) return row.error();
          if (!*row) return out;
          const RecipientId who{(*st)->int64(1)};
          if (!out.empty() && out.back().recipient == who) continue;
          out.push_back({SubscriptionId{(*st)->int64(0)}, who, (*st)->text(2),
                         parse_subscription_kind((*st)->text(3)).value_or(SubscriptionKind::thread),
                         parse_delivery((*st)->text(4)).value_or(Delivery::each), (*st)->int64(5) != 0});
        }
      });
}

Result<void> SqliteSubscriptionRepo::add_token(const MailToken& t) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO mail_tokens (digest, purpose, recipient, subscription, created, expires) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind_blob(1, t.digest).bind(2, to_string(t.purpose)).bind(3, t.recipient.value)
        .bind(4, opt_id(t.subscription)).bind(5, t.created.ms).bind(6, t.expires.ms);
    return (*st)->run();
  });
}

Result<std::optional<MailToken>> SqliteSubscriptionRepo::find_token(const std::string& digest,
                                                                    TokenPurpose purpose, Timestamp now) {
  return read<std::optional<MailToken>>(access_, [&](Connection& c) -> Result<std::optional<MailToken>> {
    // Looked up by the digest of the token, not the token: the index reveals
    // nothing an attacker could steer toward a valid token.
    auto st = c.prepare(
        "SELECT recipient, subscription, created, expires FROM mail_tokens "
        "WHERE digest = ? AND purpose = ? AND expires > ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest).bind(2, to_string(purpose)).bind(3, now.ms);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<MailToken>{};
    MailToken t;
    t.digest = digest;
    t.purpose = purpose;
    t.recipient = RecipientId{(*st)->int64(0)};
    if (auto sub = (*st)->optional_int64(1)) t.subscription = SubscriptionId{*sub};
    t.created = Timestamp{(*st)->int64(2)};
    t.expires = Timestamp{(*st)->int64(3)};
    return std::optional<MailToken>(std::move(t));
  });
}

Result<void> SqliteSubscriptionRepo::erase_token(const std::string& digest) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM mail_tokens WHERE digest = ?");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest);
    return (*st)->run();
  });
}

Result<void> SqliteSubscriptionRepo::erase_expired_tokens(Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM mail_tokens WHERE expires <= ?");
    if (!st) return st.error();
    (*st)->bind(1, now.ms);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
