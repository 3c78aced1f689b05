#include <memory>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "core/clock.hpp"
#include "transfer/importer.hpp"

namespace sala::cli {

void add_import_command(CLI::App& app, Action& run) {
  CLI::App* import = app.add_subcommand(
      "import", "Import comments: all or nothing, and importing the same file again adds nothing");
  import->require_subcommand(1);

  struct Flags {
    CommonFlags common;
    transfer::ImportRequest request;
    std::string site;
  };
  struct Format {
    const char* name;
    const char* help;
    transfer::SourceKind kind;
  };
  for (const Format& f :
       {Format{"wxr", "A WordPress export (WXR), wpDiscuz comments included", transfer::SourceKind::wxr},
        Format{"disqus", "A Disqus XML export", transfer::SourceKind::disqus},
        Format{"isso", "An Isso database (comments.db) or Isso's generic JSON", transfer::SourceKind::isso},
        Format{"json", "A Sala export (sala export); creates its site if missing", transfer::SourceKind::json}}) {
    auto flags = std::make_shared<Flags>();
    flags->request.kind = f.kind;
    CLI::App* cmd = import->add_subcommand(f.name, f.help);
    add_common_flags(*cmd, flags->common);
    cmd->add_option("FILE", flags->request.path, "The file to import")->required();
    if (f.kind != transfer::SourceKind::json) {
      cmd->add_option("--site", flags->site, "The site (sala site add) the comments belong to")->required();
    }
    if (f.kind == transfer::SourceKind::wxr) {
      cmd->add_flag("--with-pingbacks", flags->request.include_pingbacks,
                    "Also import pingbacks and trackbacks (skipped by default)");
    }
    cmd->callback([flags, &run] {
      run = [flags]() -> Result<void> {
        auto options = resolve_options(flags->common);
        if (!options) return options.error();
        auto store = app::open_database(*options);
        if (!store) return store.error();
        SystemClock clock;
        transfer::ImportRequest request = flags->request;
        request.site = SiteId{flags->site};
        Result<transfer::ImportSummary> summary = Error::internal("not run");
        {
          ProgressLine progress("reading");
          summary = transfer::run_import(**store, clock, request, progress.callback());
        }
        if (!summary) return summary.error();
        print_summary(*summary);
        return {};
      };
    });
  }
}

}  // namespace sala::cli
