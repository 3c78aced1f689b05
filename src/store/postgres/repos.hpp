#pragma once

#include "store/postgres/access.hpp"
#include "store/store.hpp"

namespace sala::pg {

// One repository per aggregate, each implemented in its own file.

class PgSiteRepo final : public store::SiteRepo {
 public:
  explicit PgSiteRepo(Access& access) : access_(access) {}
  Result<void> add(const Site& site) override;
  Result<void> put(const Site& site) override;
  Result<std::optional<Site>> find(const SiteId& id) override;
  Result<std::vector<Site>> list() override;

 private:
  Access& access_;
};

class PgThreadRepo final : public store::ThreadRepo {
 public:
  explicit PgThreadRepo(Access& access) : access_(access) {}
  Result<std::optional<Thread>> find(const SiteId& site, const std::string& key) override;
  Result<std::optional<Thread>> get(ThreadId id) override;
  Result<Thread> find_or_create(const NewThread& thread) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> counts(
      const SiteId& site, const std::vector<std::string>& keys) override;
  Result<void> add_to_count(ThreadId id, std::int64_t delta, std::optional<Timestamp> at) override;
  Result<void> set_closed(ThreadId id, bool is_closed) override;
  Result<std::vector<ThreadActivity>> most_discussed(const SiteId& site, Timestamp since,
                                                     int limit) override;

 private:
  Access& access_;
};

class PgCommentRepo final : public store::CommentRepo {
 public:
  explicit PgCommentRepo(Access& access) : access_(access) {}
  Result<CommentId> insert(const NewComment& comment) override;
  Result<std::optional<Comment>> get(CommentId id) override;
  Result<std::string> edit_token_hash(CommentId id) override;
  Result<store::Page> page(const store::PageQuery& query) override;
  Result<std::vector<AnchoredComment>> anchored(ThreadId thread, int limit) override;
  Result<void> update_body(CommentId id, const std::string& markdown, const std::string& html,
                           int renderer_version, Timestamp edited) override;
  Result<std::int64_t> child_count(CommentId id) override;
  Result<void> mark_deleted(CommentId id) override;
  Result<void> erase(CommentId id) override;
  Result<void> add_votes(CommentId id, std::int64_t up_delta, std::int64_t down_delta) override;

 private:
  Access& access_;
};

class PgVoteRepo final : public store::VoteRepo {
 public:
  explicit PgVoteRepo(Access& access) : access_(access) {}
  Result<int> get(CommentId comment, const std::string& voter) override;
  Result<int> put(CommentId comment, const std::string& voter, int value) override;

 private:
  Access& access_;
};

class PgReportRepo final : public store::ReportRepo {
 public:
  explicit PgReportRepo(Access& access) : access_(access) {}
  Result<void> add(const store::NewReport& report) override;

 private:
  Access& access_;
};

class PgAccountRepo final : public store::AccountRepo {
 public:
  explicit PgAccountRepo(Access& access) : access_(access) {}
  Result<AccountId> add(const NewAccount& account) override;
  Result<std::optional<store::StoredAccount>> find_by_name(const std::string& name) override;
  Result<std::optional<Account>> get(AccountId id) override;
  Result<std::vector<Account>> list() override;
  Result<void> set_password(AccountId id, const std::string& password_hash, Timestamp at) override;
  Result<void> set_alert_email(AccountId id, const std::string& email) override;
  Result<void> add_session(const Session& session) override;
  Result<std::optional<Session>> find_session(const std::string& token_digest, Timestamp now) override;
  Result<void> remove_session(const std::string& token_digest) override;

