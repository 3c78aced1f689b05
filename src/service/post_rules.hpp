#pragma once

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/site.hpp"
#include "domain/thread.hpp"
#include "store/store.hpp"

namespace sala::service {

struct PostDraft;

// The site's moderation rules for one new comment, inside the posting
// transaction: a banned author is refused (403 banned), slow mode answers
// 429 with the seconds left, and the result says whether the comment is
// published or waits for a moderator (everything, links, or a new author's
// first comment, as the site is set, or the thread where it chose otherwise).
[[nodiscard]] Result<CommentState> admit_post(store::Store& tx, const Site& site, const Thread& thread,
                                              const PostDraft& draft, Timestamp now);

}  // namespace sala::service
