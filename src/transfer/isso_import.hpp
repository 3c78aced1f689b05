#pragma once

#include <string>

#include "core/error.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

// Reads an Isso comment database (its SQLite file). Isso's thread URIs are
// page paths and become thread keys; comments keep their Markdown, votes
// (likes, dislikes) and states: accepted (1) approved, pending (2) pending,
// deleted (4) a placeholder. Refs are Isso's comment ids. Isso stores
// neither thread URLs nor avatars; avatars are drawn from names as for new
// comments.
[[nodiscard]] Result<void> import_isso_database(const std::string& path, CommentSink& sink);

// Reads Isso's generic JSON import format: a list of threads
// {id, title, comments: [{id, author, email, website, remote_addr, created,
// text}]}, `created` as "YYYY-MM-DD HH:MM:SS" UTC, `text` Markdown. It has
// no replies or states: every comment is approved and top-level. Refs are
// "<thread id>/<comment id>". The file is read whole, so it may be at most
// 64 MiB (larger -> too_large("import_file_too_large")).
[[nodiscard]] Result<void> import_isso_json(const std::string& path, CommentSink& sink);

}  // namespace sala::transfer
