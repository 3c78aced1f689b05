#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"

namespace sala::json {

// Typed, allow-listed access to one request object: each getter checks the
// JSON type of its field, and finish() rejects every field no getter asked
// for, so a client cannot slip in "approved" or "score" (mass assignment).
// A JSON null counts as an absent field. A wrong type is
// invalid("invalid_field", "field 'x' must be a string"). Strings are returned
// as parsed; text rules (length, NFC) belong to sala::text.
// Requires: `object` outlives the reader. Not thread-safe.
class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& object);

  // Missing or null -> unprocessable("<name>_required").
  [[nodiscard]] Result<std::string> required_string(std::string_view name);
  [[nodiscard]] Result<std::optional<std::string>> optional_string(std::string_view name);
  // JSON integers only: 1.0, 1e3 and "1" are invalid_field, and so is a value
  // outside [min, max].
  [[nodiscard]] Result<std::optional<std::int64_t>> optional_int(std::string_view name,
                                                                 std::int64_t min,
                                                                 std::int64_t max);
  // Missing or null -> unprocessable("<name>_required").
  [[nodiscard]] Result<std::int64_t> required_int(std::string_view name, std::int64_t min,
                                                  std::int64_t max);
  [[nodiscard]] Result<std::optional<bool>> optional_bool(std::string_view name);
  // An array of strings; missing or null is an empty list.
  [[nodiscard]] Result<std::vector<std::string>> optional_string_array(std::string_view name);
  // nullptr if absent or null; otherwise points into the reader's object.
  [[nodiscard]] Result<const boost::json::object*> optional_object(std::string_view name);

  // unprocessable("unknown_field", "unknown field 'approved'") for the first
  // member that no getter named.
  [[nodiscard]] Result<void> finish() const;

 private:
  // Marks `name` as expected and returns its value, or nullptr if absent or null.
  const boost::json::value* take(std::string_view name);

  const boost::json::object& object_;
  std::set<std::string, std::less<>> expected_;
};

}  // namespace sala::json
