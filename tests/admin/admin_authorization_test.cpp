// Who may call each /admin/api route, walked from AdminApi::routes(): a route
// added to the table without a sample here fails the suite, so none can be
// forgotten. Every route is called as nobody, with a forged session, without
// the CSRF token, from another origin, as the moderator of another site, and
// as an admin.
#include <future>
#include <map>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "admin/admin_api.hpp"
#include "api/live_events.hpp"
#include "api/thread_cache.hpp"
#include "api/thread_changes.hpp"
#include "core/event_hub.hpp"
#include "crypto/crypto.hpp"
#include "store/sqlite/open_store.hpp"
#include "support/temp_dir.hpp"

namespace sala::admin {
namespace {

struct Sample {
  std::string target;  // path and query
  std::string body;    // JSON, or empty
  bool site_scoped;    // a moderator of another site must be refused
};

// One realistic request per route. {comment} stands for a pending comment,
// {approved} for a published top-level one.
const std::map<std::pair<web::Method, std::string>, Sample>& samples() {
  using M = web::Method;
  static const std::map<std::pair<M, std::string>, Sample> kSamples{
      {{M::post, "/admin/api/session"}, {"/admin/api/session", R"({"name":"Root","password":"root password 1"})", false}},
      {{M::del, "/admin/api/session"}, {"/admin/api/session", "", false}},
      {{M::get, "/admin/api/me"}, {"/admin/api/me", "", false}},
      {{M::get, "/admin/api/queue"}, {"/admin/api/queue?site=news&kind=pending", "", true}},
      {{M::post, "/admin/api/comments/{id}/judge"}, {"/admin/api/comments/{comment}/judge", R"({"verdict":"approve"})", true}},
      {{M::post, "/admin/api/comments/{id}/pin"}, {"/admin/api/comments/{approved}/pin", R"({"pinned":true})", true}},
      {{M::post, "/admin/api/comments/{id}/feature"}, {"/admin/api/comments/{approved}/feature", R"({"featured":true,"reason":"fine"})", true}},
      {{M::get, "/admin/api/threads/settings"}, {"/admin/api/threads/settings?site=news&thread=/a", "", true}},
      {{M::put, "/admin/api/threads/settings"}, {"/admin/api/threads/settings", R"({"site":"news","thread":"/a","premoderate":true,"slow_mode_seconds":null})", true}},
      {{M::post, "/admin/api/threads/close"}, {"/admin/api/threads/close", R"({"site":"news","thread":"/a","closed":true})", true}},
      {{M::get, "/admin/api/bans"}, {"/admin/api/bans?site=news", "", true}},
      {{M::post, "/admin/api/bans"}, {"/admin/api/bans", R"({"site":"news","email":"troll@example.org","reason":"abuse"})", true}},
      {{M::post, "/admin/api/bans/{id}/lift"}, {"/admin/api/bans/{ban}/lift", R"({"site":"news"})", true}},
      {{M::get, "/admin/api/settings"}, {"/admin/api/settings?site=news", "", true}},
      {{M::put, "/admin/api/settings"}, {"/admin/api/settings", R"({"site":"news","slow_mode_seconds":10,"challenge":"attack"})", true}},
      {{M::get, "/admin/api/audit"}, {"/admin/api/audit", "", true}},
      {{M::get, "/admin/api/words"}, {"/admin/api/words?site=news", "", true}},
      {{M::put, "/admin/api/words"}, {"/admin/api/words", R"({"site":"news","banned":["free money"],"suspect":["crypto"]})", true}},
      {{M::get, "/admin/api/events"}, {"/admin/api/events?site=news", "", true}},
  };
  return kSamples;
}

void replace(std::string& text, const std::string& what, const std::string& with) {
  if (auto at = text.find(what); at != std::string::npos) text.replace(at, what.size(), with);
}

class AdminAuthorizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    auto opened = sqlite::open_store({.path = dir_.file("a.db")});
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    for (const char* site : {"news", "other"}) {
      ASSERT_TRUE(store_->sites().add({SiteId{site}, {std::string("https://") + site + ".example"}, false, {1}}));
    }
    writer_ = std::make_unique<store::BatchWriter>(*store_);
    api_ = std::make_unique<AdminApi>(
        AdminDeps{*store_, *writer_, reads_, accounts_, moderation_, changes_, live_, clock_});
    api_->add_routes(router_);

