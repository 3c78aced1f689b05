#include "notify/message_id.hpp"

#include "crypto/crypto.hpp"

namespace sala::notify {

std::string mail_domain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

std::string new_message_id(std::string_view kind, const std::string& from_address) {
  return "sala." + std::string(kind) + "." + crypto::to_hex(crypto::random_bytes(12)) + "@" +
         mail_domain(from_address);
}

}  // namespace sala::notify
