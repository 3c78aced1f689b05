#pragma once

#include "api/site_directory.hpp"
#include "core/clock.hpp"
#include "core/rate_limiter.hpp"
#include "core/work_pool.hpp"
#include "service/reader_signins.hpp"
#include "service/reader_tokens.hpp"
#include "store/batch_writer.hpp"
#include "web/router.hpp"

namespace sala::api {

struct ReaderSigninApiDeps {
  store::Store& store;
  store::BatchWriter& writer;
  WorkPool& reads;
  service::ReaderSignins& signins;
  service::ReaderTokens& tokens;
  SiteDirectory& sites;
  const Clock& clock;
  bool enabled;  // the server sends mail
};

// Reader sign-in by e-mail (docs/api.md "Reader sign-in"):
//
//   POST /api/v1/readers/signin            ask for a link          -> 202
//   POST /api/v1/readers/signin/complete   spend the link's code   -> 200 {token, name, expires}
//   POST /api/v1/readers/signout           end the Sala-Reader token -> 204
class ReaderSigninApi {
 public:
  explicit ReaderSigninApi(ReaderSigninApiDeps deps) : d_(deps) {}

  void ask(web::Request request, web::Respond respond);
  void complete(web::Request request, web::Respond respond);
  void sign_out(web::Request request, web::Respond respond);
  void preflight(web::Request request, web::Respond respond);
  void add_routes(web::Router& router);

 private:
  void answer(const web::Request& request, const web::Respond& respond, web::Reply reply);
  void fail(const web::Request& request, const web::Respond& respond, const Error& error);
  // 429 when the client address asked too often, else nothing.
  [[nodiscard]] Result<void> admit(RateLimiter& limiter, const web::Request& request);

  ReaderSigninApiDeps d_;
  // Per client address, in memory: mails are the costly part (and the
  // store allows one per account a minute); codes are 192 random bits, so
  // the second limit only keeps a broken client from hammering.
  RateLimiter asks_{10, std::chrono::hours(1)};
  RateLimiter completions_{30, std::chrono::hours(1)};
};

}  // namespace sala::api
