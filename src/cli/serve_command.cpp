#include <memory>

#include "app/app.hpp"
#include "cli/commands.hpp"

namespace sala::cli {

void add_serve_command(CLI::App& app, Action& run) {
  struct Flags {
    CommonFlags common;
    std::string listen;
    std::string db_replica;
    app::ServeFlags serve;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the comment server");
  add_common_flags(*cmd, flags->common);
  cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--db-replica", flags->db_replica,
                  "a hot standby of the PostgreSQL --db for thread reads: postgresql://...");
  cmd->add_flag("--demo", flags->serve.demo, "Also serve the demo article page at /");
  cmd->add_option("--ready-file", flags->serve.ready_file,
                  "Write the server's base URL to this file once it accepts connections");
  cmd->callback([flags, &run] {
    run = [flags]() -> Result<void> {
      auto options = resolve_options(flags->common);
      if (!options) return options.error();
      if (!flags->listen.empty()) options->listen = flags->listen;
      if (!flags->db_replica.empty()) options->db_replica = flags->db_replica;
      return app::serve(*options, flags->serve);
    };
  });
}

}  // namespace sala::cli
