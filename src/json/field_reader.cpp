#include "json/field_reader.hpp"

#include <utility>

namespace sala::json {
namespace {

constexpr std::size_t kMaxEchoedKeyBytes = 64;

Error wrong_type(std::string_view name, std::string_view what) {
  return Error::invalid("invalid_field",
                        "field '" + std::string(name) + "' must be " + std::string(what));
}

Error required(std::string_view name) {
  return Error::unprocessable(std::string(name) + "_required",
                              "field '" + std::string(name) + "' is required");
}

// Unknown keys come from the client; only short printable ASCII ones are
// repeated back, so the message stays safe to show and to log.
bool is_echoable(std::string_view key) {
  if (key.empty() || key.size() > kMaxEchoedKeyBytes) return false;
  for (char c : key) {
    if (c < 0x20 || c > 0x7E || c == '\'') return false;
  }
  return true;
}

}  // namespace

FieldReader::FieldReader(const boost::json::object& object) : object_(object) {}

const boost::json::value* FieldReader::take(std::string_view name) {
  if (expected_.find(name) == expected_.end()) expected_.emplace(name);
  const boost::json::value* value = object_.if_contains(name);
  if (value == nullptr || value->is_null()) return nullptr;
  return value;
}

Result<std::string> FieldReader::required_string(std::string_view name) {
  auto value = optional_string(name);
  if (!value) return value.error();
  if (!*value) return required(name);
  return std::move(**value);
}

Result<std::optional<std::string>> FieldReader::optional_string(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(name, "a string");
  const boost::json::string& s = value->get_string();
  return std::optional<std::string>(std::string(s.data(), s.size()));
}

Result<std::optional<std::int64_t>> FieldReader::optional_int(std::string_view name,
                                                              std::int64_t min,
                                                              std::int64_t max) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return std::optional<std::int64_t>();
  const std::string range =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  // uint64 only holds values above INT64_MAX, so it is always out of range;
  // a double means the client wrote a fraction or an exponent.
  if (!value->is_int64()) return wrong_type(name, range);
  const std::int64_t n = value->get_int64();
  if (n < min || n > max) return wrong_type(name, range);
  return std::optional<std::int64_t>(n);
}

Result<std::int64_t> FieldReader::required_int(std::string_view name, std::int64_t min,
                                               std::int64_t max) {
  auto value = optional_int(name, min, max);
  if (!value) return value.error();
  if (!*value) return required(name);
  return **value;
}

Result<std::optional<bool>> FieldReader::optional_bool(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_bool()) return wrong_type(name, "true or false");
  return std::optional<bool>(value->get_bool());
}

Result<std::vector<std::string>> FieldReader::optional_string_array(std::string_view name) {
  const boost::json::value* value = take(name);
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (!value->is_array()) return wrong_type(name, "an array of strings");
  for (const boost::json::value& item : value->get_array()) {
    if (!item.is_string()) return wrong_type(name, "an array of strings");
    out.emplace_back(item.get_string());
  }
  return out;
}

Result<const boost::json::object*> FieldReader::optional_object(std::string_view name) {
  const boost::json::value* value = take(name);
  if (value == nullptr) return static_cast<const boost::json::object*>(nullptr);
  if (!value->is_object()) return wrong_type(name, "an object");
  return &value->get_object();
}

Result<void> FieldReader::finish() const {
  for (const auto& member : object_) {
    const std::string_view key(member.key().data(), member.key().size());
    if (expected_.find(key) != expected_.end()) continue;
    if (!is_echoable(key)) return Error::unprocessable("unknown_field", "unknown field");
    return Error::unprocessable("unknown_field", "unknown field '" + std::string(key) + "'");
  }
  return {};
}

}  // namespace sala::json
