#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"
#include "notify/mail_format.hpp"
#include "notify/mail_texts.hpp"
#include "notify/settings.hpp"

namespace sala::notify {

// A mail from this server's sender to `to`, with its words and a fresh
// Message-ID of `kind`: what every mail Sala sends has. Subscription mails
// add their unsubscribe headers to it.
MailParts outgoing_mail(const Settings& settings, std::string to, const MailText& text, std::string_view kind,
                        Timestamp date);

}  // namespace sala::notify
