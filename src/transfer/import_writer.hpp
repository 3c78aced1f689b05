#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"
#include "service/reader_identity.hpp"
#include "store/store.hpp"
#include "transfer/records.hpp"

namespace sala::transfer {

struct WriterOptions {
  SiteId site;
  std::string source;  // "wxr", "disqus", "isso", "json": names the refs
  std::size_t max_body_code_points = 10000;
  // Replies that arrive before their parent wait in memory; past this many
  // bytes of them the import fails instead of growing without bound.
  std::size_t max_waiting_bytes = 64u << 20;
};

// Writes what a reader found into one transaction, with the rules of a new
// comment: names, bodies, e-mail and anchors are cleaned as for a post and
// the Markdown is rendered here, so no HTML from the file is ever stored.
// A comment that cannot be kept is skipped with a reason in the summary; only
// a store failure or a limit on memory fails the import.
//
// Idempotent: every comment is recorded under (site, source, ref), and a ref
// seen before is counted as already imported. A reply whose parent has not
// been seen waits for it; finish() skips those still waiting (a missing or
// skipped parent, or a cycle). A deleted comment is kept only as the
// placeholder of its replies, so it is written when its first reply is, and
// skipped if none comes.
//
// Requires: `tx` is a transaction's store; the avatar key already exists
// (ReaderIdentity::avatar_seed called once on the top-level store).
// Not thread-safe.
class ImportWriter final : public CommentSink {
 public:
  ImportWriter(store::Store& tx, service::ReaderIdentity& identity, WriterOptions options,
               ImportSummary& summary);

  // The first declaration of a thread ref wins. Threads are written with
  // their first comment.
  [[nodiscard]] Result<void> thread(const SourceThread& thread) override;
  // check() then accept().
  [[nodiscard]] Result<void> comment(SourceComment comment) override;
  [[nodiscard]] Result<void> skipped(const std::string& ref, const std::string& reason) override {
    skip(ref, reason);
    return {};
  }
  [[nodiscard]] Result<void> note(const std::string& what) override {
    summary_.note(what);
    return {};
  }
  // Recreates a confirmed subscription of Sala's own export. Comments are
  // settled first (see settle_comments()): none may follow. Its comment is
  // found by its ref in this file; a subscription whose thread or comment
  // was skipped is skipped. An address that is not one, a thread not in the
  // file, a comment not in the file or not in that thread -> invalid, with
  // the line. One the recipient already has is counted, not doubled.
  [[nodiscard]] Result<void> subscription(SourceSubscription subscription) override;
  [[nodiscard]] Result<void> finish();

  struct Prepared;
  // A comment after the checks that need neither the database nor the
  // writer's state (text rules, rendering): the CPU-heavy part of an import.
  struct Checked {
    SourceComment source;  // ids, times and states; its text fields are moved into `prepared`
    std::shared_ptr<Prepared> prepared;  // null: skipped for `skip_reason`
    std::string skip_reason;
    std::vector<std::string> notes;  // counted only if the comment is kept
  };
  // Pure and thread-safe, so it may run on another thread than the writer.
  [[nodiscard]] static Checked check(SourceComment comment, std::size_t max_body_code_points);
  // The rest of comment(): what needs the database. Writer thread only.
  [[nodiscard]] Result<void> accept(Checked checked);
  std::size_t max_body_code_points() const { return options_.max_body_code_points; }

  // For sources that keep ids: a comment whose id is taken gets the first
  // free id above `max_kept_id` (the highest id the source asks for), so it
  // never takes an id a later comment of the same source wants.
  void renumber_above(std::int64_t max_kept_id) { next_free_id_ = max_kept_id + 1; }

 private:
  struct ThreadSlot {
    SourceThread source;
    std::optional<std::string> invalid;  // why its comments are skipped
    std::optional<Thread> stored;
    std::int64_t approved_added = 0;
    std::optional<Timestamp> latest;
  };
  // A comment that passed every check, waiting for its parent or ready to go.
 public:
  struct Prepared {
    std::string ref;
    std::string thread_ref;
    std::optional<std::string> parent_ref;
    NewComment row;
    std::int64_t upvotes = 0;
    std::int64_t downvotes = 0;
    std::optional<Timestamp> edited;
    bool pinned = false;
    bool featured = false;
  };

 private:
  [[nodiscard]] Result<void> ensure_thread(ThreadSlot& slot, Timestamp first_comment);
  // Inserts `p` under `parent`, then every reply that was waiting for it.
  [[nodiscard]] Result<void> insert_with_replies(Prepared p, std::optional<CommentId> parent);
  [[nodiscard]] Result<CommentId> insert(Prepared& p, std::optional<CommentId> parent);
  // Inserts `p` now if its parent is known, else lets it wait.
  [[nodiscard]] Result<void> submit(Prepared p);
  // Submits the held placeholder `ref` and the held placeholders above it.
  [[nodiscard]] Result<void> release_placeholders(const std::string& ref);
  [[nodiscard]] Result<void> hold(std::unordered_map<std::string, std::vector<Prepared>>& where,
                                  const std::string& key, Prepared p);
  void skip(const std::string& ref, const std::string& reason);
  // Skips, with their reasons, the replies still waiting for a parent and
  // the deleted placeholders no reply claimed: after this every comment ref
  // of the file is either imported or skipped. Only once; no comment may
  // come after.
  void settle_comments();

  store::Store& tx_;
  service::ReaderIdentity& identity_;
  WriterOptions options_;
  ImportSummary& summary_;
  std::unordered_map<std::string, ThreadSlot> threads_;
  std::unordered_map<std::string, std::vector<Prepared>> waiting_;  // by parent ref
  std::unordered_map<std::string, std::vector<Prepared>> placeholders_;  // deleted, by own ref
  std::size_t waiting_bytes_ = 0;
  std::unordered_set<std::string> skipped_refs_;
  std::int64_t next_free_id_ = 0;  // 0: the store picks
  bool settled_ = false;
};

}  // namespace sala::transfer
