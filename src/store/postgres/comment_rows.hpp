#pragma once

#include "domain/comment.hpp"
#include "domain/thread.hpp"
#include "store/postgres/rows.hpp"

namespace sala::pg {

// Every query that returns comments selects these columns in this order
// (prefixed with a table alias where it joins).
#define SALA_COMMENT_COLUMNS                                                               \
  "id, thread, parent, root, depth, author_name, avatar, body_markdown, body_html, "      \
  "renderer_version, state, created, edited, upvotes, downvotes, anchor_quote, "          \
  "anchor_prefix, anchor_suffix, anchor_start, anchor_end, pinned, featured, author_badge, author_account"

// The comment in row `i`, from its first 24 columns as above.
Comment read_comment(const Rows& r, int i);

// Every query that returns threads selects these columns in this order.
#define SALA_THREAD_COLUMNS "id, site, key, title, url, closed, comment_count, created, last_comment_at"

// The thread in row `i`, from its first 9 columns as above.
Thread read_thread(const Rows& r, int i);

}  // namespace sala::pg
