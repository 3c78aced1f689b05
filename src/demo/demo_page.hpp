#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "service/comment_service.hpp"
#include "store/store.hpp"
#include "web/router.hpp"

namespace sala::demo {

inline constexpr const char* kSiteId = "demo";
inline constexpr const char* kThreadKey = "/";

// Serves the demo article page and its style sheet at / and /demo.css,
// from bytes compiled into the binary.
void add_routes(web::Router& router);

// Makes sure the demo site exists and may be embedded from `origins` (the
// addresses the server listens on), and seeds a short discussion the first
// time, so the page never opens on an empty section. Idempotent.
[[nodiscard]] Result<void> prepare_site(store::Store& store, const Clock& clock,
                                        service::ReaderIdentity& identity,
                                        const std::vector<std::string>& origins);

}  // namespace sala::demo
