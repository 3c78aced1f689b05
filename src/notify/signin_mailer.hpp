#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/reader.hpp"
#include "notify/settings.hpp"
#include "store/store.hpp"

namespace sala::notify {

// Queues the mail with a reader's sign-in link, in the caller's transaction
// (service::ReaderSignins decides whether one goes). Like the link to a
// reader's data it counts as a confirmation against the caps and has no
// unsubscribe link: nothing was subscribed to.
class SigninMailer {
 public:
  SigninMailer(const Clock& clock, const Settings& settings) : clock_(clock), settings_(settings) {}

  [[nodiscard]] Result<void> operator()(store::Store& tx, const std::string& email, const SigninMail& mail) const;

 private:
  const Clock& clock_;
  const Settings& settings_;
};

}  // namespace sala::notify
