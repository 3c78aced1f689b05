#pragma once

#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/settings.hpp"
#include "store/store.hpp"

namespace sala::notify {

// Queues the mail that carries a reader's link to their own data, in the
// caller's transaction (service::ReaderDataService decides whether one goes).
// The mail counts as a confirmation against the caps and belongs to no
// site or subscriber: it has no unsubscribe link, there being nothing to
// unsubscribe from.
class ReaderDataMailer {
 public:
  ReaderDataMailer(const Clock& clock, const Settings& settings, std::chrono::milliseconds lifetime)
      : clock_(clock), settings_(settings), lifetime_(lifetime) {}

  [[nodiscard]] Result<void> operator()(store::Store& tx, const std::string& email,
                                        const std::string& token) const;

 private:
  const Clock& clock_;
  const Settings& settings_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace sala::notify
