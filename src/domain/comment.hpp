#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sala {

// Persisted as text (with a CHECK constraint) so the database reads without a decoder ring.
enum class CommentState { approved, pending, spam, rejected, deleted };

std::string_view to_string(CommentState state);
std::optional<CommentState> parse_comment_state(std::string_view text);

// Where an inline comment points in the article, after the W3C Web Annotation
// TextQuoteSelector (quote, prefix, suffix) and TextPositionSelector (start, end).
struct Anchor {
  std::string quote;
  std::string prefix;
  std::string suffix;
  std::int64_t start = 0;
  std::int64_t end = 0;
  bool operator==(const Anchor&) const = default;
};

// A comment's id and where it points, for counting comments per passage
// without reading their bodies.
struct AnchoredComment {
  CommentId id;
  Anchor anchor;
};

struct Comment {
  CommentId id;
  ThreadId thread;
  std::optional<CommentId> parent;
  CommentId root;  // the top-level ancestor; itself for a top-level comment
  int depth = 0;   // 0 for top-level
  std::string author_name;
  std::string avatar;  // a short seed the widget draws an avatar from; never derived from an address
  std::string body_markdown;
  std::string body_html;
  int renderer_version = 0;
  CommentState state = CommentState::approved;
  Timestamp created;
  std::optional<Timestamp> edited;
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  std::optional<Anchor> anchor;
  bool pinned = false;    // shown first in its thread, whatever the sort (top-level only)
  bool featured = false;  // singled out by a moderator as worth reading
  std::string author_badge;  // a verified reader's badge; empty for everyone else
  std::string author_account;  // a verified reader's account (VerifiedReader); empty for anonymous authors

  std::int64_t score() const { return upvotes - downvotes; }
};

// What the service hands the store to insert. The store assigns the id
// (unless an import asks for one) and derives root and depth from the parent.
struct NewComment {
  // Imports only: keep this id (it must be free). Unset, the store assigns one.
  std::optional<CommentId> id;
  ThreadId thread;
  std::optional<CommentId> parent;
  std::string author_name;
  std::string author_email;  // empty when none; only ever used for notifications
  std::string avatar;
  std::string body_markdown;
  std::string body_html;
  int renderer_version = 0;
  CommentState state = CommentState::approved;
  Timestamp created;
  std::string edit_token_hash;  // binary digest of the edit token; the token itself is never stored
  std::optional<Anchor> anchor;
  // The poster's keyed daily hash (see service::ReaderIdentity), for bans,
  // slow mode and "first comment" rules; empty for imported comments.
  std::string author_fingerprint;
  // A verified reader's account (see VerifiedReader) and badge; empty for anonymous authors.
  std::string author_account;
  std::string author_badge;
};

}  // namespace sala
