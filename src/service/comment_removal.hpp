#pragma once

#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/thread.hpp"
#include "store/store.hpp"

namespace sala::service {

// Deletes a comment inside a transaction, for its author or a moderator
// alike: the thread's count drops if it was approved; a comment with replies
// leaves a placeholder, one without goes for good along with every
// placeholder above it that no longer holds anything. Returns the thread as
// it now is.
[[nodiscard]] Result<Thread> remove_comment(store::Store& tx, const Comment& comment);

}  // namespace sala::service