 private:
  Access& access_;
};

class PgModerationRepo final : public store::ModerationRepo {
 public:
  explicit PgModerationRepo(Access& access) : access_(access) {}
  Result<std::vector<QueueItem>> queue(const store::QueueQuery& query) override;
  Result<std::int64_t> queue_size(const SiteId& site, QueueKind kind) override;
  Result<void> set_state(CommentId id, CommentState state) override;
  Result<void> clear_reports(CommentId id) override;
  Result<AuthorKeys> author_keys(CommentId id) override;
  Result<void> reserve_name(const SiteId& site, const std::string& account, const std::string& skeleton,
                            Timestamp now) override;
  Result<bool> is_name_reserved(const SiteId& site, const std::string& skeleton,
                                const std::string& except_account) override;
  Result<bool> is_known_author(const SiteId& site, const std::string& fingerprint,
                               const std::string& email) override;
  Result<std::optional<Timestamp>> last_post_by(ThreadId thread, const std::string& fingerprint) override;
  Result<bool> spend_challenge(const std::string& tag, Timestamp expires, Timestamp now) override;
  Result<std::int64_t> add_ban(const Ban& ban) override;
  Result<bool> remove_ban(const SiteId& site, std::int64_t id) override;
  Result<std::vector<Ban>> bans(const SiteId& site, Timestamp now) override;
  Result<std::optional<Ban>> active_ban(const SiteId& site, BanKind kind, const std::string& value,
                                        Timestamp now) override;
  Result<void> save_settings(const Site& site) override;
  Result<ThreadSettings> thread_settings(ThreadId thread) override;
  Result<void> save_thread_settings(ThreadId thread, const ThreadSettings& settings) override;
  Result<void> set_pinned(CommentId id, bool pinned) override;
  Result<void> set_featured(CommentId id, bool featured) override;
  Result<std::int64_t> pinned_count(ThreadId thread) override;
  Result<WordLists> word_lists(const SiteId& site) override;
  Result<void> set_word_lists(const SiteId& site, const WordLists& lists) override;
  Result<void> train_spam(const SiteId& site, CommentId comment, const std::vector<std::string>& tokens,
                          SpamLabel label) override;
  Result<SpamEvidence> spam_evidence(const SiteId& site, const std::vector<std::string>& tokens) override;
  Result<std::int64_t> append_audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> audit(const std::optional<SiteId>& site,
                                        std::optional<std::int64_t> before, int limit) override;

 private:
  Access& access_;
};

class PgSecretRepo final : public store::SecretRepo {
 public:
  explicit PgSecretRepo(Access& access) : access_(access) {}
  Result<std::string> get_or_put(const std::string& name, const std::string& candidate,
                                 Timestamp now) override;
  Result<void> put(const std::string& name, const std::string& value, Timestamp now) override;
  Result<std::optional<std::string>> find(const std::string& name) override;
  Result<void> erase_older(const std::string& prefix, Timestamp before) override;

 private:
  Access& access_;
};

class PgFeedRepo final : public store::FeedRepo {
 public:
  explicit PgFeedRepo(Access& access) : access_(access) {}
  Result<std::vector<store::FeedEntry>> recent(const SiteId& site,
                                               const std::optional<std::string>& thread_key,
                                               int limit) override;

 private:
  Access& access_;
};

class PgSubscriptionRepo final : public store::SubscriptionRepo {
 public:
  explicit PgSubscriptionRepo(Access& access) : access_(access) {}
  Result<RecipientId> recipient(const std::string& email, Timestamp now) override;
  Result<SubscriptionId> add(const NewSubscription& subscription) override;
  Result<bool> claim_confirmation(RecipientId recipient, Timestamp now, Timestamp not_before) override;
  Result<std::optional<std::string>> email(RecipientId recipient) override;
  Result<int> confirm(RecipientId recipient, Timestamp created_by) override;
  Result<std::vector<SubscriptionView>> list(RecipientId recipient) override;
  Result<std::vector<SubscriptionView>> pending(RecipientId recipient, Timestamp created_by) override;
  Result<bool> remove(RecipientId recipient, SubscriptionId id) override;
  Result<void> remove_all(RecipientId recipient) override;
  Result<bool> set_delivery(RecipientId recipient, SubscriptionId id, Delivery delivery) override;
  Result<bool> erase_if_unused(RecipientId recipient) override;
  Result<std::vector<SubscriptionMatch>> matching(const Comment& comment) override;
  Result<void> add_token(const MailToken& token) override;
  Result<std::optional<MailToken>> find_token(const std::string& digest, TokenPurpose purpose,
                                              Timestamp now) override;
  Result<void> erase_token(const std::string& digest) override;
  Result<void> erase_expired_tokens(Timestamp now) override;

