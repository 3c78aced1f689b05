#pragma once

#include <string>

#include "core/error.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

// Reads a Disqus export (<disqus> with <thread> and <post> elements, linked
// by dsq:id). A thread's key is its link's path, else its Disqus identifier
// (<id>), else "disqus-<dsq:id>"; threads Disqus marks deleted are not
// imported, and neither are their posts. Posts map to approved, spam
// (isSpam) or deleted placeholders (isDeleted: text and author dropped).
// Message HTML is converted to Markdown. Refs are the posts' dsq:id (or
// "id:<id>" for a post without one). Threads must come before the posts that
// refer to them, as Disqus writes them.
[[nodiscard]] Result<void> import_disqus(const std::string& path, CommentSink& sink,
                                         const Progress& progress = {});

}  // namespace sala::transfer
