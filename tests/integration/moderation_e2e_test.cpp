// Moderation on the real binary: accounts made with `sala user`, the admin
// API's cookie session, held comments invisible until approved, bans that
// survive a change of name, slow mode, posting limits and staff names.

#include <string>
#include <thread>

#include "integration/e2e_fixture.hpp"
#include "crypto/crypto.hpp"
#include "support/sala_process.hpp"

namespace sala::test {
namespace {

using std::chrono::milliseconds;

class ModerationE2eTest : public ServerE2eTest {
 protected:
  CommandResult sala_with_input(const std::vector<std::string>& args, const std::string& input) {
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--db", "sqlite:" + db_path_});
    return run_command_with_input(kSalaBinary, all, dir_.path() / ("cli-" + std::to_string(++cli_runs_)), input);
  }

  void add_user(const std::string& name, const std::string& password, const std::string& role,
                const std::string& site = "") {
    std::vector<std::string> args{"user", "add", name, "--role", role};
    if (!site.empty()) args.insert(args.end(), {"--site", site});
    const CommandResult r = sala_with_input(args, password + "\n");
    ASSERT_TRUE(r.exit.is_clean()) << r.err;
  }

  struct Staff {
    std::string cookie;
    std::string csrf;
  };

  Staff sign_in(const std::string& name, const std::string& password) {
    HttpConnection c = connect();
    const HttpResponse r = c.post("/admin/api/session",
                                  boost::json::serialize(boost::json::object{{"name", name}, {"password", password}}));
    EXPECT_EQ(r.status, 200) << r.describe();
    const std::string set = r.header("set-cookie").value_or("");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
    return {set.substr(0, set.find(';')), r.status == 200 ? string_at(json_of(r), "csrf_token") : ""};
  }

  HttpResponse staff_post(const Staff& staff, const std::string& target, const boost::json::object& body,
                          const std::string& method = "POST") {
    HttpConnection c = connect();
    HttpRequest request{method, target, boost::json::serialize(body),
                        {{"Cookie", staff.cookie}, {"X-CSRF-Token", staff.csrf}}};
    return c.request(request);
  }

  HttpResponse staff_get(const Staff& staff, const std::string& target) {
    HttpConnection c = connect();
    return c.get(target, {{"Cookie", staff.cookie}});
  }

  std::int64_t thread_count(std::string_view thread) {
    HttpConnection c = connect();
    return int_at(get_thread(c, thread), "thread.count");
  }

  int cli_runs_ = 0;
};

TEST_F(ModerationE2eTest, AHeldCommentIsInvisibleEverywhereUntilApprovedThenAppearsLive) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpResponse set = staff_post(desk, "/admin/api/settings",
                                {{"site", kSite}, {"premoderate", true}, {"reason", "a busy night"}}, "PUT");
  ASSERT_EQ(set.status, 200) << set.describe();

