#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/notify_outbox.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/account.hpp"
#include "domain/moderation.hpp"
#include "domain/site.hpp"
#include "domain/thread.hpp"
#include "domain/thread_settings.hpp"
#include "store/store.hpp"

namespace sala::service {

// A moderator's decision as it changed the thread.
struct Judged {
  std::optional<Comment> comment;  // none when a delete erased it
  Thread thread;
  bool became_public = false;  // now to be shown live and counted
};

struct BanRequest {
  SiteId site;
  std::optional<CommentId> comment;  // ban whoever wrote it (fingerprint and email)
  std::string email;                 // or an address directly
  std::optional<std::int64_t> days;  // none: for good
  std::string reason;
};

struct SiteSettings {
  SiteId site;
  bool premoderate = false;
  bool premoderate_links = false;
  bool premoderate_first = false;
  std::int64_t slow_mode_seconds = 0;
  std::optional<std::int64_t> edit_window_seconds;  // none: the server's default
  ChallengeMode challenge = ChallengeMode::off;
  bool anonymous = true;
};

// A moderator's mark on one comment.
enum class CommentMark { pinned, featured };

// A comment with its thread; after a moderator marked it, the thread's pages are stale.
struct Marked {
  Comment comment;
  Thread thread;
};

// A thread's own settings and what they come to over the site's.
struct ThreadModeration {
  Thread thread;
  ThreadSettings own;
  Site effective;
};

// At most this many pinned comments per thread: each one pushes the discussion down.
inline constexpr std::int64_t kMaxPinnedPerThread = 3;

// What moderators may do, with who may do it and the audit log. Every change
// is written to the log in the same transaction, with the reason given.
// Blocking; thread-safe. The `tx` calls belong in a write transaction.
class ModerationService {
 public:
  // With `outbox`, approving a held comment queues its notifications.
  explicit ModerationService(const Clock& clock, const NotifyOutbox* outbox = nullptr)
      : clock_(clock), outbox_(outbox) {}

  [[nodiscard]] Result<std::vector<QueueItem>> queue(store::Store& store, const Account& who,
                                                     const store::QueueQuery& query) const;
  [[nodiscard]] Result<std::int64_t> queue_size(store::Store& store, const Account& who,
                                                const SiteId& site, QueueKind kind) const;
  [[nodiscard]] Result<Judged> judge(store::Store& tx, const Account& who, CommentId id,
                                     Verdict verdict, const std::string& reason) const;
  [[nodiscard]] Result<Thread> set_closed(store::Store& tx, const Account& who, const SiteId& site,
                                          const std::string& thread_key, bool is_closed,
                                          const std::string& reason) const;
  [[nodiscard]] Result<std::vector<Ban>> ban(store::Store& tx, const Account& who,
                                             const BanRequest& request) const;
  [[nodiscard]] Result<void> unban(store::Store& tx, const Account& who, const SiteId& site,
                                   std::int64_t ban_id, const std::string& reason) const;
  [[nodiscard]] Result<std::vector<Ban>> bans(store::Store& store, const Account& who,
                                              const SiteId& site) const;
  [[nodiscard]] Result<Site> settings(store::Store& store, const Account& who, const SiteId& site) const;
  [[nodiscard]] Result<Site> change_settings(store::Store& tx, const Account& who,
                                             const SiteSettings& settings, const std::string& reason) const;
  // Pins or unpins (approved top-level comments only, kMaxPinnedPerThread a
  // thread), features or unfeatures (approved comments only).
  [[nodiscard]] Result<Marked> mark(store::Store& tx, const Account& who, CommentId id, CommentMark mark,
                                    bool on, const std::string& reason) const;
  [[nodiscard]] Result<ThreadModeration> thread_settings(store::Store& store, const Account& who,
                                                         const SiteId& site, const std::string& thread_key) const;
  [[nodiscard]] Result<ThreadModeration> change_thread_settings(store::Store& tx, const Account& who,
                                                                const SiteId& site,
                                                                const std::string& thread_key,
                                                                const ThreadSettings& settings,
                                                                const std::string& reason) const;
  [[nodiscard]] Result<WordLists> word_lists(store::Store& store, const Account& who, const SiteId& site) const;
  // Each entry: one line of up to 100 characters that has at least one word; 500 per list.
  [[nodiscard]] Result<WordLists> set_word_lists(store::Store& tx, const Account& who, const SiteId& site,
                                                 const WordLists& lists, const std::string& reason) const;
  // Admins only: the whole log, or one site's.
  [[nodiscard]] Result<std::vector<AuditEntry>> audit(store::Store& store, const Account& who,
                                                      const std::optional<SiteId>& site,
                                                      std::optional<std::int64_t> before, int limit) const;

 private:
  [[nodiscard]] Result<void> record(store::Store& tx, const Account& who, const SiteId& site,
                                    std::string action, std::string target, const std::string& reason) const;

  const Clock& clock_;
  const NotifyOutbox* outbox_;
};

// A moderator's reason for the log: one line of at most 500 characters.
[[nodiscard]] Result<std::string> clean_reason(const std::string& reason);

// Refused (403 not_your_site) unless `who` may moderate `site`.
[[nodiscard]] Result<void> require_site(const Account& who, const SiteId& site);

// The comment (not deleted) with its thread, if `who` moderates its site.
[[nodiscard]] Result<Marked> comment_to_moderate(store::Store& tx, const Account& who, CommentId id);

}  // namespace sala::service
