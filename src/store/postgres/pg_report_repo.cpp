#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<void> PgReportRepo::add(const store::NewReport& report) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "INSERT INTO reports (comment, reporter, reason, created) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (comment, reporter) DO UPDATE SET reason = excluded.reason, "
               "created = excluded.created",
               Params()
                   .add(report.comment.value)
                   .add_bytea(report.reporter)
                   .add(report.reason)
                   .add(report.created.ms));
  });
}

}  // namespace sala::pg
