#include "notify/mail_worker.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace sala::notify {
namespace {

// Mails are claimed one at a time, so a crash leaves at most one mail
// claimed and perhaps sent: the one duplicate a crash may cost.
constexpr int kPerRound = 10;
constexpr std::chrono::milliseconds kHousekeeping{15 * 60'000};
constexpr std::chrono::milliseconds kLogKept{25 * 3'600'000};

}  // namespace

MailWorker::MailWorker(store::Store& store, const Clock& clock, const Settings& settings)
    : store_(store), clock_(clock), settings_(settings), dispatcher_(store, clock, settings),
      sender_(settings) {}

MailWorker::~MailWorker() { stop(); }

void MailWorker::start() { thread_ = std::thread([this] { run(); }); }

void MailWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailWorker::run() {
  for (;;) {
    const bool more = round();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (!more) wake_.wait_for(lock, settings_.poll, [this] { return stopping_; });
    if (stopping_) return;
  }
}

bool MailWorker::round() {
  housekeeping();
  auto handled = dispatcher_.run_once();
  if (!handled) {
    spdlog::warn("notifications: {}", handled.error().detail);
    return false;
  }
  // A claimed mail is hidden from other senders for twice the SMTP
  // deadline; a crashed sender's mail comes back after it.
  const auto lease = 2 * settings_.smtp_timeout;
  int sent_or_tried = 0;
  for (; sent_or_tried < kPerRound; ++sent_or_tried) {
    const Timestamp now = clock_.now();
    auto due = store_.outbox().claim(now, now + lease, 1);
    if (!due) {
      spdlog::warn("notifications: cannot read the mail queue: {}", due.error().detail);
      return false;
    }
    if (due->empty()) break;
    const QueuedMail& mail = due->front();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return false;  // unsent claims come back when the lease ends
    }
    auto sent = sender_.send(mail.to, mail.message);
    if (sent) {
      if (auto done = store_.outbox().sent(mail.id); !done) {
        spdlog::warn("notifications: mail {} sent but not marked: {}", mail.id, done.error().detail);
      }
      continue;
    }
    const int attempts = mail.attempts + 1;
    const bool is_permanent = sent.error().code == Errc::unprocessable;
    if (attempts >= settings_.max_attempts || (is_permanent && attempts >= 3)) {
      spdlog::error("notifications: mail {} given up after {} attempts: {}", mail.id, attempts,
                    sent.error().detail);
      (void)store_.outbox().sent(mail.id);
      continue;
    }
    // 1, 2, 4, 8... times the initial delay, up to the maximum.
    auto delay = settings_.retry_initial * (std::int64_t{1} << std::min(attempts - 1, 20));
    delay = std::min<std::chrono::milliseconds>(delay, settings_.retry_max);
    spdlog::info("notifications: mail {} not sent ({}); retry in {} ms", mail.id,
                 sent.error().detail, delay.count());
    if (auto done = store_.outbox().failed(mail.id, clock_.now() + delay, sent.error().detail); !done) {
      spdlog::warn("notifications: cannot reschedule mail {}: {}", mail.id, done.error().detail);
    }
  }
  return *handled > 0 || sent_or_tried == kPerRound;
}

void MailWorker::housekeeping() {
  const Timestamp now = clock_.now();
  if (now - last_housekeeping_ < kHousekeeping) return;
  last_housekeeping_ = now;
  if (auto done = store_.subscriptions().erase_expired_tokens(now); !done) {
    spdlog::warn("notifications: cannot drop expired tokens: {}", done.error().detail);
  }
  // An expired link to a reader's data goes, and the address it was mailed to with it.
  if (auto done = store_.reader_data().erase_expired_links(now); !done) {
    spdlog::warn("notifications: cannot drop expired data links: {}", done.error().detail);
  }
  if (auto done = store_.outbox().prune_log(now - kLogKept); !done) {
    spdlog::warn("notifications: cannot prune the mail log: {}", done.error().detail);
  }
}

}  // namespace sala::notify
