#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sala::pg {

// The parameters of one statement, $1 first. Every value travels apart from
// the SQL text: SQL never contains input. Text goes in text format; bytea
// in binary format, so digests may hold any byte.
class Params {
 public:
  Params& add(std::int64_t value);
  Params& add(std::string_view text);
  Params& add(const char* text) { return add(std::string_view(text)); }
  Params& add(const std::optional<std::int64_t>& value);
  Params& add(bool value);
  Params& add_bytea(std::string_view bytes);
  Params& add_null();
  // A text[] or bigint[] value, for "= ANY($n)" and unnest($n).
  Params& add_text_array(const std::vector<std::string>& items);
  Params& add_int_array(const std::vector<std::int64_t>& items);

  int size() const { return static_cast<int>(values_.size()); }
  // A text value held a NUL, which a text parameter cannot carry.
  bool has_nul_text() const { return has_nul_text_; }

  // For libpq: pointers into this object, valid while it lives unchanged.
  std::vector<const char*> value_pointers() const;
  const std::vector<int>& lengths() const { return lengths_; }
  const std::vector<int>& formats() const { return formats_; }

 private:
  Params& push(std::string value, bool is_binary);

  std::vector<std::optional<std::string>> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  bool has_nul_text_ = false;
};

}  // namespace sala::pg
