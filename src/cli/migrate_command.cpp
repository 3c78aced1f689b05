#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "core/clock.hpp"
#include "transfer/migrate_store.hpp"

namespace sala::cli {
namespace {

Result<std::unique_ptr<store::Store>> open_url(const CommonFlags& common, const std::string& url) {
  auto options = resolve_options(common);
  if (!options) return options.error();
  options->db = url;
  options->db_replica.clear();  // the config's replica belongs to its db, not to `url`
  return app::open_database(*options);
}

}  // namespace

void add_migrate_command(CLI::App& app, Action& run) {
  struct Flags {
    CommonFlags common;
    std::string from;
    std::string to;
    std::vector<std::string> sites;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "migrate-store", "Move sites' threads, comments and subscriptions to another database (SQLite to PostgreSQL, say)");
  add_common_flags(*cmd, flags->common);
  cmd->add_option("--from", flags->from, "The database to read: sqlite:PATH or postgresql://...")->required();
  cmd->add_option("--to", flags->to, "The database to write: sqlite:PATH or postgresql://...")->required();
  cmd->add_option("--site", flags->sites, "A site to move (repeatable; all sites when none is given)");
  cmd->callback([flags, &run] {
    run = [flags]() -> Result<void> {
      if (flags->from == flags->to) return Error::invalid("same_database", "--from and --to name the same database");
      auto from = open_url(flags->common, flags->from);
      if (!from) return from.error();
      auto to = open_url(flags->common, flags->to);
      if (!to) return to.error();
      // The exports pass through a private directory that goes away afterwards.
      std::error_code ec;
      const auto work = std::filesystem::temp_directory_path(ec) /
                        ("sala-migrate-" + std::to_string(std::random_device{}()));
      if (ec || !std::filesystem::create_directory(work, ec)) {
        return Error::invalid("cannot_write", "cannot make a temporary directory");
      }
      std::filesystem::permissions(work, std::filesystem::perms::owner_all, ec);
      std::vector<SiteId> sites;
      for (const auto& s : flags->sites) sites.push_back(SiteId{s});
      SystemClock clock;
      auto moved = transfer::migrate_sites(**from, **to, clock, sites, work);
      std::filesystem::remove_all(work, ec);
      if (!moved) return moved.error();
      for (const auto& m : *moved) {
        std::cout << m.site.value << ": " << m.exported.threads << " threads, " << m.exported.comments
                  << " comments; " << m.imported.comments << " added, " << m.imported.already_imported
                  << " already there; " << m.exported.subscriptions << " subscriptions: "
                  << m.imported.subscriptions << " added, " << m.imported.subscriptions_already
                  << " already there\n";
      }
      return {};
    };
  });
}

}  // namespace sala::cli
