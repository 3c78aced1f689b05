#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/change_feed.hpp"

namespace sala::pg {

// LISTENs on `channel` with a connection of its own and hands every
// announcement not made by `own_instance` to the handlers, on its own
// thread. Listening has begun when this returns. A lost connection is
// reopened (with a growing pause, up to a few seconds); whatever was
// announced meanwhile is lost, so the feed then calls `missed`.
[[nodiscard]] Result<std::unique_ptr<store::ChangeFeed>> open_change_feed(
    const std::string& url, const std::string& channel, const std::string& own_instance,
    store::ChangeHandlers handlers);

}  // namespace sala::pg
