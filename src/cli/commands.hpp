#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "config/options.hpp"
#include "core/error.hpp"

namespace sala::cli {

// Flags every command takes, with the same meaning everywhere.
struct CommonFlags {
  std::string config_file;
  std::string db;
};
void add_common_flags(CLI::App& command, CommonFlags& flags);

// Defaults, then the config file, then the flags.
[[nodiscard]] Result<config::Options> resolve_options(const CommonFlags& flags);

// Each registers a subcommand whose callback sets `run` to its action.
using Action = std::function<Result<void>()>;
void add_serve_command(CLI::App& app, Action& run);
void add_site_command(CLI::App& app, Action& run);
void add_user_command(CLI::App& app, Action& run);
void add_import_command(CLI::App& app, Action& run);
void add_export_command(CLI::App& app, Action& run);
void add_migrate_command(CLI::App& app, Action& run);
void add_backup_command(CLI::App& app, Action& run);

}  // namespace sala::cli
