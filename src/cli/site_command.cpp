#include <iostream>
#include <memory>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "service/reader_tokens.hpp"
#include "service/site_service.hpp"

namespace sala::cli {

void add_site_command(CLI::App& app, Action& run) {
  CLI::App* site = app.add_subcommand("site", "Manage sites (publications)");
  site->require_subcommand(1);

  struct AddFlags {
    CommonFlags common;
    std::string id;
    std::vector<std::string> origins;
    bool premoderate = false;
  };
  auto add = std::make_shared<AddFlags>();
  CLI::App* add_cmd = site->add_subcommand("add", "Add a site that pages may embed");
  add_common_flags(*add_cmd, add->common);
  add_cmd->add_option("ID", add->id, "Site id: a-z, 0-9, '-' and '_'")->required();
  add_cmd->add_option("--origin", add->origins,
                      "Origin allowed to embed the site, like https://news.example (repeatable)")
      ->required();
  add_cmd->add_flag("--premoderate", add->premoderate, "Hold every comment for moderation");
  add_cmd->callback([add, &run] {
    run = [add]() -> Result<void> {
      auto options = resolve_options(add->common);
      if (!options) return options.error();
      auto store = app::open_database(*options);
      if (!store) return store.error();
      SystemClock clock;
      service::SiteService sites(**store, clock);
      auto added = sites.add({add->id, add->origins, add->premoderate});
      if (!added) return added.error();
      std::cout << "added site " << added->id.value << "\n";
      return {};
    };
  });

  auto list = std::make_shared<CommonFlags>();
  CLI::App* list_cmd = site->add_subcommand("list", "List sites and their origins");
  add_common_flags(*list_cmd, *list);
  list_cmd->callback([list, &run] {
    run = [list]() -> Result<void> {
      auto options = resolve_options(*list);
      if (!options) return options.error();
      auto store = app::open_database(*options);
      if (!store) return store.error();
      auto sites = (*store)->sites().list();
      if (!sites) return sites.error();
      for (const auto& s : *sites) {
        std::cout << s.id.value << (s.premoderate ? " (premoderated)" : "");
        for (const auto& o : s.origins) std::cout << " " << o;
        std::cout << "\n";
      }
      return {};
    };
  });

  struct SsoKeyFlags {
    CommonFlags common;
    std::string site;
  };
  auto sso = std::make_shared<SsoKeyFlags>();
  CLI::App* sso_cmd = site->add_subcommand(
      "sso-key", "Make a new key for the publisher's reader tokens (docs/sso.md) and print it once; "
                 "tokens signed with the old key stop working");
  add_common_flags(*sso_cmd, sso->common);
  sso_cmd->add_option("ID", sso->site, "The site")->required();
  sso_cmd->callback([sso, &run] {
    run = [sso]() -> Result<void> {
      if (auto ready = crypto::init(); !ready) return ready.error();
      auto options = resolve_options(sso->common);
      if (!options) return options.error();
      auto store = app::open_database(*options);
      if (!store) return store.error();
      auto site_id = service::parse_site_id(sso->site);
      if (!site_id) return site_id.error();
      SystemClock clock;
      service::ReaderTokens tokens(clock);
      auto key = tokens.new_sso_key(**store, *site_id);
      if (!key) return key.error();
      std::cout << *key << "\n";
      return {};
    };
  });
}

}  // namespace sala::cli
