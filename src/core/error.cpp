#include "core/error.hpp"

#include <ostream>
#include <stdexcept>

namespace sala {

const char* errc_name(Errc code) {
  switch (code) {
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::unprocessable: return "unprocessable";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::unauthenticated: return "unauthenticated";
    case Errc::forbidden: return "forbidden";
    case Errc::too_large: return "too_large";
    case Errc::precondition_required: return "precondition_required";
    case Errc::unsupported_media: return "unsupported_media_type";
    case Errc::rate_limited: return "rate_limited";
    case Errc::unavailable: return "unavailable";
    case Errc::internal: return "internal";
  }
  return "internal";
}

std::ostream& operator<<(std::ostream& os, const Error& error) {
  os << error.wire_code() << ": " << error.message;
  if (!error.detail.empty()) os << " (" << error.detail << ")";
  return os;
}

void throw_exception_from_error(const Error& error, const boost::source_location&) {
  throw std::runtime_error(std::string(error.wire_code()) + ": " + error.message +
                           (error.detail.empty() ? "" : " (" + error.detail + ")"));
}

}  // namespace sala
