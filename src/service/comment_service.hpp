#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/reader.hpp"
#include "domain/thread.hpp"
#include "service/comment_policy.hpp"
#include "service/notify_outbox.hpp"
#include "service/post_challenge.hpp"
#include "service/reader_identity.hpp"
#include "service/subscription_service.hpp"
#include "service/staff_names.hpp"
#include "store/store.hpp"

namespace sala::service {

// What a reader sends to post a comment, still unchecked.
struct PostInput {
  SiteId site;
  std::string thread_key;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<CommentId> parent;
  std::string author;
  std::optional<std::string> email;
  std::string body;
  std::optional<Anchor> anchor;
  // "replies" or "thread": also subscribe `email` to this (double opt-in).
  std::optional<std::string> notify;
  std::string fingerprint;  // the reader's keyed daily hash (ReaderIdentity); empty for none
  // What the hidden honeypot field held (see honeypot.hpp); people leave it empty.
  std::string honeypot;
  // Set when the post carried a valid reader token: the comment takes the
  // reader's name and badge, and their account answers for it.
  std::optional<VerifiedReader> reader;
  // A solved proof-of-work challenge, for sites that ask for one (PostChallenges).
  std::optional<ChallengeAnswer> pow;
  // The challenge PostChallenges::admit took for this post, recorded with it.
  std::optional<SpentChallenge> spent_challenge;
};

// A post that passed every check that needs no database: cleaned text, the
// rendered HTML and a fresh edit token.
struct PostDraft {
  SiteId site;
  std::string thread_key;
  std::string url;
  std::string title;
  std::optional<CommentId> parent;
  std::string author;
  std::string email;
  std::string avatar;
  std::string body_markdown;
  std::string body_html;
  std::optional<Anchor> anchor;
  std::string edit_token;
  std::optional<SubscriptionKind> notify;
  std::string fingerprint;
  bool is_honeypot = false;  // answer as if held, store nothing
  std::string author_account;  // a verified reader's; empty for anonymous authors
  std::string author_badge;
  std::optional<SpentChallenge> spent_challenge;
};

struct Posted {
  Comment comment;
  Thread thread;
  std::string edit_token;
};

struct EditDraft {
  CommentId id;
  std::string edit_token;
  std::string body_markdown;
  std::string body_html;
};

// A comment as changed by its author, with the thread it belongs to (whose
// cached pages are now stale).
struct Changed {
  std::optional<Comment> comment;  // none after a delete that erased it
  Thread thread;
};

// Posting, editing and deleting comments. The prepare_* steps validate and
// render outside any transaction; the commit_* steps run inside one (usually
// a BatchWriter job) and are short. Thread-safe; blocking.
class CommentService {
 public:
  // Without `outbox` and `subscriptions`, posting causes no notification
  // and a `notify` request is refused.
  CommentService(const Clock& clock, ReaderIdentity& identity, CommentPolicy policy,
                 const NotifyOutbox* outbox = nullptr,
                 const SubscriptionService* subscriptions = nullptr)
      : clock_(clock), identity_(identity), policy_(policy), outbox_(outbox),
        subscriptions_(subscriptions), staff_names_(clock) {}

  // `store` is the top-level store (for the avatar key).
  [[nodiscard]] Result<PostDraft> prepare_post(store::Store& store, const PostInput& input) const;
  [[nodiscard]] Result<Posted> commit_post(store::Store& tx, const PostDraft& draft) const;

  [[nodiscard]] Result<EditDraft> prepare_edit(CommentId id, std::string_view body,
                                               std::string_view edit_token) const;
  [[nodiscard]] Result<Changed> commit_edit(store::Store& tx, const EditDraft& draft) const;

  [[nodiscard]] Result<Changed> remove(store::Store& tx, CommentId id,
                                       std::string_view edit_token) const;

  const CommentPolicy& policy() const { return policy_; }

 private:
  // The site's edit window, or the server's when the site has none of its own.
  [[nodiscard]] Result<std::chrono::milliseconds> edit_window(store::Store& tx, ThreadId thread) const;
  // The comment, if it exists, its author holds `edit_token` and the edit window is open.
  [[nodiscard]] Result<Comment> authorize_change(store::Store& tx, CommentId id,
                                                 std::string_view edit_token) const;

  const Clock& clock_;
  ReaderIdentity& identity_;
  CommentPolicy policy_;
  const NotifyOutbox* outbox_;
  const SubscriptionService* subscriptions_;
  mutable StaffNames staff_names_;
};

}  // namespace sala::service
