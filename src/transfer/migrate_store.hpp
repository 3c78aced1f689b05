#pragma once

#include <filesystem>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/store.hpp"
#include "transfer/jsonl_export.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

struct SiteMoved {
  SiteId site;
  ExportSummary exported;
  ImportSummary imported;
};

// Moves sites (every site of `from` when `sites` is empty) to another
// database, one site at a time: an export to a file in `work_dir`, then an
// import of that file in one transaction on `to`, so a site arrives whole
// or not at all. Ids, threading, states, votes, anchors, pins, verified
// readers' accounts and badges, confirmed subscriptions and the site's and
// threads' moderation settings travel as in `sala export`; so do the keys
// of readers' sign-ins (the site's SSO key, the server's reader-token key,
// the accounts' key), unless the target has its own. Staff accounts,
// sessions, bans, word lists, the audit log and the spam filter do not. Every comment and subscription exported must be found on the other
// side (added now or by an earlier run: moving twice adds nothing), or the
// move of that site is refused as a mismatch. The sites
// moved before a failure stay moved.
[[nodiscard]] Result<std::vector<SiteMoved>> migrate_sites(store::Store& from, store::Store& to,
                                                           const Clock& clock,
                                                           const std::vector<SiteId>& sites,
                                                           const std::filesystem::path& work_dir);

}  // namespace sala::transfer
