#include "domain/thread_settings.hpp"

namespace sala {

Site with_thread_settings(Site site, const ThreadSettings& thread) {
  site.premoderate = thread.premoderate.value_or(site.premoderate);
  site.premoderate_links = thread.premoderate_links.value_or(site.premoderate_links);
  site.premoderate_first = thread.premoderate_first.value_or(site.premoderate_first);
  site.slow_mode_seconds = thread.slow_mode_seconds.value_or(site.slow_mode_seconds);
  return site;
}

}  // namespace sala
