#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "core/clock.hpp"
#include "transfer/jsonl_export.hpp"

namespace sala::cli {

void add_export_command(CLI::App& app, Action& run) {
  struct Flags {
    CommonFlags common;
    std::string site;
    std::string out;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("export", "Export a site's threads, comments and subscriptions as JSON Lines");
  add_common_flags(*cmd, flags->common);
  cmd->add_option("--site", flags->site, "The site to export")->required();
  cmd->add_option("--out", flags->out, "Write to FILE instead of standard output");
  cmd->callback([flags, &run] {
    run = [flags]() -> Result<void> {
      auto options = resolve_options(flags->common);
      if (!options) return options.error();
      auto store = app::open_database(*options);
      if (!store) return store.error();
      SystemClock clock;
      if (flags->out.empty()) {
        auto done = transfer::export_site(**store, SiteId{flags->site}, std::cout, clock.now());
        if (!done) return done.error();
        return {};
      }
      // Written beside the target and renamed, so FILE is never half a file.
      const std::string partial = flags->out + ".partial";
      Result<transfer::ExportSummary> done = Error::internal("not run");
      {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) return Error::invalid("cannot_write", "cannot write " + partial);
        done = transfer::export_site(**store, SiteId{flags->site}, out, clock.now());
      }
      std::error_code ec;
      if (!done) {
        std::filesystem::remove(partial, ec);
        return done.error();
      }
      std::filesystem::rename(partial, flags->out, ec);
      if (ec) return Error::invalid("cannot_write", "cannot write " + flags->out + ": " + ec.message());
      std::cout << "exported " << done->threads << " threads, " << done->comments << " comments and "
                << done->subscriptions << " subscriptions to " << flags->out << "\n";
      return {};
    };
  });
}

}  // namespace sala::cli
