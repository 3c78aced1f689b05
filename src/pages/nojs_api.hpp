#pragma once

#include <memory>
#include <string>

#include "api/thread_changes.hpp"
#include "service/post_throttle.hpp"
#include "core/clock.hpp"
#include "core/work_pool.hpp"
#include "pages/form_token.hpp"
#include "service/comment_service.hpp"
#include "service/reader_identity.hpp"
#include "service/thread_reader.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::pages {

struct NoJsDeps {
  store::Store& store;
  store::BatchWriter& writer;
  WorkPool& reads;
  service::CommentService& comments;
  service::ThreadReader& reader;
  service::ReaderIdentity& identity;
  api::ThreadChanges& changes;
  service::PostThrottle& throttle;
  const Clock& clock;
};

// A thread as a plain HTML page with a plain HTML form, for readers without
// JavaScript: GET /thread?site=S&thread=T and POST /thread/comment. Posting
// needs a token issued with the page to the same reader (no cookies).
class NoJsThread {
 public:
  // `form_key` signs the form tokens (a server secret).
  NoJsThread(NoJsDeps deps, std::string form_key) : d_(deps), tokens_(std::move(form_key)) {}

  void show(web::Request request, web::Respond respond);
  void post(web::Request request, web::Respond respond);
  void add_routes(web::Router& router, std::size_t max_body_bytes);

 private:
  struct Shown;
  // Reads the page on a reader thread and answers it with `status`.
  void render(web::Request request, web::Respond respond, std::shared_ptr<Shown> shown);

  NoJsDeps d_;
  FormTokens tokens_;
};

}  // namespace sala::pages
