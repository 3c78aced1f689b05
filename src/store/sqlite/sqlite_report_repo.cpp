#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<void> SqliteReportRepo::add(const store::NewReport& report) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO reports (comment, reporter, reason, created) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (comment, reporter) DO UPDATE SET reason = excluded.reason, "
        "created = excluded.created");
    if (!st) return st.error();
    (*st)->bind(1, report.comment.value)
        .bind_blob(2, report.reporter)
        .bind(3, report.reason)
        .bind(4, report.created.ms);
    return (*st)->run();
  });
}

}  // namespace sala::sqlite
