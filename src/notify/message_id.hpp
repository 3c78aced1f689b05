#pragma once

#include <string>
#include <string_view>

namespace sala::notify {

// The domain part of an address ("localhost" without one).
std::string mail_domain(const std::string& address);

// A fresh Message-ID (without angle brackets) in the sender's domain, fixed
// when a mail is queued: a resend after a crash carries the same one, so
// the receiving side can tell it is the same mail.
std::string new_message_id(std::string_view kind, const std::string& from_address);

}  // namespace sala::notify
