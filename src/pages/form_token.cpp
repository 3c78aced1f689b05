#include "pages/form_token.hpp"

#include <limits>

#include "core/parse_int.hpp"
#include "crypto/crypto.hpp"

namespace sala::pages {

std::string FormTokens::mac(const FormSubject& s, std::int64_t expires) const {
  std::string data = "comment-form\n";
  for (const std::string* part : {&s.site, &s.thread, &s.reader}) {
    data += std::to_string(part->size());  // length-prefixed, so fields cannot run into each other
    data += ':';
    data += *part;
  }
  data += std::to_string(expires);
  return crypto::to_hex(crypto::keyed_hash(key_, data, 16));
}

std::string FormTokens::issue(const FormSubject& subject, Timestamp expires) const {
  const std::int64_t seconds = expires.ms / 1000;
  return std::to_string(seconds) + "." + mac(subject, seconds);
}

Result<void> FormTokens::verify(const FormSubject& subject, std::string_view token,
                                Timestamp now) const {
  const auto dot = token.find('.');
  auto expires = dot == std::string_view::npos
                     ? std::nullopt
                     : parse_decimal(token.substr(0, dot), 0, std::numeric_limits<std::int64_t>::max() / 1000);
  if (!expires || !crypto::equal_constant_time(token.substr(dot + 1), mac(subject, *expires))) {
    return Error::forbidden("invalid_form_token", "This form was not issued to you. Please send it again.");
  }
  if (now.ms / 1000 > *expires) {
    return Error::forbidden("form_expired", "This form has expired. Your text is kept below: please send it again.");
  }
  return {};
}

}  // namespace sala::pages