  HttpConnection stream = connect();
  ASSERT_TRUE(stream.send_raw("GET /api/v1/events?site=news&thread=/story HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(stream.read_until("retry: 5000\n\n", milliseconds(5000)));

  HttpConnection c = connect();
  const HttpResponse held = post_comment(c, comment_fields("/story", "wait for it"));
  ASSERT_EQ(held.status, 202) << held.describe();
  const std::int64_t id = int_at(json_of(held), "comment.id");
  EXPECT_EQ(thread_count("/story"), 0);
  EXPECT_TRUE(comments_of(get_thread(c, "/story")).empty());
  const HttpResponse counts = c.get(std::string(kApi) + "/counts?site=news&thread=/story");
  EXPECT_EQ(int_at(json_of(counts), "counts./story"), 0);
  const HttpResponse nojs = c.get("/thread?site=news&thread=/story");
  EXPECT_EQ(nojs.body.find("wait for it"), std::string::npos);
  EXPECT_FALSE(stream.read_until("event: comment", milliseconds(800))) << "no live event for a held comment";

  const HttpResponse queue = staff_get(desk, "/admin/api/queue?site=news&kind=pending");
  ASSERT_EQ(queue.status, 200) << queue.describe();
  EXPECT_EQ(int_at(json_of(queue), "sizes.pending"), 1);
  EXPECT_EQ(queue.body.find("ada@") , std::string::npos);

  const HttpResponse approved =
      staff_post(desk, "/admin/api/comments/" + std::to_string(id) + "/judge", {{"verdict", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.describe();
  EXPECT_EQ(thread_count("/story"), 1);
  EXPECT_TRUE(stream.read_until("id: " + std::to_string(id) + "\nevent: comment", milliseconds(5000)))
      << "an approved comment reaches open pages";

  add_user("Root", "root password 1", "admin");
  const Staff root = sign_in("Root", "root password 1");
  const HttpResponse audit = staff_get(root, "/admin/api/audit");
  ASSERT_EQ(audit.status, 200) << audit.describe();
  const boost::json::value log = json_of(audit);
  const auto& entries = member(log, "entries").as_array();
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(string_at(entries[0], "action"), "approve");
  EXPECT_EQ(string_at(entries[0], "account"), "Desk");
  EXPECT_EQ(string_at(entries[1], "action"), "settings");
  EXPECT_EQ(string_at(entries[1], "reason"), "a busy night");
  EXPECT_EQ(staff_get(desk, "/admin/api/audit").status, 403) << "moderators do not read the audit log";
}

TEST_F(ModerationE2eTest, ABanHoldsWhateverNameTheAuthorTakesNext) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpConnection c = connect();
  auto fields = comment_fields("/story", "something vile");
  fields["email"] = "troll@example.org";
  const std::int64_t id = int_at(must_post(c, "/story", "first"), "comment.id");
  const HttpResponse banned = staff_post(desk, "/admin/api/bans", {{"site", kSite}, {"comment", id}, {"days", 7}, {"reason", "abuse"}});
  ASSERT_EQ(banned.status, 201) << banned.describe();

  auto renamed = comment_fields("/story", "it is me again");
  renamed["author"] = "Someone Else";
  const HttpResponse again = post_comment(c, renamed);
  EXPECT_EQ(again.status, 403) << again.describe();
  EXPECT_EQ(string_at(json_of(again), "error.code"), "banned");

  // An email ban holds from any address.
  const HttpResponse by_email = staff_post(desk, "/admin/api/bans", {{"site", kSite}, {"email", "Troll@Example.org"}});
  ASSERT_EQ(by_email.status, 201) << by_email.describe();
  const HttpResponse listed = staff_get(desk, "/admin/api/bans?site=news");
  const boost::json::value bans = json_of(listed);
  EXPECT_EQ(member(bans, "bans").as_array().size(), 2U);
  EXPECT_EQ(listed.body.find("troll@"), std::string::npos) << "no address in answers";
}

TEST_F(ModerationE2eTest, SlowModeAndPostingLimitsAnswer429WithRetryAfter) {
  ASSERT_TRUE(start("reader_post_burst = 3\nreader_posts_per_hour = 60\n"));
  HttpConnection c = connect();
  for (int i = 0; i < 3; ++i) must_post(c, "/burst", "comment " + std::to_string(i));
  const HttpResponse limited = post_comment(c, comment_fields("/burst", "one too many"));
  EXPECT_EQ(limited.status, 429) << limited.describe();
  EXPECT_EQ(string_at(json_of(limited), "error.code"), "rate_limited");
  const auto retry = limited.header("retry-after");
  ASSERT_TRUE(retry);
  EXPECT_GE(std::stoi(*retry), 1);
  EXPECT_LE(std::stoi(*retry), 60);
}

TEST_F(ModerationE2eTest, SlowModeHoldsOneAuthorPerThread) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  ASSERT_EQ(staff_post(desk, "/admin/api/settings", {{"site", kSite}, {"slow_mode_seconds", 600}}, "PUT").status, 200);
  HttpConnection c = connect();
  must_post(c, "/slow", "my first point");
  const HttpResponse slow = post_comment(c, comment_fields("/slow", "and another"));
  EXPECT_EQ(slow.status, 429) << slow.describe();
  EXPECT_EQ(string_at(json_of(slow), "error.code"), "slow_mode");
  EXPECT_GT(std::stoi(slow.header("retry-after").value_or("0")), 500);
  must_post(c, "/elsewhere", "another thread is fine");
}

TEST_F(ModerationE2eTest, WordListsSeeThroughDisguisesButNotIntoOtherWords) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  const HttpResponse set = staff_post(
      desk, "/admin/api/words", {{"site", kSite}, {"banned", {"free money", "cunt"}}, {"suspect", {"crypto"}}}, "PUT");
  ASSERT_EQ(set.status, 200) << set.describe();

  HttpConnection c = connect();
  for (const char* body : {"Get FR33 M0NEY now", "f r e e money for all", "fr\xD0\xB5\xD0\xB5 money"}) {
    const HttpResponse refused = post_comment(c, comment_fields("/words", body));
    EXPECT_EQ(refused.status, 422) << body << ": " << refused.describe();
    EXPECT_EQ(string_at(json_of(refused), "error.code"), "words_refused") << body;
  }
  EXPECT_EQ(post_comment(c, comment_fields("/words", "buy c.r.y.p.t.o today")).status, 202) << "suspect: held";
  EXPECT_EQ(post_comment(c, comment_fields("/words", "I grew up near Scunthorpe")).status, 201);
  EXPECT_EQ(post_comment(c, comment_fields("/words", "money should be free")).status, 201) << "a phrase keeps its order";

  const HttpResponse bad = staff_post(desk, "/admin/api/words", {{"site", kSite}, {"banned", {"- - -"}}}, "PUT");
  EXPECT_EQ(bad.status, 422) << bad.describe();
  const HttpResponse wrong_type = staff_post(desk, "/admin/api/words", {{"site", kSite}, {"banned", "spam"}}, "PUT");
  EXPECT_EQ(wrong_type.status, 400) << wrong_type.describe();
}

TEST_F(ModerationE2eTest, NobodyPostsUnderAStaffLookalikeName) {
  ASSERT_TRUE(start());
  add_user("Sala Desk", "desk password 1", "moderator", std::string(kSite));
  HttpConnection c = connect();
  for (const char* name : {"Sala Desk", "sala-desk", "SaIa Desk", "S\xD0\xB0la Desk"}) {
    auto fields = comment_fields("/story", "official announcement");
    fields["author"] = name;
    const HttpResponse r = post_comment(c, fields);
    EXPECT_EQ(r.status, 422) << name << ": " << r.describe();
    EXPECT_EQ(string_at(json_of(r), "error.code"), "author_reserved") << name;
  }
  auto fine = comment_fields("/story", "just a reader");
  fine["author"] = "Sala Reader";
  EXPECT_EQ(post_comment(c, fine).status, 201);
}

TEST_F(ModerationE2eTest, APasswordChangeEndsEverySessionAndSignOutEndsOne) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff first = sign_in("Desk", "desk password 1");
  const Staff second = sign_in("Desk", "desk password 1");
  EXPECT_NE(first.cookie, second.cookie) << "every sign-in gets a fresh session";
  EXPECT_EQ(staff_get(first, "/admin/api/me").status, 200);

  HttpConnection c = connect();
  HttpRequest out{"DELETE", "/admin/api/session", "", {{"Cookie", first.cookie}, {"X-CSRF-Token", first.csrf}}};
  EXPECT_EQ(c.request(out).status, 204);
  EXPECT_EQ(staff_get(first, "/admin/api/me").status, 401);
  EXPECT_EQ(staff_get(second, "/admin/api/me").status, 200);

  const CommandResult changed = sala_with_input({"user", "passwd", "Desk"}, "a new password 2\n");
  ASSERT_TRUE(changed.exit.is_clean()) << changed.err;
  EXPECT_EQ(staff_get(second, "/admin/api/me").status, 401);
  HttpConnection again = connect();
  EXPECT_EQ(again.post("/admin/api/session", R"({"name":"Desk","password":"desk password 1"})").status, 401);
  sign_in("Desk", "a new password 2");
}

TEST_F(ModerationE2eTest, TheDashboardCannotBeFramedAndLoadsNothingFromElsewhere) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const HttpResponse page = c.get("/admin/");
  ASSERT_EQ(page.status, 200);
  const std::string csp = page.header("content-security-policy").value_or("");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(page.header("x-frame-options"), "DENY");
  EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script";
}

TEST_F(ModerationE2eTest, UserCommandsRefuseBadInputWithOneLine) {
  ASSERT_TRUE(start());
  const CommandResult short_password = sala_with_input({"user", "add", "Desk", "--role", "admin"}, "short\n");
  EXPECT_FALSE(short_password.exit.is_clean());
  EXPECT_EQ(short_password.err, "sala: a password needs at least 10 characters\n");
  const CommandResult no_site = sala_with_input({"user", "add", "Desk"}, "long enough password\n");
  EXPECT_FALSE(no_site.exit.is_clean());
  EXPECT_EQ(no_site.err, "sala: a moderator needs at least one site\n");
  const CommandResult unknown_site =
      sala_with_input({"user", "add", "Desk", "--site", "nosuch"}, "long enough password\n");
  EXPECT_FALSE(unknown_site.exit.is_clean());
  EXPECT_EQ(unknown_site.err, "sala: no site 'nosuch'\n");
  add_user("Desk", "long enough password", "admin");
  const CommandResult twice = sala_with_input({"user", "add", "Desk", "--role", "admin"}, "long enough password\n");
  EXPECT_EQ(twice.err, "sala: an account named 'Desk' already exists\n");
}

}  // namespace
}  // namespace sala::test

