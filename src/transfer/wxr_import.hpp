#pragma once

#include <string>

#include "core/error.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

struct WxrOptions {
  bool include_pingbacks = false;  // pingbacks and trackbacks are skipped unless asked for
};

// Reads a WordPress export (WXR 1.0 to 1.2, wpDiscuz's comments included)
// and hands each post that has comments to `writer` as a thread, then its
// comments. A thread's key is its permalink's path (with the query for
// "?p=N" links), else "/?p=<post id>". Approval states map to approved (1),
// pending (0), spam, and rejected (trash, post-trashed). Comment HTML is
// converted with WordPress's line-break rules; wpDiscuz votes are read from
// the comment meta. Refs are "<base site URL> <post id>/<comment id>": a
// reply's parent is named within its post, and comment ids within a blog.
[[nodiscard]] Result<void> import_wxr(const std::string& path, CommentSink& sink,
                                      const WxrOptions& options = {}, const Progress& progress = {});

}  // namespace sala::transfer
