#pragma once

#include <string>
#include <vector>

#include "core/ids.hpp"

namespace sala::store {

// What a read is about: one site, and some of its threads or all of them.
// Lets a backend serve the read from a replica that has caught up with every
// write to those threads (Store::reads_of).
struct ReadScope {
  SiteId site;
  std::vector<std::string> thread_keys;  // empty: every thread of the site
};

}  // namespace sala::store
