#pragma once

#include <string_view>

#include "web/router.hpp"

namespace sala::web {

// A page or file compiled into the binary, served under a policy that lets
// it load nothing from anywhere but this server and never be framed.
// `cache_control`: "no-cache" for pages that may change with a new build,
// "no-store" for ones nobody should keep (the dashboard).
Handler static_asset(std::string_view (*bytes)(), const char* content_type, const char* cache_control);

}  // namespace sala::web
