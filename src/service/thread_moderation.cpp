// A thread's own moderation settings: ModerationService::thread_settings and
// change_thread_settings.
#include "service/moderation_service.hpp"

namespace sala::service {
namespace {

constexpr std::int64_t kMaxSlowModeSeconds = 86400;

Result<ThreadModeration> read_thread_moderation(store::Store& store, const SiteId& site_id,
                                                const std::string& key) {
  auto site = store.sites().find(site_id);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site");
  auto thread = store.threads().find(site_id, key);
  if (!thread) return thread.error();
  if (!*thread) return Error::not_found("thread");
  auto own = store.moderation().thread_settings((*thread)->id);
  if (!own) return own.error();
  Site effective = with_thread_settings(**site, *own);
  return ThreadModeration{std::move(**thread), *own, std::move(effective)};
}

std::string flag_text(std::optional<bool> flag) {
  if (!flag) return "site";
  return *flag ? "on" : "off";
}

std::string describe(const ThreadSettings& s) {
  return " premoderate=" + flag_text(s.premoderate) + " links=" + flag_text(s.premoderate_links) +
         " first=" + flag_text(s.premoderate_first) + " slow_mode=" +
         (s.slow_mode_seconds ? std::to_string(*s.slow_mode_seconds) + "s" : "site");
}

}  // namespace

Result<ThreadModeration> ModerationService::thread_settings(store::Store& store, const Account& who,
                                                            const SiteId& site, const std::string& key) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  return read_thread_moderation(store, site, key);
}

Result<ThreadModeration> ModerationService::change_thread_settings(store::Store& tx, const Account& who,
                                                                   const SiteId& site, const std::string& key,
                                                                   const ThreadSettings& settings,
                                                                   const std::string& raw_reason) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  if (settings.slow_mode_seconds && (*settings.slow_mode_seconds < 0 || *settings.slow_mode_seconds > kMaxSlowModeSeconds)) {
    return Error::unprocessable("slow_mode_invalid", "slow_mode_seconds must be between 0 and 86400");
  }
  auto before = read_thread_moderation(tx, site, key);
  if (!before) return before.error();
  if (auto saved = tx.moderation().save_thread_settings(before->thread.id, settings); !saved) return saved.error();
  if (auto logged = record(tx, who, site, "thread_settings", "thread " + key + ":" + describe(settings), *reason);
      !logged) {
    return logged.error();
  }
  return read_thread_moderation(tx, site, key);
}

}  // namespace sala::service
