#include "cli/commands.hpp"

namespace sala::cli {

void add_common_flags(CLI::App& command, CommonFlags& flags) {
  command.add_option("--config", flags.config_file, "TOML configuration file");
  command.add_option("--db", flags.db, "database: sqlite:PATH or postgresql://... (default sqlite:./sala.db)");
}

Result<config::Options> resolve_options(const CommonFlags& flags) {
  config::Options options;
  if (!flags.config_file.empty()) {
    auto loaded = config::load_options(flags.config_file);
    if (!loaded) return loaded.error();
    options = std::move(*loaded);
  }
  if (!flags.db.empty()) options.db = flags.db;
  return options;
}

}  // namespace sala::cli
