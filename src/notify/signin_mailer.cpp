#include "notify/signin_mailer.hpp"

#include "notify/mail_format.hpp"
#include "notify/mail_texts.hpp"
#include "notify/message_id.hpp"

namespace sala::notify {

Result<void> SigninMailer::operator()(store::Store& tx, const std::string& email, const SigninMail& mail) const {
  const MailText text = signin_text(mail);
  MailParts parts;
  parts.from_name = settings_.from_name;
  parts.from_address = settings_.from_address;
  parts.to_address = email;
  parts.subject = text.subject;
  parts.message_id = new_message_id("signin", settings_.from_address);
  parts.date = clock_.now();
  parts.body = text.body;
  return tx.outbox().queue({mail.site, std::nullopt, MailKind::confirmation, email, parts.message_id,
                            build_message(parts), parts.date});
}

}  // namespace sala::notify
