#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "store/change_feed.hpp"
#include "store/postgres/write_positions.hpp"

namespace sala::pg {

// LISTENs on `channel` with a connection of its own and hands every
// announcement not made by `own_instance` to the handlers, on its own
// thread. Listening has begun when this returns. A lost connection is
// reopened (with a growing pause, up to a few seconds); whatever was
// announced meanwhile is lost, so the feed then calls `missed`.
//
// With `positions` (when reads may go to a replica), the feed notes where
// the primary's log stands before handing on what it heard: a NOTIFY
// arrives after its transaction committed, so that position covers the
// change (the payload cannot carry it: it is written before the commit).
// The same after LISTEN begins and after a reconnection, for everything.
[[nodiscard]] Result<std::unique_ptr<store::ChangeFeed>> open_change_feed(
    const std::string& url, const std::string& channel, const std::string& own_instance,
    store::ChangeHandlers handlers, std::shared_ptr<WritePositions> positions);

}  // namespace sala::pg