    ASSERT_TRUE(accounts_.add(*store_, "Root", "root password 1", Role::admin, {}));
    ASSERT_TRUE(accounts_.add(*store_, "Far", "far password 12", Role::moderator, {SiteId{"other"}}));
    root_ = accounts_.sign_in(*store_, "Root", "root password 1").value();
    far_ = accounts_.sign_in(*store_, "Far", "far password 12").value();
  }

  void TearDown() override { writer_->stop(); }

  // A fresh pending comment and ban for each call, so one call's change
  // cannot make the next one's answer (404) hide an authorization failure.
  std::string target_for(const Sample& sample) {
    std::string target = sample.target;
    auto t = store_->threads().find_or_create({SiteId{"news"}, "/a", "", "", clock_.now()}).value();
    NewComment n;
    n.thread = t.id;
    n.author_name = "Reader";
    n.body_markdown = "x";
    n.body_html = "<p>x</p>";
    n.renderer_version = 1;
    n.state = CommentState::pending;
    n.created = clock_.now();
    n.author_email = "reader@example.org";
    replace(target, "{comment}", std::to_string(store_->comments().insert(n).value().value));
    n.state = CommentState::approved;
    replace(target, "{approved}", std::to_string(store_->comments().insert(n).value().value));
    const auto ban = store_->moderation().add_ban(
        {0, SiteId{"news"}, BanKind::email, "x@example.org", std::nullopt, "", AccountId{1}, clock_.now()});
    replace(target, "{ban}", std::to_string(ban.value()));
    return target;
  }

  struct Answer {
    int status = 0;
    std::string code;
  };

