#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

enum class SourceKind { wxr, disqus, isso, json };

struct ImportRequest {
  SourceKind kind = SourceKind::wxr;
  std::string path;
  // The site to import into; Sala's own exports name theirs (and the site is
  // created from the file when missing), so it is ignored for json.
  SiteId site;
  bool include_pingbacks = false;
  std::size_t max_body_code_points = 10000;
};

// Runs one import in one transaction: either every comment it keeps is
// stored, or (on any error: a malformed file, a failed write) nothing is.
// Isso's input is its SQLite database or its generic JSON, told apart by the
// file's first bytes. The site must exist (not_found otherwise), except for
// json. Blocks; holds the database's write lock for the whole import.
[[nodiscard]] Result<ImportSummary> run_import(store::Store& store, const Clock& clock,
                                               const ImportRequest& request,
                                               const Progress& progress = {});

}  // namespace sala::transfer
