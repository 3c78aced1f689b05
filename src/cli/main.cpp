// sala: one binary for the server and every operator task.
#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Sala: a self-hosted discussion platform for news sites", "sala"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sala 0.1.0");
  sala::cli::Action run;
  sala::cli::add_serve_command(app, run);
  sala::cli::add_site_command(app, run);
  sala::cli::add_user_command(app, run);
  sala::cli::add_import_command(app, run);
  sala::cli::add_export_command(app, run);
  sala::cli::add_migrate_command(app, run);
  sala::cli::add_backup_command(app, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "sala: " << e.what() << " (see sala --help)\n";
    return 2;
  }
  if (!run) return 2;
  try {
    auto done = run();
    if (!done) {
      std::cerr << "sala: " << done.error().message;
      if (!done.error().detail.empty()) std::cerr << " (" << done.error().detail << ")";
      std::cerr << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "sala: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
