#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace sala::cli {

ProgressLine::ProgressLine(const char* what) : what_(what), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
  if (drawn_) std::fputs("\r\033[K", stderr);
}

transfer::Progress ProgressLine::callback() {
  if (!enabled_) return {};
  return [this](std::uint64_t done, std::uint64_t total) { draw(done, total); };
}

void ProgressLine::draw(std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200) && done < total) return;
  last_ = now;
  drawn_ = true;
  const double mb = static_cast<double>(done) / 1e6;
  if (total > 0) {
    std::fprintf(stderr, "\r\033[K%s: %3d%% (%.1f of %.1f MB)", what_, static_cast<int>(done * 100 / total), mb,
                 static_cast<double>(total) / 1e6);
  } else {
    std::fprintf(stderr, "\r\033[K%s: %.1f MB", what_, mb);
  }
  std::fflush(stderr);
}

void print_summary(const transfer::ImportSummary& s) {
  if (s.site_created) std::cout << "created the site from the export\n";
  std::cout << "imported " << s.comments << " comments; threads: " << s.threads_created << " new, "
            << s.threads_updated << " existing\n";
  if (s.already_imported > 0) std::cout << "already imported, left as they were: " << s.already_imported << "\n";
  if (s.subscriptions > 0 || s.subscriptions_already > 0) {
    std::cout << "subscriptions: " << s.subscriptions << " added, " << s.subscriptions_already
              << " already there\n";
  }
  if (s.renumbered > 0) std::cout << "given new ids (their ids were taken): " << s.renumbered << "\n";
  if (!s.skipped.empty()) {
    std::cout << "skipped " << s.skipped_total() << ":\n";
    for (const auto& [reason, count] : s.skipped) std::cout << "  " << reason << ": " << count << "\n";
  }
  if (!s.notes.empty()) {
    std::cout << "kept with a change:\n";
    for (const auto& [what, count] : s.notes) std::cout << "  " << what << ": " << count << "\n";
  }
}

}  // namespace sala::cli
