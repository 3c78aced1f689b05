#pragma once

#include <functional>

#include "core/error.hpp"
#include "transfer/import_writer.hpp"

namespace sala::transfer {

// Runs `read` (a reader feeding a CommentSink) on a second thread, where each
// comment also goes through ImportWriter::check (the text rules and the
// Markdown rendering, most of an import's CPU time), while the calling thread
// hands the results to `writer` in file order. On a machine with two cores an
// import takes little more than the longer of the two halves.
//
// At most 1024 events wait between the threads, so memory stays bounded. An
// error on either side stops both: the writer's error is returned first,
// else the reader's. Requires: `writer` is only used by the calling thread.
[[nodiscard]] Result<void> read_in_parallel(ImportWriter& writer,
                                            const std::function<Result<void>(CommentSink&)>& read);

}  // namespace sala::transfer
