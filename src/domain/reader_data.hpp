#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/comment.hpp"

namespace sala {

// The mailed link that lets a reader download or erase what Sala holds
// under their address. Only the digest of its token is stored; the address
// is kept only while the link lives.
struct ReaderDataLink {
  std::string digest;
  std::string email;
  Timestamp created;
  Timestamp expires;
  bool downloaded = false;  // the download is single-use, like the erasure
};

// A comment written with the reader's address, with its thread, as the
// reader downloads it.
struct ReaderComment {
  CommentId id;
  ThreadId thread;
  SiteId site;
  std::string thread_key;
  std::string thread_title;
  std::string thread_url;
  std::optional<CommentId> parent;
  CommentState state = CommentState::approved;
  Timestamp created;
  std::optional<Timestamp> edited;
  std::string author;
  std::string markdown;
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
};

// What a site does with a reader's comments when the reader erases their
// data: keep the text under a neutral name, or delete it like the author's
// own delete.
enum class ErasureMode { anonymise, remove };
std::string_view to_string(ErasureMode mode);
std::optional<ErasureMode> parse_erasure_mode(std::string_view text);

}  // namespace sala
