#pragma once

#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala::store {

struct NewReport {
  CommentId comment;
  std::string reporter;  // keyed hash, like a voter
  std::string reason;
  Timestamp created;
};

class ReportRepo {
 public:
  virtual ~ReportRepo() = default;
  // One report per (comment, reporter); a repeat replaces the reason.
  [[nodiscard]] virtual Result<void> add(const NewReport& report) = 0;
};

}  // namespace sala::store
