#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/notification.hpp"

namespace sala::store {

// The transactional outbox: events written with the change that causes
// them, the mails rendered from them, and a log of queued mails for the caps.
class OutboxRepo {
 public:
  virtual ~OutboxRepo() = default;

  [[nodiscard]] virtual Result<void> add_event(NotifyEventKind kind, std::int64_t subject,
                                               Timestamp now) = 0;
  // The oldest events of one kind, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<NotifyEvent>> events(NotifyEventKind kind, int limit) = 0;
  // Deletes the event; false when it was gone already. Called first inside
  // the transaction that handles the event: on PostgreSQL the row lock makes
  // a second worker wait for the first one's commit and then see `false`,
  // so an event becomes mails once however many instances poll.
  [[nodiscard]] virtual Result<bool> take_event(std::int64_t id) = 0;

  // Queues a mail and logs it against the caps.
  [[nodiscard]] virtual Result<void> queue(const NewMail& mail) = 0;
  // Mails logged since `since`: to one recipient (when set), of one site
  // (when set), of one kind (when set).
  [[nodiscard]] virtual Result<std::int64_t> count_logged(const std::optional<RecipientId>& recipient,
                                                          const std::optional<SiteId>& site,
                                                          const std::optional<MailKind>& kind,
                                                          Timestamp since) = 0;
  [[nodiscard]] virtual Result<void> prune_log(Timestamp before) = 0;

  // Takes up to `limit` mails due at `now` and hides them from other
  // claimers until `lease_until`, so a crashed sender's mails come back.
  [[nodiscard]] virtual Result<std::vector<QueuedMail>> claim(Timestamp now, Timestamp lease_until,
                                                              int limit) = 0;
  // Sent: the row (with the address and the tokens it carries) goes.
  [[nodiscard]] virtual Result<void> sent(std::int64_t id) = 0;
  // Not sent: try again at `retry_at`.
  [[nodiscard]] virtual Result<void> failed(std::int64_t id, Timestamp retry_at,
                                            const std::string& error) = 0;
  // How many mails wait (for health and tests).
  [[nodiscard]] virtual Result<std::int64_t> queued() = 0;
};

}  // namespace sala::store
