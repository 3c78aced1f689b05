#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/moderation.hpp"
#include "domain/site.hpp"
#include "domain/thread_settings.hpp"

namespace sala::store {

struct QueueQuery {
  SiteId site;
  QueueKind kind = QueueKind::pending;
  std::optional<CommentId> before;  // keyset: older than this id
  int limit = 50;
};

// What moderators work with: the queue, comment states, bans, settings and
// the audit log.
class ModerationRepo {
 public:
  virtual ~ModerationRepo() = default;

  // Newest first. `reported`: approved comments with at least one report.
  [[nodiscard]] virtual Result<std::vector<QueueItem>> queue(const QueueQuery& query) = 0;
  // How many comments wait in each queue of the site.
  [[nodiscard]] virtual Result<std::int64_t> queue_size(const SiteId& site, QueueKind kind) = 0;
  // Sets the state only; counts and placeholders are the service's business.
  [[nodiscard]] virtual Result<void> set_state(CommentId id, CommentState state) = 0;
  [[nodiscard]] virtual Result<void> clear_reports(CommentId id) = 0;
  [[nodiscard]] virtual Result<AuthorKeys> author_keys(CommentId id) = 0;
  // Whether the site has an approved comment by this fingerprint or (when
  // not empty) this lower-cased email.
  [[nodiscard]] virtual Result<bool> is_known_author(const SiteId& site, const std::string& fingerprint,
                                                     const std::string& email) = 0;
  // Records a proof-of-work challenge as spent until `expires`, forgetting
  // those expired at `now`; false when it was spent already.
  [[nodiscard]] virtual Result<bool> spend_challenge(const std::string& tag, Timestamp expires, Timestamp now) = 0;

  // When this fingerprint last posted in the thread, if it did.
  [[nodiscard]] virtual Result<std::optional<Timestamp>> last_post_by(ThreadId thread,
                                                                      const std::string& fingerprint) = 0;

  // Verified readers' names, by confusable skeleton (text::name_skeleton):
  // records that `account` posts on the site under a name with this skeleton.
  [[nodiscard]] virtual Result<void> reserve_name(const SiteId& site, const std::string& account,
                                                  const std::string& skeleton, Timestamp now) = 0;
  // Whether a verified reader other than `except_account` posts under this skeleton.
  [[nodiscard]] virtual Result<bool> is_name_reserved(const SiteId& site, const std::string& skeleton,
                                                      const std::string& except_account) = 0;

  [[nodiscard]] virtual Result<std::int64_t> add_ban(const Ban& ban) = 0;
  // False when there was no such ban on the site.
  [[nodiscard]] virtual Result<bool> remove_ban(const SiteId& site, std::int64_t id) = 0;
  [[nodiscard]] virtual Result<std::vector<Ban>> bans(const SiteId& site, Timestamp now) = 0;
  // A ban in force at `now` on the site against this key.
  [[nodiscard]] virtual Result<std::optional<Ban>> active_ban(const SiteId& site, BanKind kind,
                                                              const std::string& value, Timestamp now) = 0;

  // The site's moderation settings and edit window (not its origins).
  [[nodiscard]] virtual Result<void> save_settings(const Site& site) = 0;
  // All unset for a thread that never chose its own.
  [[nodiscard]] virtual Result<ThreadSettings> thread_settings(ThreadId thread) = 0;
  [[nodiscard]] virtual Result<void> save_thread_settings(ThreadId thread, const ThreadSettings& settings) = 0;

  // Marks only: whether the comment may be pinned (approved, top-level) is
  // the service's business. Errc::not_found for an unknown comment.
  [[nodiscard]] virtual Result<void> set_pinned(CommentId id, bool pinned) = 0;
  [[nodiscard]] virtual Result<void> set_featured(CommentId id, bool featured) = 0;
  // The thread's approved pinned comments.
  [[nodiscard]] virtual Result<std::int64_t> pinned_count(ThreadId thread) = 0;
  // Empty lists for a site that has none.
  [[nodiscard]] virtual Result<WordLists> word_lists(const SiteId& site) = 0;
  // Replaces both lists.
  [[nodiscard]] virtual Result<void> set_word_lists(const SiteId& site, const WordLists& lists) = 0;

  // Teaches the site's spam filter that `comment`, made of `tokens`, is
  // `label`. Once per comment: teaching it again with the other label moves
  // it; with the same label changes nothing.
  [[nodiscard]] virtual Result<void> train_spam(const SiteId& site, CommentId comment,
                                                const std::vector<std::string>& tokens, SpamLabel label) = 0;
  // The filter's counts for these tokens.
  [[nodiscard]] virtual Result<SpamEvidence> spam_evidence(const SiteId& site,
                                                           const std::vector<std::string>& tokens) = 0;

  [[nodiscard]] virtual Result<std::int64_t> append_audit(const AuditEntry& entry) = 0;
  // Newest first; all sites when `site` is empty.
  [[nodiscard]] virtual Result<std::vector<AuditEntry>> audit(const std::optional<SiteId>& site,
                                                              std::optional<std::int64_t> before,
                                                              int limit) = 0;
};

}  // namespace sala::store
