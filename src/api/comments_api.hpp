#pragma once

#include "api/site_directory.hpp"
#include "api/thread_cache.hpp"
#include "api/thread_changes.hpp"
#include "core/work_pool.hpp"
#include "service/comment_service.hpp"
#include "service/post_challenge.hpp"
#include "service/post_throttle.hpp"
#include "service/reader_identity.hpp"
#include "service/reader_tokens.hpp"
#include "service/thread_reader.hpp"
#include "service/vote_service.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::api {

// Everything the public comment endpoints use; owned by the app.
struct CommentsApiDeps {
  store::Store& store;
  store::BatchWriter& writer;  // every write goes through group commit
  WorkPool& reads;            // cache misses read the database here, off the I/O threads
  service::CommentService& comments;
  service::ThreadReader& reader;
  service::VoteService& votes;
  service::ReaderIdentity& identity;
  ThreadCache& cache;
  ThreadChanges& changes;
  SiteDirectory& sites;
  service::PostThrottle& throttle;
  const Clock& clock;
  service::ReaderTokens& reader_tokens;  // the Sala-Reader header of verified readers
  service::PostChallenges& challenges;   // proof of work before posting, where the site asks for it
  bool email_sign_in = false;             // the server sends mail, so readers can sign in by e-mail
};

// The /api/v1 endpoints of API.md for reading and writing comments. Each
// handler parses, calls one service step and renders; no SQL, no rules.
class CommentsApi {
 public:
  explicit CommentsApi(CommentsApiDeps deps) : d_(deps) {}

  void list(web::Request request, web::Respond respond);
  void counts(web::Request request, web::Respond respond);
  // The thread's commented passages (GET /passages), for marking the article
  // without loading the thread.
  void passages(web::Request request, web::Respond respond);
  void post(web::Request request, web::Respond respond);
  void edit(web::Request request, web::Respond respond);
  void remove(web::Request request, web::Respond respond);
  void vote(web::Request request, web::Respond respond);
  void report(web::Request request, web::Respond respond);
  // A proof-of-work challenge for posting on a thread (GET /challenge).
  void challenge(web::Request request, web::Respond respond);
  // CORS preflight for every API path.
  void preflight(web::Request request, web::Respond respond);

  // Adds the routes above to `router`; bodies of posts and edits may be up
  // to `max_body_bytes`.
  void add_routes(web::Router& router, std::size_t max_body_bytes);

 private:
  // Sends `reply` with CORS headers for `request`'s origin.
  void answer(const web::Request& request, const web::Respond& respond, web::Reply reply);
  void fail(const web::Request& request, const web::Respond& respond, const Error& error);
  // Answers with cached bytes, or 304 when the reader has them already.
  void send_cached(const web::Request& request, const web::Respond& respond, const CachedPage& cached);

  CommentsApiDeps d_;
};

}  // namespace sala::api
