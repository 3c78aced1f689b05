#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "service/account_service.hpp"

namespace sala::cli {
namespace {

// The password comes from standard input, never from the command line,
// where other users could read it in the process list. On a terminal it is
// asked for without echo.
Result<std::string> read_password() {
  const bool is_terminal = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (is_terminal) {
    std::cerr << "Password: " << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  const bool got = static_cast<bool>(std::getline(std::cin, password));
  if (is_terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!got) return Error::invalid("password_required", "give the password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Result<std::unique_ptr<store::Store>> open(const CommonFlags& common) {
  if (auto ready = crypto::init(); !ready) return ready.error();
  auto options = resolve_options(common);
  if (!options) return options.error();
  return app::open_database(*options);
}

}  // namespace

void add_user_command(CLI::App& app, Action& run) {
  CLI::App* user = app.add_subcommand("user", "Manage moderator and admin accounts");
  user->require_subcommand(1);

  struct AddFlags {
    CommonFlags common;
    std::string name;
    std::string role = "moderator";
    std::vector<std::string> sites;
    std::string email;
  };
  auto add = std::make_shared<AddFlags>();
  CLI::App* add_cmd = user->add_subcommand(
      "add", "Add an account; the password is read from standard input (at least 10 characters)");
  add_common_flags(*add_cmd, add->common);
  add_cmd->add_option("NAME", add->name, "Login name, also shown as the staff name")->required();
  add_cmd->add_option("--role", add->role, "moderator (the sites given with --site) or admin (everything)")
      ->check(CLI::IsMember({"moderator", "admin"}));
  add_cmd->add_option("--site", add->sites, "A site the moderator moderates (repeatable)");
  add_cmd->add_option("--email", add->email, "Where alerts about comments waiting for moderation go");
  add_cmd->callback([add, &run] {
    run = [add]() -> Result<void> {
      auto store = open(add->common);
      if (!store) return store.error();
      auto password = read_password();
      if (!password) return password.error();
      std::vector<SiteId> sites;
      for (const auto& s : add->sites) sites.push_back(SiteId{s});
      SystemClock clock;
      service::AccountService accounts(clock);
      auto id = accounts.add(**store, add->name, *password, parse_role(add->role).value_or(Role::moderator), sites,
                             add->email);
      if (!id) return id.error();
      std::cout << "added " << add->role << " " << add->name << "\n";
      return {};
    };
  });

  struct PasswdFlags {
    CommonFlags common;
    std::string name;
  };
  auto passwd = std::make_shared<PasswdFlags>();
  CLI::App* passwd_cmd = user->add_subcommand(
      "passwd", "Set an account's password (read from standard input); signs out all its sessions");
  add_common_flags(*passwd_cmd, passwd->common);
  passwd_cmd->add_option("NAME", passwd->name, "Login name")->required();
  passwd_cmd->callback([passwd, &run] {
    run = [passwd]() -> Result<void> {
      auto store = open(passwd->common);
      if (!store) return store.error();
      auto password = read_password();
      if (!password) return password.error();
      SystemClock clock;
      service::AccountService accounts(clock);
      if (auto done = accounts.set_password(**store, passwd->name, *password); !done) return done.error();
      std::cout << "password changed; every session of " << passwd->name << " is signed out\n";
      return {};
    };
  });

  struct EmailFlags {
    CommonFlags common;
    std::string name;
    std::string email;
  };
  auto email = std::make_shared<EmailFlags>();
  CLI::App* email_cmd = user->add_subcommand(
      "email", "Set where an account's moderation alerts go; without ADDRESS, it gets none");
  add_common_flags(*email_cmd, email->common);
  email_cmd->add_option("NAME", email->name, "Login name")->required();
  email_cmd->add_option("ADDRESS", email->email, "The alert address");
  email_cmd->callback([email, &run] {
    run = [email]() -> Result<void> {
      auto store = open(email->common);
      if (!store) return store.error();
      SystemClock clock;
      service::AccountService accounts(clock);
      if (auto done = accounts.set_alert_email(**store, email->name, email->email); !done) return done.error();
      std::cout << (email->email.empty() ? "no alerts for " + email->name : "alerts for " + email->name + " go to " + email->email)
                << "\n";
      return {};
    };
  });

  auto list = std::make_shared<CommonFlags>();
  CLI::App* list_cmd = user->add_subcommand("list", "List accounts with their role and sites");
  add_common_flags(*list_cmd, *list);
  list_cmd->callback([list, &run] {
    run = [list]() -> Result<void> {
      auto store = open(*list);
      if (!store) return store.error();
      auto accounts = (*store)->accounts().list();
      if (!accounts) return accounts.error();
      for (const Account& a : *accounts) {
        std::cout << a.name << " " << to_string(a.role);
        for (const SiteId& s : a.sites) std::cout << " " << s.value;
        if (!a.alert_email.empty()) std::cout << " alerts:" << a.alert_email;
        std::cout << "\n";
      }
      return {};
    };
  });
}

}  // namespace sala::cli
