#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/comment.hpp"
#include "domain/notification.hpp"
#include "domain/thread_settings.hpp"

namespace sala::transfer {

// A thread as a source file describes it, mapped to Sala's terms but not yet
// validated. `ref` is the source's own id, which comments point at.
struct SourceThread {
  std::string ref;
  std::string key;
  std::string url;
  std::string title;
  std::optional<Timestamp> created;
  bool closed = false;
  ThreadSettings settings;  // Sala's own exports: what the thread chose over its site's settings
};

// A comment as a source file describes it, its body already converted to
// Markdown, not yet validated. `ref` names it uniquely within its source.
struct SourceComment {
  std::string ref;
  std::string thread_ref;
  std::optional<std::string> parent_ref;
  std::optional<CommentId> keep_id;  // Sala's own exports: the id to keep when it is free
  std::string author;
  std::string email;
  std::string avatar;        // Sala's own exports
  bool keep_avatar = false;  // true: `avatar` as given (may be empty); false: drawn from the name
  std::string body_markdown;
  CommentState state = CommentState::approved;
  Timestamp created;
  std::optional<Timestamp> edited;
  std::int64_t upvotes = 0;
  std::int64_t downvotes = 0;
  std::optional<Anchor> anchor;
  // Sala's own exports: a moderator's marks, and the verified reader who wrote it.
  bool pinned = false;
  bool featured = false;
  std::string badge;
  std::string account;
};

// A confirmed e-mail subscription from a Sala export, not yet validated.
// `comment_ref` names a comment of the same file (replies to it only).
// Only Sala's own exports carry subscriptions, and after every comment.
struct SourceSubscription {
  std::uint64_t line = 0;  // where the file has it, for errors
  std::string email;
  std::string thread_ref;
  SubscriptionKind kind = SubscriptionKind::thread;
  std::optional<std::string> comment_ref;
  Delivery delivery = Delivery::each;
  Timestamp created;
};

// What an import did. Reasons are short fixed phrases, never text from the file.
struct ImportSummary {
  bool site_created = false;  // Sala's own exports create their site when it is missing
  std::int64_t threads_created = 0;
  std::int64_t threads_updated = 0;  // existing threads that received comments or subscriptions
  std::int64_t comments = 0;         // comments added
  std::int64_t already_imported = 0;
  std::int64_t renumbered = 0;       // kept ids that were taken, so the comment got a new one
  std::int64_t subscriptions = 0;    // subscriptions added
  std::int64_t subscriptions_already = 0;  // the same subscription was there already
  std::map<std::string, std::int64_t> skipped;  // reason -> count
  std::map<std::string, std::int64_t> notes;    // changes made to keep a comment, reason -> count

  void skip(const std::string& reason) { ++skipped[reason]; }
  void note(const std::string& what) { ++notes[what]; }
  std::int64_t skipped_total() const {
    std::int64_t n = 0;
    for (const auto& [reason, count] : skipped) n += count;
    return n;
  }
};

// Where a reader hands what it finds. Readers call it from one thread, in
// file order; a call's error (the import is being abandoned) must stop them.
class CommentSink {
 public:
  virtual ~CommentSink() = default;
  // Declares a thread that comments refer to by `thread.ref`.
  [[nodiscard]] virtual Result<void> thread(const SourceThread& thread) = 0;
  [[nodiscard]] virtual Result<void> comment(SourceComment comment) = 0;
  // A subscription, which comes after every thread and comment of its file.
  [[nodiscard]] virtual Result<void> subscription(SourceSubscription subscription) = 0;
  // A comment the reader left out (a pingback, no date...): counted under
  // `reason`; its replies are then skipped as replies to a skipped comment.
  // `ref` may be empty.
  [[nodiscard]] virtual Result<void> skipped(const std::string& ref, const std::string& reason) = 0;
  // A change the reader made to keep a comment, counted in the summary.
  [[nodiscard]] virtual Result<void> note(const std::string& what) = 0;
};

// Called now and then with how far through its input a reader is.
using Progress = std::function<void(std::uint64_t done_bytes, std::uint64_t total_bytes)>;

}  // namespace sala::transfer
