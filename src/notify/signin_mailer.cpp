#include "notify/signin_mailer.hpp"

#include "notify/outgoing_mail.hpp"

namespace sala::notify {

Result<void> SigninMailer::operator()(store::Store& tx, const std::string& email, const SigninMail& mail) const {
  const MailParts parts = outgoing_mail(settings_, email, signin_text(mail), "signin", clock_.now());
  return tx.outbox().queue({mail.site, std::nullopt, MailKind::confirmation, email, parts.message_id,
                            build_message(parts), parts.date});
}

}  // namespace sala::notify