  Answer call(const AdminApi::Route& route, const Sample& sample, const std::string& cookie, const std::string& csrf,
              const std::string& origin = "") {
    web::Request request;
    request.method = route.method;
    request.target = target_for(sample);
    const auto q = request.target.find('?');
    request.path = request.target.substr(0, q);
    if (q != std::string::npos) {
      std::string query = request.target.substr(q + 1);
      while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        request.query.emplace_back(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
        query = amp == std::string::npos ? "" : query.substr(amp + 1);
      }
    }
    request.headers.push_back({"host", "127.0.0.1:8080"});
    if (!sample.body.empty()) request.headers.push_back({"content-type", "application/json"});
    if (!cookie.empty()) request.headers.push_back({"cookie", "sala_session=" + cookie});
    if (!csrf.empty()) request.headers.push_back({"x-csrf-token", csrf});
    if (!origin.empty()) request.headers.push_back({"origin", origin});
    request.body = sample.body;
    request.client_address = "192.0.2.1";
    auto promise = std::make_shared<std::promise<web::Reply>>();
    auto answered = promise->get_future();
    router_.dispatch(std::move(request), [promise](web::Reply reply) { promise->set_value(std::move(reply)); });
    if (answered.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return {-1, "no answer"};
    web::Reply reply = answered.get();
    Answer out{reply.status, ""};
    if (reply.stream) {
      reply.stream->end();
      return out;
    }
    if (!reply.body.empty() && reply.body.front() == '{') {
      auto json = boost::json::parse(reply.body);
      if (auto* error = json.as_object().if_contains("error")) out.code = error->at("code").as_string().c_str();
    }
    return out;
  }

  test::TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BatchWriter> writer_;
  WorkPool reads_{2};
  service::AccountService accounts_{clock_};
  service::ModerationService moderation_{clock_};
  api::ThreadCache cache_;
  EventHub hub_;
  api::LiveEvents live_{hub_};
  api::ThreadChanges changes_{cache_, live_};
  web::Router router_;
  std::unique_ptr<AdminApi> api_;
  service::SignedIn root_;
  service::SignedIn far_;
};

TEST_F(AdminAuthorizationTest, EveryRouteHasASample) {
  for (const auto& route : AdminApi::routes()) {
    EXPECT_TRUE(samples().contains({route.method, route.pattern}))
        << web::method_name(route.method) << " " << route.pattern << " has no sample in this test";
  }
}

TEST_F(AdminAuthorizationTest, NobodyAndForgedSessionsAreRefusedEverywhereButSignIn) {
  for (const auto& route : AdminApi::routes()) {
    if (route.access == Access::anyone) continue;
    const Sample& sample = samples().at({route.method, route.pattern});
    const std::string name = std::string(web::method_name(route.method)) + " " + route.pattern;
    const Answer nobody = call(route, sample, "", "");
    EXPECT_EQ(nobody.status, 401) << name;
    EXPECT_EQ(nobody.code, "sign_in_required") << name;
    const Answer forged = call(route, sample, crypto::random_token(32), root_.csrf_token);
    EXPECT_EQ(forged.status, 401) << name;
  }
}

TEST_F(AdminAuthorizationTest, ChangesNeedTheSessionsCsrfTokenAndThisOrigin) {
  for (const auto& route : AdminApi::routes()) {
    if (route.access != Access::staff_write) continue;
    const Sample& sample = samples().at({route.method, route.pattern});
    const std::string name = std::string(web::method_name(route.method)) + " " + route.pattern;
    const Answer missing = call(route, sample, root_.token, "");
    EXPECT_EQ(missing.status, 403) << name;
    EXPECT_EQ(missing.code, "csrf_failed") << name;
    const Answer someone_elses = call(route, sample, root_.token, far_.csrf_token);
    EXPECT_EQ(someone_elses.code, "csrf_failed") << name;
    const Answer cross_site = call(route, sample, root_.token, root_.csrf_token, "https://evil.example");
    EXPECT_EQ(cross_site.status, 403) << name;
    EXPECT_EQ(cross_site.code, "origin_not_allowed") << name;
  }
}

TEST_F(AdminAuthorizationTest, AModeratorOfAnotherSiteIsRefusedAndAnAdminIsNot) {
  for (const auto& route : AdminApi::routes()) {
    const Sample& sample = samples().at({route.method, route.pattern});
    const std::string name = std::string(web::method_name(route.method)) + " " + route.pattern;
    if (route.access == Access::anyone) continue;
    if (sample.site_scoped) {
      const Answer far = call(route, sample, far_.token, far_.csrf_token);
      EXPECT_EQ(far.status, 403) << name;
      EXPECT_TRUE(far.code == "not_your_site" || far.code == "admins_only") << name << ": " << far.code;
    }
    // Signing out ends the session, so the admin signs in afresh for each route.
    const auto admin = accounts_.sign_in(*store_, "Root", "root password 1").value();
    const Answer allowed = call(route, sample, admin.token, admin.csrf_token);
    EXPECT_GE(allowed.status, 200) << name;
    EXPECT_LT(allowed.status, 300) << name << ": " << allowed.status << " " << allowed.code;
  }
}

TEST_F(AdminAuthorizationTest, SignInIsRefusedWithOneAnswerForBadNamesAndPasswords) {
  const auto& route = AdminApi::routes().front();
  ASSERT_EQ(route.access, Access::anyone);
  for (const char* body : {R"({"name":"Root","password":"wrong password"})",
                           R"({"name":"Nobody","password":"root password 1"})"}) {
    const Answer refused = call(route, {"/admin/api/session", body, false}, "", "");
    EXPECT_EQ(refused.status, 401) << body;
    EXPECT_EQ(refused.code, "invalid_credentials") << body;
  }
  const Answer extra = call(route, {"/admin/api/session", R"({"name":"Root","password":"root password 1","role":"admin"})", false}, "", "");
  EXPECT_EQ(extra.status, 422);
}

TEST_F(AdminAuthorizationTest, GuessingPasswordsIsRateLimited) {
  const auto& route = AdminApi::routes().front();
  int limited = 0;
  for (int i = 0; i < 15; ++i) {
    const Answer a = call(route, {"/admin/api/session", R"({"name":"Root","password":"guess guess"})", false}, "", "");
    if (a.status == 429) ++limited;
  }
  EXPECT_GE(limited, 4);
  // Even the right password waits now: the limit is on trying, not on failing.
  const Answer right = call(route, samples().at({web::Method::post, "/admin/api/session"}), "", "");
  EXPECT_EQ(right.status, 429);
}

}  // namespace
}  // namespace sala::admin