 private:
  Access& access_;
};

class PgOutboxRepo final : public store::OutboxRepo {
 public:
  explicit PgOutboxRepo(Access& access) : access_(access) {}
  Result<void> add_event(NotifyEventKind kind, std::int64_t subject, Timestamp now) override;
  Result<std::vector<NotifyEvent>> events(NotifyEventKind kind, int limit) override;
  Result<bool> take_event(std::int64_t id) override;
  Result<void> queue(const NewMail& mail) override;
  Result<std::int64_t> count_logged(const std::optional<RecipientId>& recipient,
                                    const std::optional<SiteId>& site,
                                    const std::optional<MailKind>& kind, Timestamp since) override;
  Result<void> prune_log(Timestamp before) override;
  Result<std::vector<QueuedMail>> claim(Timestamp now, Timestamp lease_until, int limit) override;
  Result<void> sent(std::int64_t id) override;
  Result<void> failed(std::int64_t id, Timestamp retry_at, const std::string& error) override;
  Result<std::int64_t> queued() override;

 private:
  Access& access_;
};

class PgTransferRepo final : public store::TransferRepo {
 public:
  explicit PgTransferRepo(Access& access) : access_(access) {}
  Result<std::optional<CommentId>> find_imported(const SiteId& site, const std::string& source,
                                                 const std::string& ref) override;
  Result<void> remember_imported(const SiteId& site, const std::string& source,
                                 const std::string& ref, CommentId comment) override;
  Result<std::vector<Thread>> threads_after(const SiteId& site, ThreadId after, int limit) override;
  Result<std::vector<store::StoredComment>> comments_after(ThreadId thread, CommentId after,
                                                           int limit) override;
  Result<std::vector<store::StoredSubscription>> subscriptions_after(const SiteId& site,
                                                                     SubscriptionId after,
                                                                     int limit) override;
  Result<bool> restore_subscription(const NewSubscription& subscription, Delivery delivery) override;

 private:
  Access& access_;
};

class PgDigestRepo final : public store::DigestRepo {
 public:
  explicit PgDigestRepo(Access& access) : access_(access) {}
  Result<void> add(SubscriptionId subscription, CommentId comment, Timestamp now,
                   std::chrono::milliseconds period) override;
  Result<std::vector<DueDigest>> due(Timestamp now, int limit) override;
  Result<std::vector<CommentId>> comments(SubscriptionId subscription, Timestamp now) override;
  Result<void> erase(SubscriptionId subscription, Timestamp now) override;

 private:
  Access& access_;
};

class PgReaderDataRepo final : public store::ReaderDataRepo {
 public:
  explicit PgReaderDataRepo(Access& access) : access_(access) {}
  Result<bool> put_link(const ReaderDataLink& link, Timestamp not_before) override;
  Result<std::optional<ReaderDataLink>> find_link(const std::string& digest, Timestamp now) override;
  Result<bool> mark_downloaded(const std::string& digest) override;
  Result<void> erase_link(const std::string& email) override;
  Result<void> erase_expired_links(Timestamp now) override;
  Result<bool> has_data(const std::string& email, const std::string& account) override;
  Result<std::vector<ReaderComment>> comments(const std::string& email, const std::string& account) override;
  Result<std::vector<SubscriptionView>> subscriptions(const std::string& email) override;
  Result<void> forget_author(CommentId comment, const std::string& label,
                             const std::string& avatar) override;
  Result<int> erase_subscriber(const std::string& email) override;
  Result<void> erase_account(const std::string& account) override;

 private:
  Access& access_;
};

class PgReaderSigninRepo final : public store::ReaderSigninRepo {
 public:
  explicit PgReaderSigninRepo(Access& access) : access_(access) {}
  Result<bool> put(const ReaderSignin& signin, Timestamp not_before) override;
  Result<std::optional<ReaderSignin>> find(const std::string& digest, Timestamp now) override;
  Result<bool> consume(const std::string& digest) override;
  Result<void> erase_expired(Timestamp now) override;
  Result<void> revoke(const std::string& token_digest, Timestamp expires) override;
  Result<bool> is_revoked(const std::string& token_digest) override;

 private:
  Access& access_;
};

}  // namespace sala::pg
