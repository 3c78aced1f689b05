#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace sala::sqlite {

// Rows of an Isso comment database (isso/db/threads.py, comments.py), as
// stored: no field is validated here. Text columns that hold NULL come back
// empty.
struct IssoThreadRow {
  std::int64_t id = 0;
  std::string uri;
  std::string title;
};

struct IssoCommentRow {
  std::int64_t thread = 0;
  std::int64_t id = 0;
  std::optional<std::int64_t> parent;
  double created = 0;                // Unix seconds
  std::optional<double> modified;    // Unix seconds
  std::int64_t mode = 0;             // 1 accepted, 2 pending, 4 deleted
  std::string text;                  // Markdown
  std::string author;
  std::string email;
  std::int64_t likes = 0;
  std::int64_t dislikes = 0;
};

// Reads an Isso database file read-only, every thread (in id order) before
// every comment (in id order), one row at a time. The file is treated as
// hostile: it is opened read-only with defensive settings, so its schema
// cannot run code, and a file that is not an Isso database is
// invalid("not_isso_database"). A callback's error stops the walk and is
// returned.
[[nodiscard]] Result<void> read_isso_file(
    const std::string& path, const std::function<Result<void>(const IssoThreadRow&)>& on_thread,
    const std::function<Result<void>(const IssoCommentRow&)>& on_comment);

}  // namespace sala::sqlite
