#pragma once

#include <chrono>
#include <cstddef>

namespace sala::service {

// The rules for comments that an operator can tune (config file, [comments]).
struct CommentPolicy {
  // How long an author may edit or delete their comment with its edit token.
  std::chrono::milliseconds edit_window = std::chrono::minutes(15);
  std::size_t max_body_code_points = 10000;
  std::size_t max_name_code_points = 64;
  int default_page_size = 20;
  int max_page_size = 100;
  std::size_t max_counts_per_call = 100;
};

}  // namespace sala::service
