#pragma once

#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// One publication. `origins` are the exact origins ("https://news.example",
// scheme://host[:port]) allowed to embed it and call the API from a browser.
struct Site {
  SiteId id;
  std::vector<std::string> origins;
  bool premoderate = false;
  Timestamp created;
};

}  // namespace sala
