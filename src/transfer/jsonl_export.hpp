#pragma once

#include <cstdint>
#include <ostream>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sala::transfer {

struct ExportSummary {
  std::int64_t threads = 0;
  std::int64_t comments = 0;
  std::int64_t subscriptions = 0;
};

// Writes one site as JSON Lines (docs/export-format.md): a header with the
// site, each thread followed by its comments in id order (every state,
// deleted placeholders included), then the site's confirmed e-mail
// subscriptions, and a trailer with the counts, so a truncated file is
// detected on import. Reads in keyset pages, so memory does not grow with
// the site. E-mail addresses are included, the commenters' and the
// subscribers': the file is as private as the database. Pending
// subscriptions and every mailed token are left out. Unknown site ->
// not_found.
[[nodiscard]] Result<ExportSummary> export_site(store::Store& store, const SiteId& site,
                                                std::ostream& out, Timestamp now);

}  // namespace sala::transfer
