#pragma once

#include <chrono>
#include <cstdint>

#include "transfer/records.hpp"

namespace sala::cli {

// A one-line progress indicator on stderr, drawn only when stderr is a
// terminal (never in logs or pipes), at most a few times a second.
class ProgressLine {
 public:
  explicit ProgressLine(const char* what);
  ~ProgressLine();  // clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // A callback for readers; empty when stderr is not a terminal.
  transfer::Progress callback();

 private:
  void draw(std::uint64_t done, std::uint64_t total);

  const char* what_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// Prints an import's summary: what was added, what was already there, what
// was skipped and why, and what was changed to keep a comment.
void print_summary(const transfer::ImportSummary& summary);

}  // namespace sala::cli
