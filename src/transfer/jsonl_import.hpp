#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/site.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

// The first line of an export: the site the file holds.
struct ExportHeader {
  int version = 0;
  Site site;
};

// Reads and checks the header line of a Sala export. Another format or a
// version newer than this Sala's -> invalid("invalid_export"); every older
// version is read.
[[nodiscard]] Result<ExportHeader> read_export_header(const std::string& path);

// Reads the threads, comments and subscriptions of a Sala export
// (docs/export-format.md) into `writer`: ids are kept where they are free,
// threading, states, votes, anchors, avatars, edit times and confirmed
// subscriptions as written. Bodies are rendered again from
// the Markdown; the file's "html" is never stored. Every line is parsed
// strictly (unknown fields, duplicate keys and wrong types are errors, with
// the line number), and the trailer's counts must match, so a truncated or
// edited-by-mistake file fails as a whole. Refs are the exported ids.
[[nodiscard]] Result<void> import_jsonl(const std::string& path, CommentSink& sink,
                                        const Progress& progress = {});

// The highest comment id a Sala export asks to keep (0 if none): a first pass
// over the file, so that comments whose id is taken can be renumbered above
// every id still to come (ImportWriter::renumber_above).
[[nodiscard]] Result<std::int64_t> max_kept_id(const std::string& path);

}  // namespace sala::transfer
