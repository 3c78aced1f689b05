#include "store/postgres/params.hpp"

#include "store/stored_text.hpp"

namespace sala::pg {

Params& Params::push(std::string value, bool is_binary) {
  lengths_.push_back(static_cast<int>(value.size()));
  formats_.push_back(is_binary ? 1 : 0);
  values_.emplace_back(std::move(value));
  return *this;
}

Params& Params::add(std::int64_t value) { return push(std::to_string(value), false); }

Params& Params::add(std::string_view text) {
  if (store::has_nul(text)) has_nul_text_ = true;
  return push(std::string(text), false);
}

Params& Params::add(const std::optional<std::int64_t>& value) {
  return value ? add(*value) : add_null();
}

Params& Params::add(bool value) { return push(value ? "t" : "f", false); }

Params& Params::add_bytea(std::string_view bytes) { return push(std::string(bytes), true); }

Params& Params::add_null() {
  values_.emplace_back(std::nullopt);
  lengths_.push_back(0);
  formats_.push_back(0);
  return *this;
}

Params& Params::add_text_array(const std::vector<std::string>& items) {
  // The array literal quotes every element, so commas, braces and quotes in
  // the data stay data.
  std::string literal = "{";
  for (const auto& item : items) {
    if (store::has_nul(item)) has_nul_text_ = true;
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (char c : item) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  return push(std::move(literal), false);
}

Params& Params::add_int_array(const std::vector<std::int64_t>& items) {
  std::string literal = "{";
  for (auto item : items) {
    if (literal.size() > 1) literal += ',';
    literal += std::to_string(item);
  }
  literal += '}';
  return push(std::move(literal), false);
}

std::vector<const char*> Params::value_pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

}  // namespace sala::pg
