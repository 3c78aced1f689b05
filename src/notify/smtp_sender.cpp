#include "notify/smtp_sender.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>

namespace sala::notify {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = up->data->size() - up->offset;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Result<void> init_curl() {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return Error::internal("curl_global_init failed");
  }
  return {};
}

Result<void> SmtpSender::send(const std::string& to, const std::string& message) const {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error::unavailable("curl_easy_init failed");
  CURL* c = curl.get();
  const std::string from = "<" + settings_.from_address + ">";
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, settings_.smtp_url.c_str());
  // Only SMTP, whatever the URL says: the setting can never make us fetch a web page.
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const long timeout = static_cast<long>(settings_.smtp_timeout.count());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout < 10'000 ? timeout : 10'000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
  switch (settings_.tls) {
    case SmtpTls::none: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE)); break;
    case SmtpTls::opportunistic: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)); break;
    case SmtpTls::required: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL)); break;
  }
  if (!settings_.smtp_username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.smtp_username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.smtp_password.c_str());
  }

  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return {};
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  std::string detail = "smtp: " + std::string(curl_easy_strerror(rc));
  if (error[0] != '\0') detail += " (" + std::string(error) + ")";
  if (code != 0) detail += " [" + std::to_string(code) + "]";
  // A permanent refusal (5xx) of the recipient or the message: retrying
  // will not help. Anything else (no connection, 4xx, timeout) may pass later.
  if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED) {
    return Error{Errc::unprocessable, "the mail relay refused the message", detail, "smtp_refused"};
  }
  return Error::unavailable(detail);
}

}  // namespace sala::notify
