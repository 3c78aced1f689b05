#include "json/parse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include "core/text.hpp"

namespace sala::json {
namespace {

using boost::system::error_code;
using boost::json::string_view;

enum class Reason { none, not_object, too_deep, duplicate_key, nul, invalid_utf8, not_finite };

// Event handler for a checking pass before any value is built. Boost.JSON
// keeps the last of two duplicate keys and has no duplicate or finiteness
// checks of its own, so those live here. Keys go into ordered sets: a hash set
// could be flooded with colliding keys.
class CheckHandler {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  explicit CheckHandler(std::size_t max_depth) : max_depth_(max_depth) {}

  Reason reason() const { return reason_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code& ec) { return open(ec); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_array_begin(error_code& ec) {
    if (frames_.empty()) return fail(Reason::not_object, ec);
    return open(ec);
  }
  bool on_array_end(std::size_t, error_code&) { return close(); }

  bool on_key_part(string_view s, std::size_t, error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    text_.append(s.data(), s.size());
    if (!check_text(ec)) return false;
    if (!frames_.back().keys.insert(std::move(text_)).second) {
      return fail(Reason::duplicate_key, ec);
    }
    text_.clear();
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code& ec) {
    if (!in_container(ec)) return false;
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code& ec) {
    if (!in_container(ec)) return false;
    text_.append(s.data(), s.size());
    if (!check_text(ec)) return false;
    text_.clear();
    return true;
  }

  bool on_number_part(string_view, error_code& ec) { return in_container(ec); }
  bool on_int64(std::int64_t, string_view, error_code& ec) { return in_container(ec); }
  bool on_uint64(std::uint64_t, string_view, error_code& ec) { return in_container(ec); }
  bool on_double(double d, string_view, error_code& ec) {
    if (!in_container(ec)) return false;
    // Boost.JSON 1.81 turns exponents past the double range into infinity.
    if (!std::isfinite(d)) return fail(Reason::not_finite, ec);
    return true;
  }
  bool on_bool(bool, error_code& ec) { return in_container(ec); }
  bool on_null(error_code& ec) { return in_container(ec); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  struct Frame {
    std::set<std::string, std::less<>> keys;
  };

  bool fail(Reason reason, error_code& ec) {
    reason_ = reason;
    ec = boost::json::error::exception;
    return false;
  }
  bool open(error_code& ec) {
    if (frames_.size() >= max_depth_) return fail(Reason::too_deep, ec);
    frames_.emplace_back();
    return true;
  }
  bool close() {
    frames_.pop_back();
    return true;
  }
  bool in_container(error_code& ec) {
    return !frames_.empty() || fail(Reason::not_object, ec);
  }
  // Every key and string, whole, once escapes are decoded: "\u0000" and
  // "\uFFFF" are well-formed JSON but not text we store.
  bool check_text(error_code& ec) {
    if (text_.find('\0') != std::string::npos) return fail(Reason::nul, ec);
    if (!text::is_valid_utf8(text_)) return fail(Reason::invalid_utf8, ec);
    return true;
  }

  std::size_t max_depth_;
  std::vector<Frame> frames_;
  std::string text_;
  Reason reason_ = Reason::none;
};

Error invalid_json(const std::string& why) {
  return Error::invalid("invalid_json", "the request body is not valid JSON: " + why);
}

Error error_for(Reason reason, const error_code& ec, std::size_t max_depth) {
  switch (reason) {
    case Reason::not_object:
      return invalid_json("it must be a single object");
    case Reason::too_deep:
      return invalid_json("nesting is deeper than " + std::to_string(max_depth));
    case Reason::duplicate_key:
      return Error::invalid("duplicate_key", "the request body repeats a key");
    case Reason::nul:
      return invalid_json("strings must not contain NUL");
    case Reason::invalid_utf8:
      return Error::invalid("invalid_utf8", "the request body is not valid UTF-8");
    case Reason::not_finite:
      return invalid_json("a number is out of range");
    case Reason::none:
      break;
  }
  if (ec == boost::json::error::too_deep) {
    return invalid_json("nesting is deeper than " + std::to_string(max_depth));
  }
  return invalid_json("syntax error");
}

// basic_parser recurses once per nesting level, so its depth limit is also
// the stack bound; a caller-supplied limit is capped to keep that bound small.
constexpr std::size_t kMaxSupportedDepth = 256;

std::size_t effective_depth(const ParseLimits& limits) {
  return std::min(limits.max_depth, kMaxSupportedDepth);
}

boost::json::parse_options strict_options(const ParseLimits& limits) {
  boost::json::parse_options options;
  options.max_depth = effective_depth(limits);
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;
  return options;
}

}  // namespace

Result<boost::json::object> parse_object(std::string_view body, const ParseLimits& limits) {
  if (body.size() > limits.max_bytes) {
    return Error::too_large("request_too_large", "the request body must be at most " +
                                                     std::to_string(limits.max_bytes) +
                                                     " bytes");
  }
  // Checked up front so that the wire code names the real problem; the
  // parser's own UTF-8 check would only say "syntax".
  if (!text::is_valid_utf8(body)) {
    return Error::invalid("invalid_utf8", "the request body is not valid UTF-8");
  }
  const boost::json::parse_options options = strict_options(limits);
  boost::json::basic_parser<CheckHandler> checker(options, options.max_depth);
  error_code ec;
  const std::size_t used = checker.write_some(false, body.data(), body.size(), ec);
  if (ec) return error_for(checker.handler().reason(), ec, options.max_depth);
  if (used != body.size() || !checker.done()) return invalid_json("unexpected trailing data");

  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec || !value.is_object()) {
    return Error::internal("parse_object: the build pass disagreed with the check pass");
  }
  return std::move(value.get_object());
}

}  // namespace sala::json