namespace sala::test {
namespace {

TEST_F(ModerationE2eTest, APinnedCommentLeadsEverySortAndFeaturedOnesSaySo) {
  ASSERT_TRUE(start(kNoPostingLimits));
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpConnection c = connect();
  const std::int64_t first = int_at(must_post(c, "/story", "first"), "comment.id");
  const std::int64_t second = int_at(must_post(c, "/story", "second"), "comment.id");
  const std::int64_t third = int_at(must_post(c, "/story", "third"), "comment.id");
  EXPECT_EQ(c.get(thread_target("/story")).status, 200);  // cached now: pinning must refresh it

  const HttpResponse pinned = staff_post(desk, "/admin/api/comments/" + std::to_string(second) + "/pin",
                                         {{"pinned", true}, {"reason", "the reporter answers"}});
  ASSERT_EQ(pinned.status, 200) << pinned.describe();
  const HttpResponse featured =
      staff_post(desk, "/admin/api/comments/" + std::to_string(third) + "/feature", {{"featured", true}});
  ASSERT_EQ(featured.status, 200) << featured.describe();
  for (const char* sort : {"sort=newest", "sort=oldest", "sort=votes"}) {
    const boost::json::value page = get_thread(c, "/story", sort);
    const auto& list = comments_of(page);
    ASSERT_EQ(list.size(), 3U) << sort;
    EXPECT_EQ(int_at(list[0], "id"), second) << sort;
    EXPECT_TRUE(member(list[0], "pinned").as_bool()) << sort;
    for (const auto& item : list) {
      const std::int64_t id = int_at(item, "id");
      EXPECT_EQ(item.as_object().contains("featured"), id == third) << sort << " " << id;
      EXPECT_EQ(item.as_object().contains("pinned"), id == second) << sort << " " << id;
    }
  }
  // Pinning a reply is refused with a reason; so is a fourth pin.
  const std::int64_t reply = int_at(must_post(c, "/story", "a reply", first), "comment.id");
  const HttpResponse refused = staff_post(desk, "/admin/api/comments/" + std::to_string(reply) + "/pin", {});
  EXPECT_EQ(refused.status, 422) << refused.describe();
  EXPECT_NE(refused.body.find("pin_top_level_only"), std::string::npos);

  const HttpResponse unpinned =
      staff_post(desk, "/admin/api/comments/" + std::to_string(second) + "/pin", {{"pinned", false}});
  ASSERT_EQ(unpinned.status, 200) << unpinned.describe();
  const boost::json::value after = get_thread(c, "/story", "sort=oldest");
  EXPECT_EQ(int_at(comments_of(after)[0], "id"), first);
}

TEST_F(ModerationE2eTest, AThreadsOwnSettingsHoldItsCommentsWhileTheSiteDoesNot) {
  ASSERT_TRUE(start(kNoPostingLimits));
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpConnection c = connect();
  must_post(c, "/hot", "opens the thread");
  const HttpResponse set = staff_post(desk, "/admin/api/threads/settings",
                                      {{"site", kSite}, {"thread", "/hot"}, {"premoderate", true}}, "PUT");
  ASSERT_EQ(set.status, 200) << set.describe();
  EXPECT_TRUE(member(json_of(set), "effective").as_object().at("premoderate").as_bool());
  EXPECT_TRUE(member(json_of(set), "own").as_object().at("slow_mode_seconds").is_null());
  EXPECT_EQ(post_comment(c, comment_fields("/hot", "held")).status, 202);
  EXPECT_EQ(post_comment(c, comment_fields("/calm", "published")).status, 201);
  const HttpResponse read = staff_get(desk, "/admin/api/threads/settings?site=news&thread=/hot");
  ASSERT_EQ(read.status, 200) << read.describe();
  EXPECT_TRUE(member(json_of(read), "own").as_object().at("premoderate").as_bool());
  EXPECT_EQ(staff_get(desk, "/admin/api/threads/settings?site=news&thread=/never").status, 404);
}

TEST_F(ModerationE2eTest, TheHoneypotIsAnsweredLikeAHeldCommentAndNothingIsStored) {
  ASSERT_TRUE(start(kNoPostingLimits));
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpConnection c = connect();
  auto fields = comment_fields("/story", "cheap pills");
  fields["website"] = "https://pills.example";
  const HttpResponse caught = post_comment(c, fields);
  ASSERT_EQ(caught.status, 202) << caught.describe();
  EXPECT_EQ(string_at(json_of(caught), "comment.status"), "pending");
  EXPECT_FALSE(string_at(json_of(caught), "edit_token").empty());
  EXPECT_EQ(thread_count("/story"), 0);
  const HttpResponse queue = staff_get(desk, "/admin/api/queue?site=news&kind=pending");
  EXPECT_EQ(int_at(json_of(queue), "sizes.pending"), 0);
  EXPECT_EQ(int_at(json_of(queue), "sizes.spam"), 0);
  // Bad input is still refused as such: the honeypot is no way around the rules.
  fields["body"] = "";
  EXPECT_EQ(post_comment(c, fields).status, 422);
  // An empty honeypot is what people send.
  fields["body"] = "a person";
  fields["website"] = "";
  EXPECT_EQ(post_comment(c, fields).status, 201);

  // The page without script hides the field from people and assistive technology.
  HttpResponse page = c.get("/thread?site=news&thread=/story");
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find("name=\"website\"");
  ASSERT_NE(at, std::string::npos);
  const std::string input = page.body.substr(page.body.rfind('<', at), page.body.find('>', at) - page.body.rfind('<', at));
  EXPECT_NE(input.find("tabindex=\"-1\""), std::string::npos) << input;
  EXPECT_NE(input.find("autocomplete=\"off\""), std::string::npos) << input;
  EXPECT_NE(page.body.find("aria-hidden=\"true\""), std::string::npos);
  const auto token_at = page.body.find("name=\"token\" value=\"");
  ASSERT_NE(token_at, std::string::npos);
  const auto token_start = token_at + std::string("name=\"token\" value=\"").size();
  const std::string token = page.body.substr(token_start, page.body.find('"', token_start) - token_start);
  const HttpResponse form = c.post("/thread/comment",
                                   "site=news&thread=%2Fstory&author=Bot&body=cheap+pills&website=x&token=" + token,
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 303) << form.describe();
  EXPECT_NE(form.header("location").value_or("").find("posted=pending"), std::string::npos);
  EXPECT_EQ(thread_count("/story"), 1);
  EXPECT_EQ(int_at(json_of(staff_get(desk, "/admin/api/queue?site=news&kind=pending")), "sizes.pending"), 0);
}

}  // namespace
}  // namespace sala::test

