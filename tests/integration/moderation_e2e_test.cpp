// Moderation on the real binary: accounts made with `sala user`, the admin
// API's cookie session, held comments invisible until approved, bans that
// survive a change of name, slow mode, posting limits and staff names.

#include <string>
#include <thread>

#include "integration/e2e_fixture.hpp"
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
