#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "notify/dispatcher.hpp"
#include "notify/settings.hpp"
#include "notify/smtp_sender.hpp"
#include "store/store.hpp"

namespace sala::notify {

// The notification thread: turns outbox events into mails (Dispatcher) and
// sends what is due, one message at a time, retrying failures with
// exponential backoff. A mail is deleted only after the relay accepted it,
// so a crash between the two resends it once, with the same Message-ID.
class MailWorker {
 public:
  MailWorker(store::Store& store, const Clock& clock, const Settings& settings);
  ~MailWorker();  // stop()
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  void start();
  // Finishes the message in flight, then joins. Idempotent.
  void stop();

 private:
  void run();
  // One round: events, then due mails. Returns whether there may be more to do at once.
  bool round();
  void housekeeping();

  store::Store& store_;
  const Clock& clock_;
  const Settings& settings_;
  Dispatcher dispatcher_;
  SmtpSender sender_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Timestamp last_housekeeping_;
  std::thread thread_;
};

}  // namespace sala::notify
