#include "transfer/migrate_store.hpp"

#include <fstream>

#include "service/reader_signins.hpp"
#include "service/reader_tokens.hpp"
#include "transfer/importer.hpp"

namespace sala::transfer {
namespace {

// The keys readers' sign-ins depend on go along, so that the publisher's
// tokens, the server's own and the accounts of readers signed in by e-mail
// keep working after the move. A key the target already has stays.
Result<void> carry_key(store::Store& from, store::Store& to, const std::string& name, Timestamp now) {
  auto key = from.secrets().find(name);
  if (!key) return key.error();
  if (!*key) return {};
  auto kept = to.secrets().get_or_put(name, **key, now);
  if (!kept) return kept.error();
  return {};
}

Result<SiteMoved> move_site(store::Store& from, store::Store& to, const Clock& clock, const SiteId& site,
                            const std::filesystem::path& work_dir) {
  const std::filesystem::path file = work_dir / (site.value + ".jsonl");
  SiteMoved moved{site, {}, {}};
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return Error::invalid("cannot_write", "cannot write " + file.string());
    auto exported = export_site(from, site, out, clock.now());
    if (!exported) return exported.error();
    out.flush();
    if (!out) return Error::invalid("cannot_write", "cannot write " + file.string());
    moved.exported = *exported;
  }
  auto imported = run_import(to, clock, {.kind = SourceKind::json, .path = file.string(), .site = site});
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
  if (!imported) return imported.error();
  for (const std::string& key : {service::sso_key_name(site), service::server_reader_key_name(site)}) {
    if (auto carried = carry_key(from, to, key, clock.now()); !carried) return carried.error();
  }
  moved.imported = *imported;
  // A newsroom that moves must keep its subscribers as surely as its comments.
  const std::int64_t arrived = imported->comments + imported->already_imported;
  const std::int64_t subscribed = imported->subscriptions + imported->subscriptions_already;
  if (arrived != moved.exported.comments || subscribed != moved.exported.subscriptions ||
      imported->skipped_total() != 0) {
    return Error::conflict("migration_mismatch",
                           "site '" + site.value + "': " + std::to_string(moved.exported.comments) +
                               " comments and " + std::to_string(moved.exported.subscriptions) +
                               " subscriptions exported, " + std::to_string(arrived) + " and " +
                               std::to_string(subscribed) + " found on the target, " +
                               std::to_string(imported->skipped_total()) + " skipped");
  }
  return moved;
}

}  // namespace

Result<std::vector<SiteMoved>> migrate_sites(store::Store& from, store::Store& to, const Clock& clock,
                                             const std::vector<SiteId>& sites,
                                             const std::filesystem::path& work_dir) {
  std::vector<SiteId> todo = sites;
  if (todo.empty()) {
    auto all = from.sites().list();
    if (!all) return all.error();
    for (const Site& s : *all) todo.push_back(s.id);
  }
  if (auto carried = carry_key(from, to, service::reader_account_key_name(), clock.now()); !carried) {
    return carried.error();
  }
  std::vector<SiteMoved> out;
  for (const SiteId& site : todo) {
    auto moved = move_site(from, to, clock, site, work_dir);
    if (!moved) return moved.error();
    out.push_back(std::move(*moved));
  }
  return out;
}

}  // namespace sala::transfer
