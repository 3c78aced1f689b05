#pragma once

#include "store/postgres/access.hpp"
#include "store/postgres/repos.hpp"
#include "store/store.hpp"

namespace sala::pg {

// The repositories of one Store, all reaching connections through one Access.
struct RepoSet {
  explicit RepoSet(Access& a)
      : sites(a), threads(a), comments(a), votes(a), reports(a), secrets(a), accounts(a),
        moderation(a), feeds(a), subscriptions(a), outbox(a), transfers(a), digests(a), reader_data(a),
        reader_signins(a) {}
  PgSiteRepo sites;
  PgThreadRepo threads;
  PgCommentRepo comments;
  PgVoteRepo votes;
  PgReportRepo reports;
  PgSecretRepo secrets;
  PgAccountRepo accounts;
  PgModerationRepo moderation;
  PgFeedRepo feeds;
  PgSubscriptionRepo subscriptions;
  PgOutboxRepo outbox;
  PgTransferRepo transfers;
  PgDigestRepo digests;
  PgReaderDataRepo reader_data;
  PgReaderSigninRepo reader_signins;
};

// What the backend's Stores (top level, a transaction's, a replica's) share:
// the repositories. They differ in how their Access lends connections and
// in the Store methods beyond the repositories.
class RepoStore : public store::Store {
 public:
  explicit RepoStore(Access& access) : repos_(access) {}

  store::SiteRepo& sites() override { return repos_.sites; }
  store::ThreadRepo& threads() override { return repos_.threads; }
  store::CommentRepo& comments() override { return repos_.comments; }
  store::VoteRepo& votes() override { return repos_.votes; }
  store::ReportRepo& reports() override { return repos_.reports; }
  store::SecretRepo& secrets() override { return repos_.secrets; }
  store::AccountRepo& accounts() override { return repos_.accounts; }
  store::ModerationRepo& moderation() override { return repos_.moderation; }
  store::FeedRepo& feeds() override { return repos_.feeds; }
  store::SubscriptionRepo& subscriptions() override { return repos_.subscriptions; }
  store::OutboxRepo& outbox() override { return repos_.outbox; }
  store::TransferRepo& transfers() override { return repos_.transfers; }
  store::DigestRepo& digests() override { return repos_.digests; }
  store::ReaderDataRepo& reader_data() override { return repos_.reader_data; }
  store::ReaderSigninRepo& reader_signins() override { return repos_.reader_signins; }

 private:
  RepoSet repos_;
};

}  // namespace sala::pg
