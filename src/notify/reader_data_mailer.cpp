#include "notify/reader_data_mailer.hpp"

#include "notify/outgoing_mail.hpp"

namespace sala::notify {

Result<void> ReaderDataMailer::operator()(store::Store& tx, const std::string& email,
                                          const std::string& token) const {
  std::string server = settings_.public_url;
  if (auto scheme = server.find("://"); scheme != std::string::npos) server.erase(0, scheme + 3);
  const MailText text = reader_data_text(
      {server, settings_.public_url + "/api/v1/reader-data/access?token=" + token,
       static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(lifetime_).count())});
  const MailParts parts = outgoing_mail(settings_, email, text, "data", clock_.now());
  return tx.outbox().queue({SiteId{""}, std::nullopt, MailKind::confirmation, email, parts.message_id,
                            build_message(parts), parts.date});
}

}  // namespace sala::notify
