#include <iostream>
#include <memory>

#include "app/app.hpp"
#include "cli/commands.hpp"

namespace sala::cli {

void add_backup_command(CLI::App& app, Action& run) {
  struct Flags {
    CommonFlags common;
    std::string file;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "Copy the database to FILE, consistently, while the server keeps running");
  add_common_flags(*cmd, flags->common);
  cmd->add_option("FILE", flags->file, "Where to write the copy (replaced if it exists)")->required();
  cmd->callback([flags, &run] {
    run = [flags]() -> Result<void> {
      auto options = resolve_options(flags->common);
      if (!options) return options.error();
      // Opening first applies pending migrations and refuses a database from
      // a newer Sala, so the copy is always of a database this binary reads.
      auto store = app::open_database(*options);
      if (!store) return store.error();
      auto done = app::backup_database(*options, flags->file);
      if (!done) return done.error();
      std::cout << "backed up to " << flags->file << "\n";
      return {};
    };
  });
}

}  // namespace sala::cli
