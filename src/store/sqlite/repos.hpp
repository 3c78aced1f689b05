#pragma once

#include "store/sqlite/access.hpp"
#include "store/store.hpp"

namespace sala::sqlite {

// One repository per aggregate, each implemented in its own file.

class SqliteSiteRepo final : public store::SiteRepo {
 public:
  explicit SqliteSiteRepo(Access& access) : access_(access) {}
  Result<void> add(const Site& site) override;
  Result<void> put(const Site& site) override;
  Result<std::optional<Site>> find(const SiteId& id) override;
  Result<std::vector<Site>> list() override;

 private:
  Access& access_;
};

class SqliteThreadRepo final : public store::ThreadRepo {
 public:
  explicit SqliteThreadRepo(Access& access) : access_(access) {}
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

class SqliteCommentRepo final : public store::CommentRepo {
 public:
  explicit SqliteCommentRepo(Access& access) : access_(access) {}
  Result<CommentId> insert(const NewComment& comment) override;
  Result<std::optional<Comment>> get(CommentId id) override;
  Result<std::string> edit_token_hash(CommentId id) override;
  Result<store::Page> page(const store::PageQuery& query) override;
  Result<void> update_body(CommentId id, const std::string& markdown, const std::string& html,
                           int renderer_version, Timestamp edited) override;
  Result<std::int64_t> child_count(CommentId id) override;
  Result<void> mark_deleted(CommentId id) override;
  Result<void> erase(CommentId id) override;
  Result<void> add_votes(CommentId id, std::int64_t up_delta, std::int64_t down_delta) override;

 private:
  Access& access_;
};

class SqliteVoteRepo final : public store::VoteRepo {
 public:
  explicit SqliteVoteRepo(Access& access) : access_(access) {}
  Result<int> get(CommentId comment, const std::string& voter) override;
  Result<void> put(CommentId comment, const std::string& voter, int value) override;

 private:
  Access& access_;
};

class SqliteReportRepo final : public store::ReportRepo {
 public:
  explicit SqliteReportRepo(Access& access) : access_(access) {}
  Result<void> add(const store::NewReport& report) override;

 private:
  Access& access_;
};

class SqliteSecretRepo final : public store::SecretRepo {
 public:
  explicit SqliteSecretRepo(Access& access) : access_(access) {}
  Result<std::string> get_or_put(const std::string& name, const std::string& candidate,
                                 Timestamp now) override;
  Result<void> erase_older(const std::string& prefix, Timestamp before) override;

 private:
  Access& access_;
};

class SqliteTransferRepo final : public store::TransferRepo {
 public:
  explicit SqliteTransferRepo(Access& access) : access_(access) {}
  Result<std::optional<CommentId>> find_imported(const SiteId& site, const std::string& source,
                                                 const std::string& ref) override;
  Result<void> remember_imported(const SiteId& site, const std::string& source,
                                 const std::string& ref, CommentId comment) override;
  Result<std::vector<Thread>> threads_after(const SiteId& site, ThreadId after, int limit) override;
  Result<std::vector<store::StoredComment>> comments_after(ThreadId thread, CommentId after,
                                                           int limit) override;

 private:
  Access& access_;
};

}  // namespace sala::sqlite
