#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<void> SqliteOutboxRepo::add_event(NotifyEventKind kind, std::int64_t subject, Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("INSERT INTO notify_events (kind, subject, created) VALUES (?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, to_string(kind)).bind(2, subject).bind(3, now.ms);
    return (*st)->run();
  });
}

Result<std::vector<NotifyEvent>> SqliteOutboxRepo::events(NotifyEventKind kind, int limit) {
  return read<std::vector<NotifyEvent>>(access_, [&](Connection& c) -> Result<std::vector<NotifyEvent>> {
    auto st = c.prepare("SELECT id, kind, subject, created FROM notify_events WHERE kind = ? ORDER BY id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, to_string(kind)).bind(2, std::int64_t{limit});
    std::vector<NotifyEvent> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) return out;
      auto parsed = parse_notify_event_kind((*st)->text(1));
      if (!parsed) return Error::internal("unknown notify event kind " + (*st)->text(1));
      out.push_back({(*st)->int64(0), *parsed, (*st)->int64(2), Timestamp{(*st)->int64(3)}});
    }
  });
}

Result<bool> SqliteOutboxRepo::take_event(std::int64_t id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("DELETE FROM notify_events WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() > 0;
  });
}

Result<void> SqliteOutboxRepo::queue(const NewMail& m) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO mails (recipient, to_address, message_id, message, created, next_attempt) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!st) return st.error();
    (*st)->bind(1, m.recipient ? std::optional<std::int64_t>(m.recipient->value) : std::nullopt)
        .bind(2, m.to)
        .bind(3, m.message_id)
        .bind(4, m.message)
        .bind(5, m.created.ms)
        .bind(6, m.created.ms);
    if (auto done = (*st)->run(); !done) return done;
    auto log = c.prepare("INSERT INTO mail_log (site, recipient, kind, at) VALUES (?, ?, ?, ?)");
    if (!log) return log.error();
    (*log)->bind(1, m.site.value)
        .bind(2, m.recipient ? std::optional<std::int64_t>(m.recipient->value) : std::nullopt)
        .bind(3, to_string(m.kind))
        .bind(4, m.created.ms);
    return (*log)->run();
  });
}

Result<std::int64_t> SqliteOutboxRepo::count_logged(const std::optional<RecipientId>& recipient,
                                                    const std::optional<SiteId>& site,
                                                    const std::optional<MailKind>& kind,
                                                    Timestamp since) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    // NULL parameters match everything; the recipient and site indexes serve the usual cases.
    auto st = c.prepare(
        "SELECT count(*) FROM mail_log WHERE at >= ?1 "
        "AND (?2 IS NULL OR recipient = ?2) AND (?3 IS NULL OR site = ?3) "
        "AND (?4 IS NULL OR kind = ?4)");
    if (!st) return st.error();
    (*st)->bind(1, since.ms);
    (*st)->bind(2, recipient ? std::optional<std::int64_t>(recipient->value) : std::nullopt);
    if (site) (*st)->bind(3, site->value); else (*st)->bind_null(3);
    if (kind) (*st)->bind(4, to_string(*kind)); else (*st)->bind_null(4);
    auto row = (*st)->step();
    if (!row) return row.error();
    return (*st)->int64(0);
  });
}

Result<void> SqliteOutboxRepo::prune_log(Timestamp before) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM mail_log WHERE at < ?");
    if (!st) return st.error();
    (*st)->bind(1, before.ms);
    return (*st)->run();
  });
}

Result<std::vector<QueuedMail>> SqliteOutboxRepo::claim(Timestamp now, Timestamp lease_until, int limit) {
  return write<std::vector<QueuedMail>>(access_, [&](Connection& c) -> Result<std::vector<QueuedMail>> {
    auto st = c.prepare(
        "SELECT id, to_address, message_id, message, attempts, created FROM mails "
        "WHERE next_attempt <= ? ORDER BY next_attempt, id LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, now.ms).bind(2, std::int64_t{limit});
    std::vector<QueuedMail> out;
    for (;;) {
      auto row = (*st)->step();
      if (!row) return row.error();
      if (!*row) break;
      out.push_back({(*st)->int64(0), (*st)->text(1), (*st)->text(2), (*st)->text(3),
                     static_cast<int>((*st)->int64(4)), Timestamp{(*st)->int64(5)}});
    }
    (*st)->reset();
    auto lease = c.prepare("UPDATE mails SET next_attempt = ? WHERE id = ?");
    if (!lease) return lease.error();
    for (const auto& m : out) {
      (*lease)->reset();
      (*lease)->bind(1, lease_until.ms).bind(2, m.id);
      if (auto done = (*lease)->run(); !done) return done.error();
    }
    return out;
  });
}

Result<void> SqliteOutboxRepo::sent(std::int64_t id) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM mails WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id);
    return (*st)->run();
  });
}

Result<void> SqliteOutboxRepo::failed(std::int64_t id, Timestamp retry_at, const std::string& error) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE mails SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, retry_at.ms).bind(2, error).bind(3, id);
    return (*st)->run();
  });
}

Result<std::int64_t> SqliteOutboxRepo::queued() {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto st = c.prepare("SELECT count(*) FROM mails");
    if (!st) return st.error();
    auto row = (*st)->step();
    if (!row) return row.error();
    return (*st)->int64(0);
  });
}

}  // namespace sala::sqlite
