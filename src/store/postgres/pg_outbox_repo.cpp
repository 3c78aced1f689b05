#include "store/postgres/repos.hpp"
#include <algorithm>

namespace sala::pg {
namespace {

std::optional<std::int64_t> id_of(const std::optional<RecipientId>& r) {
  return r ? std::optional<std::int64_t>(r->value) : std::nullopt;
}

}  // namespace

Result<void> PgOutboxRepo::add_event(NotifyEventKind kind, std::int64_t subject, Timestamp now) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "INSERT INTO notify_events (kind, subject, created) VALUES ($1, $2, $3)",
               Params().add(to_string(kind)).add(subject).add(now.ms));
  });
}

Result<std::vector<NotifyEvent>> PgOutboxRepo::events(NotifyEventKind kind, int limit) {
  return read<std::vector<NotifyEvent>>(access_, [&](Connection& c) -> Result<std::vector<NotifyEvent>> {
    auto rows = c.query("SELECT id, subject, created FROM notify_events WHERE kind = $1 ORDER BY id LIMIT $2",
                        Params().add(to_string(kind)).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<NotifyEvent> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->int64(i, 0), kind, rows->int64(i, 1), Timestamp{rows->int64(i, 2)}});
    }
    return out;
  });
}

Result<bool> PgOutboxRepo::take_event(std::int64_t id) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("DELETE FROM notify_events WHERE id = $1", Params().add(id));
    if (!rows) return rows.error();
    return rows->affected() > 0;
  });
}

Result<void> PgOutboxRepo::queue(const NewMail& m) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto inserted = run(c,
                        "INSERT INTO mails (recipient, to_address, message_id, message, created, next_attempt) "
                        "VALUES ($1, $2, $3, $4, $5, $5)",
                        Params().add(id_of(m.recipient)).add(m.to).add(m.message_id).add(m.message).add(m.created.ms));
    if (!inserted) return inserted;
    return run(c, "INSERT INTO mail_log (site, recipient, kind, at) VALUES ($1, $2, $3, $4)",
               Params().add(m.site.value).add(id_of(m.recipient)).add(to_string(m.kind)).add(m.created.ms));
  });
}

Result<std::int64_t> PgOutboxRepo::count_logged(const std::optional<RecipientId>& recipient,
                                                const std::optional<SiteId>& site,
                                                const std::optional<MailKind>& kind, Timestamp since) {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    Params p;
    p.add(since.ms).add(id_of(recipient));
    if (site) p.add(site->value); else p.add_null();
    if (kind) p.add(to_string(*kind)); else p.add_null();
    auto rows = c.query(
        "SELECT count(*) FROM mail_log WHERE at >= $1 "
        "AND ($2::bigint IS NULL OR recipient = $2::bigint) AND ($3::text IS NULL OR site = $3::text) "
        "AND ($4::text IS NULL OR kind = $4::text)",
        p);
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

Result<void> PgOutboxRepo::prune_log(Timestamp before) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM mail_log WHERE at < $1", Params().add(before.ms));
  });
}

Result<std::vector<QueuedMail>> PgOutboxRepo::claim(Timestamp now, Timestamp lease_until, int limit) {
  return write<std::vector<QueuedMail>>(access_, [&](Connection& c) -> Result<std::vector<QueuedMail>> {
    // SKIP LOCKED: instances claiming at once take different mails.
    auto rows = c.query(
        "UPDATE mails SET next_attempt = $2 WHERE id IN ("
        "  SELECT id FROM mails WHERE next_attempt <= $1 ORDER BY next_attempt, id LIMIT $3 "
        "  FOR UPDATE SKIP LOCKED) "
        "RETURNING id, to_address, message_id, message, attempts, created",
        Params().add(now.ms).add(lease_until.ms).add(std::int64_t{limit}));
    if (!rows) return rows.error();
    std::vector<QueuedMail> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->int64(i, 0), rows->text(i, 1), rows->text(i, 2), rows->text(i, 3),
                     static_cast<int>(rows->int64(i, 4)), Timestamp{rows->int64(i, 5)}});
    }
    std::sort(out.begin(), out.end(), [](const QueuedMail& a, const QueuedMail& b) { return a.id < b.id; });
    return out;
  });
}

Result<void> PgOutboxRepo::sent(std::int64_t id) {
  return write_void(access_, [&](Connection& c) { return run(c, "DELETE FROM mails WHERE id = $1", Params().add(id)); });
}

Result<void> PgOutboxRepo::failed(std::int64_t id, Timestamp retry_at, const std::string& error) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "UPDATE mails SET attempts = attempts + 1, next_attempt = $1, last_error = $2 WHERE id = $3",
               Params().add(retry_at.ms).add(error).add(id));
  });
}

Result<std::int64_t> PgOutboxRepo::queued() {
  return read<std::int64_t>(access_, [&](Connection& c) -> Result<std::int64_t> {
    auto rows = c.query("SELECT count(*) FROM mails", Params());
    if (!rows) return rows.error();
    return rows->int64(0, 0);
  });
}

}  // namespace sala::pg
