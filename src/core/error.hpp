#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

namespace sala {

// What went wrong, in terms a caller can act on. api/error_reply.cpp owns the
// only mapping from Errc to an HTTP status, so renaming an enumerator changes
// the API.
enum class Errc {
  invalid_argument,    // 400: malformed input
  unprocessable,       // 422: well-formed but semantically invalid
  not_found,           // 404
  conflict,            // 409
  unauthenticated,     // 401
  forbidden,           // 403
  too_large,           // 413
  precondition_required,  // 428: do something first (solve a challenge), then retry
  unsupported_media,   // 415
  rate_limited,        // 429
  unavailable,         // 503: a dependency (database, SMTP) is down; retrying may help
  internal,            // 500: an invariant broke; `detail` says which, users never see it
};

// The snake_case name of an Errc, used as the wire code when an Error names
// no more specific one.
const char* errc_name(Errc code);

// A failure value. `message` is written for the person using the API and may
// be shown as is; `detail` is for operators and only ever reaches the log.
// `code_name` is the stable wire code ("edit_window_closed"); empty means
// errc_name(code).
struct Error {
  Errc code = Errc::internal;
  std::string message;
  std::string detail;
  std::string code_name;
  // For rate_limited: how long until trying again makes sense (Retry-After).
  std::int64_t retry_after_seconds = 0;

  bool operator==(const Error&) const = default;
  // For test failure messages and logs: "code: message (detail)".
  friend std::ostream& operator<<(std::ostream& os, const Error& error);

  const char* wire_code() const { return code_name.empty() ? errc_name(code) : code_name.c_str(); }

  static Error invalid(std::string code_name, std::string message) {
    return {Errc::invalid_argument, std::move(message), {}, std::move(code_name)};
  }
  static Error unprocessable(std::string code_name, std::string message) {
    return {Errc::unprocessable, std::move(message), {}, std::move(code_name)};
  }
  static Error not_found(const std::string& what) {
    return {Errc::not_found, what + " not found", {}, {}};
  }
  static Error forbidden(std::string code_name, std::string message) {
    return {Errc::forbidden, std::move(message), {}, std::move(code_name)};
  }
  static Error conflict(std::string code_name, std::string message) {
    return {Errc::conflict, std::move(message), {}, std::move(code_name)};
  }
  static Error too_large(std::string code_name, std::string message) {
    return {Errc::too_large, std::move(message), {}, std::move(code_name)};
  }
  static Error precondition_required(std::string code_name, std::string message) {
    return {Errc::precondition_required, std::move(message), {}, std::move(code_name)};
  }
  static Error rate_limited(std::string code_name, std::string message, std::int64_t retry_after_seconds) {
    return {Errc::rate_limited, std::move(message), {}, std::move(code_name),
            retry_after_seconds < 1 ? 1 : retry_after_seconds};
  }
  static Error unauthenticated(std::string code_name, std::string message) {
    return {Errc::unauthenticated, std::move(message), {}, std::move(code_name)};
  }
  static Error unavailable(std::string detail) {
    return {Errc::unavailable, "the service is temporarily unavailable, please retry",
            std::move(detail), {}};
  }
  static Error internal(std::string detail) {
    return {Errc::internal, "something went wrong on our side", std::move(detail), {}};
  }
};

// Every fallible call below the HTTP layer returns Result<T>.
template <class T>
using Result = boost::system::result<T, Error>;

// Result<T>::value() finds this through ADL when it holds an Error. Request
// paths branch on the result instead; value() is for tests and start-up code.
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& where);

}  // namespace sala