namespace sala::test {
namespace {

std::string b64url(std::string_view bytes) { return crypto::base64url_encode(bytes); }

TEST_F(ModerationE2eTest, APublishersReaderPostsWithABadgeAndForgeriesAreRefused) {
  ASSERT_TRUE(start(kNoPostingLimits));
  ASSERT_TRUE(crypto::init());
  const CommandResult made = sala_with_input({"site", "sso-key", std::string(kSite)}, "");
  ASSERT_TRUE(made.exit.is_clean()) << made.err;
  const std::string key = made.out.substr(0, made.out.find('\n'));
  ASSERT_TRUE(key.starts_with("sk_")) << made.out;

  const std::int64_t exp = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count() + 600;
  auto token_for = [&](std::string_view signing_key, std::string_view site) {
    const std::string body = b64url(boost::json::serialize(boost::json::object{
        {"site", site}, {"sub", "42"}, {"name", "Dara Chan"}, {"badge", "Subscriber"}, {"exp", exp}}));
    return "v1." + body + "." + b64url(crypto::hmac_sha256(signing_key, "v1." + body));
  };
  HttpConnection c = connect();
  const HttpResponse posted =
      post_comment(c, comment_fields("/story", "signed in"), {{"Sala-Reader", token_for(key, kSite)}});
  ASSERT_EQ(posted.status, 201) << posted.describe();
  EXPECT_EQ(string_at(json_of(posted), "comment.author.name"), "Dara Chan");
  EXPECT_EQ(string_at(json_of(posted), "comment.author.badge"), "Subscriber");
  const boost::json::value page = get_thread(c, "/story");
  const auto& listed = comments_of(page);
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(string_at(listed[0], "author.badge"), "Subscriber");
  EXPECT_EQ(listed[0].as_object().at("author").as_object().size(), 4U) << "name, avatar, badge, verified only";
  EXPECT_EQ(listed[0].as_object().at("author").as_object().at("verified"), boost::json::value(true))
      << "that someone vouches for the author, never the account itself";

  for (const auto& [token, code] : std::vector<std::pair<std::string, std::string>>{
           {token_for("sk_guessed", kSite), "reader_token_invalid"},
           {token_for(key, "blog"), "reader_token_wrong_site"},
           {token_for(key, kSite) + "x", "reader_token_invalid"}}) {
    const HttpResponse refused = post_comment(c, comment_fields("/story", "forged"), {{"Sala-Reader", token}});
    EXPECT_EQ(refused.status, 401) << refused.describe();
    EXPECT_NE(refused.body.find(code), std::string::npos) << refused.body;
  }
  const HttpResponse impostor = post_comment(c, [] {
    auto f = comment_fields("/story", "it is me");
    f["author"] = "dara-chan";
    return f;
  }());
  EXPECT_EQ(impostor.status, 422) << impostor.describe();
  EXPECT_NE(impostor.body.find("author_reserved"), std::string::npos);
  EXPECT_EQ(thread_count("/story"), 1);

  HeaderList preflight{{"Origin", std::string(kOrigin)}, {"Access-Control-Request-Method", "POST"},
                       {"Access-Control-Request-Headers", "content-type, sala-reader"}};
  const HttpResponse allowed = c.request({"OPTIONS", "/api/v1/comments", "", preflight});
  EXPECT_NE(allowed.header("access-control-allow-headers").value_or("").find("Sala-Reader"), std::string::npos);
}

// What a client does for a site that asks for proof of work: counts up from 0
// until SHA-256(challenge ":" nonce) has `bits` leading zero bits.
std::string solve_challenge(const std::string& challenge, std::int64_t bits) {
  for (std::uint64_t n = 0;; ++n) {
    const std::string nonce = std::to_string(n);
    const std::string hash = crypto::sha256(challenge + ":" + nonce);
    std::int64_t zeros = 0;
    for (unsigned char b : hash) {
      if (b != 0) {
        while ((b & 0x80) == 0) ++zeros, b = static_cast<unsigned char>(b << 1);
        break;
      }
      zeros += 8;
    }
    if (zeros >= bits) return nonce;
  }
}

TEST_F(ModerationE2eTest, ASiteThatAsksForProofOfWorkTakesOnlySolvedSingleUseChallenges) {
  ASSERT_TRUE(start());
  add_user("Desk", "desk password 1", "moderator", std::string(kSite));
  const Staff desk = sign_in("Desk", "desk password 1");
  HttpConnection c = connect();
  must_post(c, "/pow", "before anyone asked");
  const HttpResponse bad = staff_post(desk, "/admin/api/settings", {{"site", kSite}, {"challenge", "sometimes"}}, "PUT");
  EXPECT_EQ(bad.status, 422) << bad.describe();
  const HttpResponse set = staff_post(desk, "/admin/api/settings", {{"site", kSite}, {"challenge", "always"}}, "PUT");
  ASSERT_EQ(set.status, 200) << set.describe();
  EXPECT_EQ(string_at(json_of(set), "challenge"), "always");

  const HttpResponse missing = post_comment(c, comment_fields("/pow", "no work done"));
  EXPECT_EQ(missing.status, 428) << missing.describe();
  EXPECT_EQ(string_at(json_of(missing), "error.code"), "challenge_required");

  const HttpResponse issued = c.get(std::string(kApi) + "/challenge?site=news&thread=/pow");
  ASSERT_EQ(issued.status, 200) << issued.describe();
  EXPECT_EQ(issued.header("cache-control").value_or(""), "no-store");
  const boost::json::value challenge = json_of(issued);
  const std::string text = string_at(challenge, "challenge");
  const std::int64_t bits = int_at(challenge, "difficulty");
  EXPECT_EQ(bits, 14) << "a calm thread gets the base difficulty";
  EXPECT_FALSE(string_at(challenge, "expires").empty());

  auto fields = comment_fields("/pow", "worked for it");
  fields["pow"] = {{"challenge", text}, {"nonce", solve_challenge(text, bits)}};
  const HttpResponse posted = post_comment(c, fields);
  EXPECT_EQ(posted.status, 201) << posted.describe();
  const HttpResponse replayed = post_comment(c, fields);
  EXPECT_EQ(replayed.status, 428) << replayed.describe();
  EXPECT_EQ(string_at(json_of(replayed), "error.code"), "challenge_used");
  fields["pow"] = {{"challenge", text}, {"nonce", "x"}};
  EXPECT_EQ(post_comment(c, fields).status, 428);
  fields["pow"] = {{"challenge", text}};
  const HttpResponse no_nonce = post_comment(c, fields);
  EXPECT_EQ(no_nonce.status, 422) << no_nonce.describe();
  EXPECT_EQ(string_at(json_of(no_nonce), "error.code"), "nonce_required");

  EXPECT_EQ(c.get(std::string(kApi) + "/challenge?site=nosuch&thread=/pow").status, 404);
  EXPECT_EQ(thread_count("/pow"), 2);
  EXPECT_EQ(staff_get(desk, "/admin/api/settings?site=news").body.find("\"challenge\":\"always\"") != std::string::npos, true);
}

}  // namespace
}  // namespace sala::test
