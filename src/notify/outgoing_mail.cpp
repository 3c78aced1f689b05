#include "notify/outgoing_mail.hpp"

#include "notify/message_id.hpp"

namespace sala::notify {

MailParts outgoing_mail(const Settings& settings, std::string to, const MailText& text, std::string_view kind,
                        Timestamp date) {
  MailParts parts;
  parts.from_name = settings.from_name;
  parts.from_address = settings.from_address;
  parts.to_address = std::move(to);
  parts.subject = text.subject;
  parts.message_id = new_message_id(kind, settings.from_address);
  parts.date = date;
  parts.body = text.body;
  return parts;
}

}  // namespace sala::notify
