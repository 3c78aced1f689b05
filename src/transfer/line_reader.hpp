#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

// Reads a file one line at a time through a fixed buffer; a line longer than
// `max_line` bytes is an error, never an allocation of that size.
class LineReader {
 public:
  LineReader(std::size_t max_line, Progress progress) : max_line_(max_line), progress_(std::move(progress)) {}
  [[nodiscard]] Result<void> open(const std::string& path);
  // The next line without its '\n' (and '\r'), or nullopt at the end.
  [[nodiscard]] Result<std::optional<std::string>> next();
  std::uint64_t line_number() const { return line_number_; }

 private:
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> file_;
  std::size_t max_line_;
  Progress progress_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::uint64_t done_bytes_ = 0;
  std::uint64_t total_bytes_ = 0;
};

}  // namespace sala::transfer
