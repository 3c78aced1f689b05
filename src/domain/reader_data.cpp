#include "domain/reader_data.hpp"

namespace sala {

std::string_view to_string(ErasureMode mode) {
  return mode == ErasureMode::remove ? "remove" : "anonymise";
}

std::optional<ErasureMode> parse_erasure_mode(std::string_view text) {
  if (text == "anonymise") return ErasureMode::anonymise;
  if (text == "remove") return ErasureMode::remove;
  return std::nullopt;
}

}  // namespace sala
