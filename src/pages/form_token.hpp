#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"

namespace sala::pages {

// What a comment form was issued for, and to whom (the reader's daily
// fingerprint, so a token fetched by another site's server is useless in
// a victim's browser).
struct FormSubject {
  std::string site;
  std::string thread;
  std::string reader;
};

// Tokens for the plain HTML form, which has no JavaScript to send a custom
// header: "EXPIRY.MAC", MAC = keyed BLAKE2b over the subject and expiry.
class FormTokens {
 public:
  explicit FormTokens(std::string key) : key_(std::move(key)) {}

  std::string issue(const FormSubject& subject, Timestamp expires) const;
  // Errc::forbidden "form_expired" for a stale token, "invalid_form_token" for anything else.
  [[nodiscard]] Result<void> verify(const FormSubject& subject, std::string_view token,
                                    Timestamp now) const;

 private:
  std::string mac(const FormSubject& subject, std::int64_t expires) const;
  std::string key_;
};

}  // namespace sala::pages
