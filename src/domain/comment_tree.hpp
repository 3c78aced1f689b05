#pragma once

#include <vector>

#include "domain/comment.hpp"

namespace sala {

// A comment as a reader sees it in a thread. A placeholder stands for a
// comment that is gone (deleted, or no longer public) but still has visible
// replies: it keeps its place and nothing else.
struct DisplayedComment {
  Comment comment;
  int depth = 0;
  bool is_placeholder = false;
};

struct DisplayedRoot {
  DisplayedComment root;
  std::vector<DisplayedComment> replies;  // depth-first, siblings oldest first
};

// Arranges one page of top-level comments (already in page order) and all
// replies below them. Comments that are not approved and have no approved
// descendant are left out. Iterative throughout: reply chains can be as deep
// as readers make them.
std::vector<DisplayedRoot> arrange_thread(std::vector<Comment> top_level,
                                          std::vector<Comment> replies);

}  // namespace sala
