// The real `sala` binary on 127.0.0.1:0 with a SQLite file in a temp dir,
// driven over plain sockets: what a browser, a script or an attacker sees.

#include <signal.h>

#include <algorithm>
#include <cctype>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "integration/e2e_fixture.hpp"
#include "integration/html_scan.hpp"

namespace sala::test {
namespace {

namespace bj = boost::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string comments_path(std::int64_t id, std::string_view rest = "") {
  return std::string(kApi) + "/comments/" + std::to_string(id) + std::string(rest);
}

// ---- Input that must be refused without changing anything ----

TEST_F(ServerE2eTest, BodyOverTheLimitIsRefusedBeforeItIsSent) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  // The head announces 10 MB and no body follows: the answer must not wait for it.
  ASSERT_TRUE(c.send_raw("POST /api/v1/comments HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n"));
  const HttpResponse r = c.read_response();
  EXPECT_EQ(r.status, 413) << r.describe();
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(error_code(r), "body_too_large") << r.describe();
  EXPECT_TRUE(c.wait_closed(seconds(5)));

  // A length that does not fit 32 bits, and a chunked body that only
  // turns out too large as it arrives.
  HttpConnection huge = connect();
  ASSERT_TRUE(huge.send_raw("POST /api/v1/comments HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"));
  EXPECT_EQ(huge.read_response().status, 413);
  HttpConnection chunked = connect();
  const std::string chunk(100 * 1024, 'a');
  ASSERT_TRUE(chunked.send_raw("POST /api/v1/comments HTTP/1.1\r\nHost: x\r\n"
                               "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  // 100 KiB (0x19000 bytes) in one chunk; the server may close before it has all of it.
  chunked.send_raw("19000\r\n" + chunk + "\r\n0\r\n\r\n");
  const HttpResponse too_long = chunked.read_response();
  EXPECT_EQ(too_long.status, 413) << too_long.describe();

  EXPECT_TRUE(server_.process->is_running());
  HttpConnection again = connect();
  EXPECT_EQ(again.get("/healthz").status, 200);
  must_post(again, "after-413", "still taking comments");
  EXPECT_EQ(thread_count(again, "after-413"), 1);
}

TEST_F(ServerE2eTest, MalformedCommentsChangeNothing) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  must_post(c, "t1", "the only comment");
  const std::string valid = R"({"site":"news","thread":"t1","author":"Ada","body":"hello"})";
  struct Case {
    std::string what;
    std::string body;
    std::string content_type;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"truncated JSON", R"({"site":"news","thread":"t1",)", "application/json", 400, "invalid_json"},
      {"trailing garbage", valid + "x", "application/json", 400, "invalid_json"},
      {"duplicate key", R"({"site":"news","thread":"t1","author":"A","body":"a","body":"b"})",
       "application/json", 400, "duplicate_key"},
      {"text/plain", valid, "text/plain", 415, "unsupported_media_type"},
      {"form encoding", valid, "application/x-www-form-urlencoded", 415, "unsupported_media_type"},
      {"latin-1 charset", valid, "application/json; charset=iso-8859-1", 415, "unsupported_media_type"},
      {"unknown field", R"({"site":"news","thread":"t1","author":"A","body":"x","approved":true})",
       "application/json", 422, "unknown_field"},
      {"forbidden field", R"({"site":"news","thread":"t1","author":"A","body":"x","score":9999})",
       "application/json", 422, "unknown_field"},
      {"overlong UTF-8", "{\"site\":\"news\",\"thread\":\"t1\",\"author\":\"A\",\"body\":\"\xC0\xAF\"}",
       "application/json", 400, "invalid_utf8"},
      {"UTF-16 surrogate in UTF-8",
       "{\"site\":\"news\",\"thread\":\"t1\",\"author\":\"A\",\"body\":\"\xED\xA0\x80\"}",
       "application/json", 400, "invalid_utf8"},
      {"lone surrogate escape", R"({"site":"news","thread":"t1","author":"A","body":"\uD800"})",
       "application/json", 400, "invalid_json"},
      {"NUL escape", R"({"site":"news","thread":"t1","author":"A","body":"a\u0000b"})",
       "application/json", 400, "invalid_json"},
      {"byte order mark", "\xEF\xBB\xBF" + valid, "application/json", 400, "invalid_json"},
      {"nesting 100 deep", R"({"site":"news","thread":"t1","author":"A","body":"x","anchor":)" +
       std::string(100, '[') + std::string(100, ']') + "}", "application/json", 400, "invalid_json"},
      {"a number as the body", R"({"site":"news","thread":"t1","author":"A","body":1e999999})",
       "application/json", 400, "invalid_json"},
      {"an array at the top", "[" + valid + "]", "application/json", 400, "invalid_json"},
  };
  for (const Case& k : cases) {
    const HttpResponse r = c.post("/api/v1/comments", k.body, {{"Content-Type", k.content_type}});
    EXPECT_EQ(r.status, k.status) << k.what << ": " << r.describe();
    EXPECT_EQ(error_code(r), k.code) << k.what << ": " << r.describe();
    EXPECT_EQ(thread_count(c, "t1"), 1) << "after " << k.what;
    EXPECT_EQ(comments_of(get_thread(c, "t1")).size(), 1U) << "after " << k.what;
  }

  // Without Content-Type at all (what navigator.sendBeacon sends).
  ASSERT_TRUE(c.send_raw("POST /api/v1/comments HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                         std::to_string(valid.size()) + "\r\n\r\n" + valid));
  const HttpResponse bare = c.read_response();
  EXPECT_EQ(bare.status, 415) << bare.describe();
  EXPECT_EQ(thread_count(c, "t1"), 1);
}

TEST_F(ServerE2eTest, BadPageQueriesAreRefused) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  must_post(c, "q", "something to page through");
  struct Case {
    std::string target;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {thread_target("q", "sort=random"), 400, "invalid_sort"},
      {thread_target("q", "sort=created;DELETE"), 400, "invalid_sort"},
      {thread_target("q", "after=not-a-cursor"), 400, "invalid_cursor"},
      {thread_target("q", "after=%25%25%25"), 400, "invalid_cursor"},
      {thread_target("q", "limit=0"), 400, "invalid_limit"},
      {thread_target("q", "limit=1000"), 400, "invalid_limit"},
      {thread_target("q", "limit=-1"), 400, "invalid_limit"},
      {thread_target("q", "limit=1e3"), 400, "invalid_limit"},
      {"/api/v1/comments?site=nosuchsite&thread=q", 404, "not_found"},
      {"/api/v1/counts?site=nosuchsite&thread=q", 404, "not_found"},
      {"/api/v1/comments?site=News!&thread=q", 400, "invalid_site"},
      {"/api/v1/comments?thread=q", 400, "site_required"},
  };
  for (const Case& k : cases) {
    const HttpResponse r = c.get(k.target);
    EXPECT_EQ(r.status, k.status) << k.target << ": " << r.describe();
    EXPECT_EQ(error_code(r), k.code) << k.target << ": " << r.describe();
  }
  // A cursor this server issued, but for another sort order.
  must_post(c, "q", "a second one");
  const bj::value first = get_thread(c, "q", "sort=newest&limit=1");
  const std::string next = string_at(first, "next");
  ASSERT_FALSE(next.empty()) << bj::serialize(first);
  EXPECT_EQ(c.get(thread_target("q", "sort=newest&limit=1&after=" + next)).status, 200);
  const HttpResponse crossed = c.get(thread_target("q", "sort=oldest&limit=1&after=" + next));
  EXPECT_EQ(crossed.status, 400) << crossed.describe();
  EXPECT_EQ(error_code(crossed), "invalid_cursor");
}

// ---- Posting, reading, editing, deleting ----

TEST_F(ServerE2eTest, PostedRepliesAppearUnderTheirTopLevelComment) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const bj::value a = must_post(c, "nested", "first, top level");
  const std::int64_t a_id = int_at(a, "comment.id");
  ASSERT_GT(a_id, 0);
  EXPECT_GE(string_at(a, "edit_token").size(), 16U) << bj::serialize(a);
  EXPECT_TRUE(member(a, "comment.parent").is_null());
  EXPECT_NE(string_at(a, "comment.html").find("first, top level"), std::string::npos);
  const std::int64_t b_id = int_at(must_post(c, "nested", "a reply", a_id), "comment.id");
  const std::int64_t c_id = int_at(must_post(c, "nested", "a reply to the reply", b_id), "comment.id");
  const std::int64_t d_id = int_at(must_post(c, "nested", "second, top level"), "comment.id");

  const bj::value page = get_thread(c, "nested", "sort=oldest");
  const auto& top = comments_of(page);
  ASSERT_EQ(top.size(), 2U) << bj::serialize(page);
  EXPECT_EQ(int_at(top[0], "id"), a_id);
  EXPECT_EQ(int_at(top[1], "id"), d_id);
  const auto& replies = member(top[0], "replies");
  ASSERT_TRUE(replies.is_array()) << bj::serialize(top[0]);
  ASSERT_EQ(replies.get_array().size(), 2U) << bj::serialize(top[0]);
  EXPECT_EQ(int_at(replies.get_array()[0], "id"), b_id);
  EXPECT_EQ(int_at(replies.get_array()[0], "parent"), a_id);
  EXPECT_EQ(int_at(replies.get_array()[0], "depth"), 1);
  EXPECT_EQ(int_at(replies.get_array()[1], "id"), c_id);
  EXPECT_EQ(int_at(replies.get_array()[1], "parent"), b_id);
  EXPECT_EQ(int_at(replies.get_array()[1], "depth"), 2);
  EXPECT_TRUE(member(top[1], "replies").is_array() && member(top[1], "replies").get_array().empty());
  EXPECT_EQ(int_at(page, "thread.count"), 4);
  EXPECT_EQ(string_at(page, "thread.key"), "nested");

  const HttpResponse counts = c.get("/api/v1/counts?site=news&thread=nested&thread=empty");
  ASSERT_EQ(counts.status, 200) << counts.describe();
  EXPECT_EQ(int_at(json_of(counts), "counts.nested"), 4);
  EXPECT_EQ(int_at(json_of(counts), "counts.empty"), 0);

  // A parent from another thread, or one that does not exist, is refused.
  auto stray = comment_fields("other", "misplaced reply");
  stray["parent"] = a_id;
  EXPECT_EQ(post_comment(c, stray).status, 422);
  stray["parent"] = 999999;
  const HttpResponse missing = post_comment(c, stray);
  EXPECT_EQ(missing.status, 422) << missing.describe();
  EXPECT_EQ(error_code(missing), "parent_not_found");
  EXPECT_EQ(thread_count(c, "other"), 0);

  // An unknown site is a 404, and creates nothing.
  auto unknown = comment_fields("nested", "to nowhere");
  unknown["site"] = "nosuchsite";
  EXPECT_EQ(post_comment(c, unknown).status, 404);
  EXPECT_EQ(thread_count(c, "nested"), 4);
}

TEST_F(ServerE2eTest, EditAndDeleteNeedTheEditToken) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const bj::value posted = must_post(c, "edits", "original text");
  const std::int64_t id = int_at(posted, "comment.id");
  const std::string token = string_at(posted, "edit_token");
  ASSERT_FALSE(token.empty());
  const bj::value reply = must_post(c, "edits", "a reply that keeps the parent's place", id);
  const std::int64_t reply_id = int_at(reply, "comment.id");

  auto edit = [&](std::int64_t target, const std::string& body, const std::string& with) {
    return c.request({"PATCH", comments_path(target),
                      bj::serialize(bj::object{{"body", body}, {"edit_token", with}}), {}});
  };
  const HttpResponse wrong = edit(id, "vandalised", "not-the-token");
  EXPECT_EQ(wrong.status, 403) << wrong.describe();
  EXPECT_EQ(error_code(wrong), "invalid_edit_token");
  const HttpResponse other = edit(id, "vandalised", string_at(reply, "edit_token"));
  EXPECT_EQ(other.status, 403) << "another comment's token: " << other.describe();

  const HttpResponse edited = edit(id, "corrected text", token);
  ASSERT_EQ(edited.status, 200) << edited.describe();
  EXPECT_NE(string_at(json_of(edited), "comment.html").find("corrected text"), std::string::npos);
  EXPECT_FALSE(string_at(json_of(edited), "comment.edited").empty()) << edited.describe();
  const bj::value page = get_thread(c, "edits");
  ASSERT_EQ(comments_of(page).size(), 1U);
  EXPECT_NE(string_at(comments_of(page)[0], "html").find("corrected text"), std::string::npos);
  EXPECT_EQ(string_at(comments_of(page)[0], "html").find("vandalised"), std::string::npos);

  auto remove = [&](std::int64_t target, HeaderList headers) {
    return c.request({"DELETE", comments_path(target), "", std::move(headers)});
  };
  EXPECT_EQ(remove(id, {}).status, 403);
  const HttpResponse bad_delete = remove(id, {{"Sala-Edit-Token", "not-the-token"}});
  EXPECT_EQ(bad_delete.status, 403) << bad_delete.describe();
  EXPECT_EQ(error_code(bad_delete), "invalid_edit_token");
  EXPECT_EQ(thread_count(c, "edits"), 2);

  const HttpResponse deleted = remove(id, {{"Sala-Edit-Token", token}});
  EXPECT_EQ(deleted.status, 204) << deleted.describe();
  EXPECT_TRUE(deleted.body.empty());
  // The reply keeps its place under a placeholder that shows nothing of the original.
  const bj::value after = get_thread(c, "edits");
  ASSERT_EQ(comments_of(after).size(), 1U) << bj::serialize(after);
  const bj::value& placeholder = comments_of(after)[0];
  EXPECT_EQ(int_at(placeholder, "id"), id);
  EXPECT_EQ(string_at(placeholder, "status"), "deleted");
  EXPECT_EQ(string_at(placeholder, "html"), "");
  EXPECT_EQ(string_at(placeholder, "author.name"), "");
  EXPECT_EQ(bj::serialize(after).find("corrected text"), std::string::npos);
  ASSERT_EQ(member(placeholder, "replies").get_array().size(), 1U);
  EXPECT_EQ(int_at(member(placeholder, "replies").get_array()[0], "id"), reply_id);
  EXPECT_EQ(thread_count(c, "edits"), 1);

  // A deleted comment cannot be edited, deleted again or voted on.
  EXPECT_NE(edit(id, "back from the dead", token).status, 200);
  EXPECT_NE(remove(id, {{"Sala-Edit-Token", token}}).status, 204);
  EXPECT_EQ(c.post(comments_path(id, "/vote"), R"({"value":1})").status, 404);

  // Deleting the last reply takes the placeholder with it.
  EXPECT_EQ(remove(reply_id, {{"Sala-Edit-Token", string_at(reply, "edit_token")}}).status, 204);
  EXPECT_TRUE(comments_of(get_thread(c, "edits")).empty());
  EXPECT_EQ(thread_count(c, "edits"), 0);
}

TEST_F(ServerE2eTest, EditWindowCloses) {
  ASSERT_TRUE(start("edit_window_seconds = 1\n"));
  HttpConnection c = connect();
  const bj::value posted = must_post(c, "late", "posted in haste");
  const auto acknowledged = SteadyClock::now();
  const std::int64_t id = int_at(posted, "comment.id");
  const std::string token = string_at(posted, "edit_token");
  // Waiting out the one-second window (with a margin) is the behaviour
  // under test, not a synchronisation.
  std::this_thread::sleep_until(acknowledged + seconds(2));

  const HttpResponse edit = c.request(
      {"PATCH", comments_path(id), bj::serialize(bj::object{{"body", "too late"}, {"edit_token", token}}), {}});
  EXPECT_EQ(edit.status, 403) << edit.describe();
  EXPECT_EQ(error_code(edit), "edit_window_closed");
  const HttpResponse del = c.request({"DELETE", comments_path(id), "", {{"Sala-Edit-Token", token}}});
  EXPECT_EQ(del.status, 403) << del.describe();
  EXPECT_EQ(error_code(del), "edit_window_closed");
  const bj::value page = get_thread(c, "late");
  ASSERT_EQ(comments_of(page).size(), 1U);
  EXPECT_NE(string_at(comments_of(page)[0], "html").find("posted in haste"), std::string::npos);
}

// ---- Votes ----

std::string vote_body(int value) { return "{\"value\":" + std::to_string(value) + "}"; }

TEST_F(ServerE2eTest, ThousandRepeatsOfOneVoteCountOnce) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const std::int64_t id = int_at(must_post(c, "votes", "vote for me"), "comment.id");
  int wrong = 0;
  std::string first_wrong;
  for (int i = 0; i < 1000; ++i) {
    // Forwarding headers from an untrusted peer must not make a new reader.
    const std::string spoofed = "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250);
    const HttpResponse r = c.post(comments_path(id, "/vote"), vote_body(1),
                                  {{"X-Forwarded-For", spoofed}, {"X-Real-IP", spoofed}});
    const bj::value v = r.status == 200 ? json_of(r) : bj::value();
    const bool is_right = r.status == 200 && int_at(v, "score") == 1 && int_at(v, "upvotes") == 1 &&
                          int_at(v, "downvotes") == 0 && int_at(v, "my_vote") == 1;
    if (!is_right && wrong++ == 0) first_wrong = "vote " + std::to_string(i) + ": " + r.describe();
    if (r.status == 0) break;  // the connection is gone; the rest would say nothing new
  }
  EXPECT_EQ(wrong, 0) << first_wrong;
  const bj::value page = get_thread(c, "votes");
  ASSERT_EQ(comments_of(page).size(), 1U);
  EXPECT_EQ(int_at(comments_of(page)[0], "score"), 1);
  EXPECT_EQ(int_at(comments_of(page)[0], "upvotes"), 1);
  EXPECT_EQ(int_at(comments_of(page)[0], "downvotes"), 0);
}

TEST_F(ServerE2eTest, ConcurrentVotersAreCountedExactly) {
  // Each connection claims its own client address through the proxy header,
  // which the server believes only because the peer is a trusted proxy.
  ASSERT_TRUE(start("trusted_proxies = [\"127.0.0.1\"]\n"));
  HttpConnection c = connect();
  const std::int64_t id = int_at(must_post(c, "crowd", "a divisive comment"), "comment.id");

  constexpr int kReaders = 32;
  constexpr int kVotesEach = 25;
  std::vector<int> last_vote(kReaders, 0);
  std::vector<std::string> errors(kReaders);
  std::latch go(kReaders);
  std::vector<std::thread> readers;
  for (int n = 0; n < kReaders; ++n) {
    readers.emplace_back([&, n] {
      std::mt19937 rng(static_cast<unsigned>(n) * 7919U + 1U);
      std::uniform_int_distribution<int> pick(-1, 1);
      HttpConnection reader(port_);
      const HeaderList from = {{"X-Forwarded-For", "10.0.0." + std::to_string(n + 1)}};
      go.arrive_and_wait();  // all readers vote at the same time
      for (int i = 0; i < kVotesEach; ++i) {
        const int value = pick(rng);
        const HttpResponse r = reader.post(comments_path(id, "/vote"), vote_body(value), from);
        const bj::value v = r.status == 200 ? bj::parse(r.body) : bj::value();
        if (r.status != 200 || int_at(v, "my_vote") != value) {
          errors[n] = "reader " + std::to_string(n) + " vote " + std::to_string(i) + ": " + r.describe();
          return;
        }
        const auto up = int_at(v, "upvotes");
        const auto down = int_at(v, "downvotes");
        if (up < 0 || down < 0 || up + down > kReaders || int_at(v, "score") != up - down) {
          errors[n] = "impossible tally: " + r.body;
          return;
        }
        last_vote[n] = value;
      }
    });
  }
  for (auto& t : readers) t.join();
  for (const auto& e : errors) EXPECT_TRUE(e.empty()) << e;

  const auto expected_up = std::count(last_vote.begin(), last_vote.end(), 1);
  const auto expected_down = std::count(last_vote.begin(), last_vote.end(), -1);
  const bj::value page = get_thread(c, "crowd");
  ASSERT_EQ(comments_of(page).size(), 1U);
  EXPECT_EQ(int_at(comments_of(page)[0], "upvotes"), expected_up);
  EXPECT_EQ(int_at(comments_of(page)[0], "downvotes"), expected_down);
  EXPECT_EQ(int_at(comments_of(page)[0], "score"), expected_up - expected_down);
}

// ---- Caching and CORS ----

TEST_F(ServerE2eTest, PassagesCountAnchoredCommentsAndTheFilterListsThem) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  auto anchored = [&](const std::string& quote, std::int64_t start) {
    auto fields = comment_fields("article", "on a passage");
    fields["anchor"] = bj::object{{"quote", quote}, {"prefix", "before "}, {"suffix", " after"},
                                  {"start", start}, {"end", start + static_cast<std::int64_t>(quote.size())}};
    const HttpResponse r = post_comment(c, fields);
    EXPECT_EQ(r.status, 201) << r.describe();
    return int_at(json_of(r), "comment.id");
  };
  const std::int64_t late = anchored("a later passage", 300);
  const std::int64_t first = anchored("an early passage", 10);
  const std::int64_t again = anchored("an early passage", 10);
  must_post(c, "article", "on the whole article");

  const HttpResponse passages = c.get("/api/v1/passages?site=news&thread=article");
  ASSERT_EQ(passages.status, 200) << passages.describe();
  const bj::value body = json_of(passages);
  const auto& list = member(body, "passages").get_array();
  ASSERT_EQ(list.size(), 2U) << passages.body;
  EXPECT_EQ(string_at(list[0], "anchor.quote"), "an early passage");
  EXPECT_EQ(string_at(list[0], "anchor.prefix"), "before ");
  EXPECT_EQ(int_at(list[0], "anchor.start"), 10);
  EXPECT_EQ(bj::serialize(member(list[0], "comments")), "[" + std::to_string(first) + "," + std::to_string(again) + "]");
  EXPECT_EQ(bj::serialize(member(list[1], "comments")), "[" + std::to_string(late) + "]");

  // Cached like a thread page: revalidated until the thread changes.
  const auto etag = passages.header("etag").value_or("");
  EXPECT_EQ(c.get("/api/v1/passages?site=news&thread=article", {{"If-None-Match", etag}}).status, 304);
  anchored("a later passage", 300);
  EXPECT_EQ(c.get("/api/v1/passages?site=news&thread=article", {{"If-None-Match", etag}}).status, 200);

  const bj::value only = get_thread(c, "article", "anchored=1&sort=oldest");
  ASSERT_EQ(comments_of(only).size(), 4U) << bj::serialize(only);
  for (const auto& comment : comments_of(only)) EXPECT_TRUE(member(comment, "anchor").is_object());
  EXPECT_EQ(comments_of(get_thread(c, "article", "anchored=0")).size(), 5U);

  const bj::value none = json_of(c.get("/api/v1/passages?site=news&thread=none-yet"));
  EXPECT_TRUE(member(none, "passages").get_array().empty())
      << "a thread without comments has no passages";
  struct Case {
    std::string target;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"/api/v1/passages?site=nosuchsite&thread=article", 404, "not_found"},
      {"/api/v1/passages?site=news", 400, "thread_required"},
      {"/api/v1/passages?thread=article", 400, "site_required"},
      {thread_target("article", "anchored=yes"), 400, "invalid_anchored"},
  };
  for (const Case& k : cases) {
    const HttpResponse r = c.get(k.target);
    EXPECT_EQ(r.status, k.status) << k.target << ": " << r.describe();
    EXPECT_EQ(error_code(r), k.code) << k.target << ": " << r.describe();
  }

  // An anchor whose span is not its quote's length, or with a control character, changes nothing.
  for (const auto& bad : {bj::object{{"quote", "four"}, {"start", 0}, {"end", 5}},
                          bj::object{{"quote", "tab\there"}, {"start", 0}, {"end", 8}}}) {
    auto fields = comment_fields("article", "refused");
    fields["anchor"] = bad;
    const HttpResponse r = post_comment(c, fields);
    EXPECT_EQ(r.status, 422) << r.describe();
  }
  EXPECT_EQ(thread_count(c, "article"), 5);
}

TEST_F(ServerE2eTest, EtagRevalidatesUntilTheThreadChanges) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  must_post(c, "cached", "one");
  const HttpResponse first = c.get(thread_target("cached"));
  ASSERT_EQ(first.status, 200) << first.describe();
  const auto etag = first.header("etag");
  ASSERT_TRUE(etag && !etag->empty());

  const HttpResponse same = c.get(thread_target("cached"), {{"If-None-Match", *etag}});
  EXPECT_EQ(same.status, 304) << same.describe();
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.header("etag"), etag);

  const bj::value two = must_post(c, "cached", "two");
  const HttpResponse changed = c.get(thread_target("cached"), {{"If-None-Match", *etag}});
  EXPECT_EQ(changed.status, 200) << changed.describe();
  EXPECT_NE(changed.header("etag"), etag);
  EXPECT_EQ(comments_of(json_of(changed)).size(), 2U);

  // A vote and an edit change what the page shows, so they change the ETag too.
  const std::int64_t id = int_at(two, "comment.id");
  auto etag_after = [&](std::string_view what) {
    const auto before = c.get(thread_target("cached")).header("etag").value_or("");
    const HttpResponse r = c.get(thread_target("cached"), {{"If-None-Match", before}});
    EXPECT_EQ(r.status, 304) << "before the " << what << ": " << r.describe();
    return before;
  };
  const std::string before_vote = etag_after("vote");
  ASSERT_EQ(c.post(comments_path(id, "/vote"), vote_body(1)).status, 200);
  const HttpResponse voted = c.get(thread_target("cached"), {{"If-None-Match", before_vote}});
  EXPECT_EQ(voted.status, 200) << "after a vote: " << voted.describe();
  const std::string before_edit = etag_after("edit");
  ASSERT_EQ(c.request({"PATCH", comments_path(id),
                       bj::serialize(bj::object{{"body", "two, edited"}, {"edit_token", string_at(two, "edit_token")}}),
                       {}}).status,
            200);
  const HttpResponse edited = c.get(thread_target("cached"), {{"If-None-Match", before_edit}});
  EXPECT_EQ(edited.status, 200) << "after an edit: " << edited.describe();
}

TEST_F(ServerE2eTest, WritersReadTheirOwnCommentsUnderConcurrency) {
  // The page cache is filled by readers racing the writers; a page read
  // after a 201 must never be one cached from before the write.
  ASSERT_TRUE(start(kNoPostingLimits));
  constexpr int kWriters = 8;
  constexpr int kPostsEach = 15;
  std::vector<std::string> errors(kWriters);
  std::latch go(kWriters);
  std::vector<std::thread> writers;
  for (int n = 0; n < kWriters; ++n) {
    writers.emplace_back([&, n] {
      HttpConnection w(port_);
      go.arrive_and_wait();
      for (int i = 0; i < kPostsEach && errors[n].empty(); ++i) {
        const std::string json = bj::serialize(comment_fields("busy", "writer " + std::to_string(n) + " #" + std::to_string(i)));
        const HttpResponse posted = w.post("/api/v1/comments", json);
        if (posted.status != 201) {
          errors[n] = "post: " + posted.describe();
          break;
        }
        const std::int64_t id = int_at(bj::parse(posted.body), "comment.id");
        const HttpResponse page = w.get(thread_target("busy", "sort=newest&limit=100"));
        bool is_listed = false;
        if (page.status == 200) {
          const bj::value listed = bj::parse(page.body);
          for (const auto& comment : comments_of(listed)) is_listed |= int_at(comment, "id") == id;
        }
        if (!is_listed) {
          errors[n] = "comment " + std::to_string(id) + " missing from a page read after its 201: " + page.describe();
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  for (const auto& e : errors) EXPECT_TRUE(e.empty()) << e;
  HttpConnection c = connect();
  EXPECT_EQ(thread_count(c, "busy"), kWriters * kPostsEach);
}

TEST_F(ServerE2eTest, CorsAnswersOnlyTheSiteOrigins) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  must_post(c, "cors", "seed");
  const HeaderList ours = {{"Origin", std::string(kOrigin)}};
  const HeaderList theirs = {{"Origin", std::string(kOtherOrigin)}};

  const HttpResponse allowed = c.get(thread_target("cors"), ours);
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.header("access-control-allow-origin"), std::string(kOrigin));
  EXPECT_NE(allowed.header("vary").value_or("").find("Origin"), std::string::npos);

  const HttpResponse foreign = c.get(thread_target("cors"), theirs);
  EXPECT_EQ(foreign.status, 200);
  EXPECT_FALSE(foreign.header("access-control-allow-origin")) << foreign.raw;

  const HttpResponse foreign_post = post_comment(c, comment_fields("cors", "cross-site spam"), theirs);
  EXPECT_EQ(foreign_post.status, 403) << foreign_post.describe();
  EXPECT_EQ(error_code(foreign_post), "origin_not_allowed");
  EXPECT_FALSE(foreign_post.header("access-control-allow-origin"));
  const HttpResponse null_post = post_comment(c, comment_fields("cors", "sandboxed spam"), {{"Origin", "null"}});
  EXPECT_EQ(null_post.status, 403) << null_post.describe();
  EXPECT_EQ(thread_count(c, "cors"), 1);

  const HttpResponse our_post = post_comment(c, comment_fields("cors", "from the page"), ours);
  EXPECT_EQ(our_post.status, 201) << our_post.describe();
  EXPECT_EQ(our_post.header("access-control-allow-origin"), std::string(kOrigin));
  const std::int64_t id = int_at(json_of(our_post), "comment.id");
  const HttpResponse foreign_vote = c.post(comments_path(id, "/vote"), vote_body(1), theirs);
  EXPECT_EQ(foreign_vote.status, 403) << foreign_vote.describe();

  HeaderList preflight = ours;
  preflight.emplace_back("Access-Control-Request-Method", "POST");
  preflight.emplace_back("Access-Control-Request-Headers", "content-type");
  const HttpResponse ok = c.request({"OPTIONS", "/api/v1/comments", "", preflight});
  EXPECT_TRUE(ok.status == 204 || ok.status == 200) << ok.describe();
  EXPECT_EQ(ok.header("access-control-allow-origin"), std::string(kOrigin));
  EXPECT_NE(ok.header("access-control-allow-methods").value_or("").find("POST"), std::string::npos);
  EXPECT_NE(lower(ok.header("access-control-allow-headers").value_or("")).find("content-type"),
            std::string::npos);

  preflight[0].second = std::string(kOtherOrigin);
  const HttpResponse refused = c.request({"OPTIONS", "/api/v1/comments", "", preflight});
  EXPECT_FALSE(refused.header("access-control-allow-origin")) << refused.raw;
  EXPECT_FALSE(refused.header("access-control-allow-methods")) << refused.raw;
}

// ---- Hostile content and privacy ----

TEST_F(ServerE2eTest, HostileBodiesComeBackInert) {
  ASSERT_TRUE(start(kNoPostingLimits));
  HttpConnection c = connect();
  // SECURITY.md 2.1, as comment bodies.
  const std::vector<std::string> payloads = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "<iframe src=https://evil.example/></iframe>",
      "<style>body{display:none}</style>",
      "<form action=https://evil.example/><input name=x></form>",
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](vbscript:msgbox(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[x](file:///etc/passwd)",
      "[x](javascript&#58;alert(1))",
      "[x](&#x6A;avascript:alert(1))",
      "[x](<java\tscript:alert(1)>)",
      "[x]( javascript:alert(1))",
      "<javascript:alert(1)>",
      "[x][r]\n\n[r]: javascript:alert(1)",
      "[x](https://a.example \"\\\" onmouseover=\\\"alert(1)\")",
      "[x](https://a.example 'x' onmouseover='alert(1)')",
      "![x](https://a.example/x.png\" onerror=\"alert(1))",
      "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
      "![x](javascript:alert(1))",
      "```\"><img src=x onerror=alert(1)>\ncode\n```",
      "<svg><style><img src=x onerror=alert(1)></style></svg>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
      "<select><option><style><script>alert(1)</script>",
      "<\xC5\xBF" "cript>alert(1)</\xC5\xBF" "cript>",
      "> <a href=\"javascript:alert(1)\">*x*</a>",
      "<a href=\"https://evil.example\" target=_blank>x</a>",
      "[a link](https://news.example/story)",
  };
  for (const std::string& body : payloads) {
    const HttpResponse r = post_comment(c, comment_fields("xss", body));
    ASSERT_EQ(r.status, 201) << body << ": " << r.describe();
    const std::string html = string_at(json_of(r), "comment.html");
    EXPECT_EQ(find_active_content(html), "") << body << " rendered as " << html;
    EXPECT_EQ(lower(html).find("<script"), std::string::npos) << body << " rendered as " << html;
    const std::string markup = lower(markup_only(html));
    for (std::string_view banned : {"<script", "onerror=", "onload=", "onmouseover=", "javascript:"}) {
      EXPECT_EQ(markup.find(banned), std::string::npos) << body << " rendered as " << html;
    }
  }
  // What readers get is the same stored HTML.
  const bj::value page = get_thread(c, "xss", "limit=100");
  ASSERT_EQ(comments_of(page).size(), payloads.size());
  for (const auto& comment : comments_of(page)) {
    const std::string html = string_at(comment, "html");
    EXPECT_EQ(find_active_content(html), "") << html;
  }
}

TEST_F(ServerE2eTest, NamesStayPlainStringsAndSecretsStayPrivate) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const std::string email = "private.reader@example.org";
  const std::vector<std::string> names = {"\"><svg onload=alert(1)>", "' onmouseover='alert(1)",
                                          "</span><svg/onload=alert('xss')>"};
  std::vector<HttpResponse> seen;  // every response except the POST replies
  std::vector<std::string> tokens;
  std::int64_t first_id = 0;
  for (const auto& name : names) {
    auto fields = comment_fields("names", "hello from " + name);
    fields["author"] = name;
    fields["email"] = email;
    const HttpResponse r = post_comment(c, fields, {{"Origin", std::string(kOrigin)}});
    ASSERT_EQ(r.status, 201) << name << ": " << r.describe();
    EXPECT_EQ(r.raw.find(email), std::string::npos) << "the POST reply shows the email";
    const bj::value v = json_of(r);
    EXPECT_EQ(string_at(v, "comment.author.name"), name);
    tokens.push_back(string_at(v, "edit_token"));
    if (first_id == 0) first_id = int_at(v, "comment.id");
  }

  const bj::value page = get_thread(c, "names", "sort=oldest");
  ASSERT_EQ(comments_of(page).size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& comment = comments_of(page)[i];
    EXPECT_EQ(string_at(comment, "author.name"), names[i]) << "names come back verbatim, as JSON strings";
    EXPECT_EQ(lower(string_at(comment, "html")).find("<svg"), std::string::npos);
    EXPECT_FALSE(member(comment, "email").is_string());
  }

  seen.push_back(c.get(thread_target("names")));
  seen.push_back(c.get(thread_target("names", "sort=votes"), {{"Origin", std::string(kOrigin)}}));
  seen.push_back(c.get("/api/v1/counts?site=news&thread=names"));
  seen.push_back(c.post(comments_path(first_id, "/vote"), vote_body(1)));
  seen.push_back(c.post(comments_path(first_id, "/report"), R"({"reason":"testing"})"));
  seen.push_back(c.request({"PATCH", comments_path(first_id),
                            bj::serialize(bj::object{{"body", "edited"}, {"edit_token", tokens[0]}}), {}}));
  seen.push_back(c.request({"PATCH", comments_path(first_id),
                            bj::serialize(bj::object{{"body", "x"}, {"edit_token", tokens[0] + "x"}}), {}}));
  seen.push_back(c.request({"OPTIONS", "/api/v1/comments", "", {{"Origin", std::string(kOrigin)}}}));
  seen.push_back(c.get("/healthz"));
  for (const auto& r : seen) {
    EXPECT_GT(r.status, 0) << r.describe();
    EXPECT_EQ(r.raw.find(email), std::string::npos) << r.raw;
    EXPECT_EQ(r.raw.find("private.reader"), std::string::npos) << r.raw;
    for (const auto& token : tokens) EXPECT_EQ(r.raw.find(token), std::string::npos) << r.raw;
  }
  EXPECT_EQ(server_.process->stdout_text().find(email), std::string::npos) << "the email is logged";
  EXPECT_EQ(server_.process->stderr_text().find(email), std::string::npos) << "the email is logged";
}

// ---- Process life ----

TEST_F(ServerE2eTest, SigtermDuringKeepAliveExitsCleanlyAndKeepsComments) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  HttpConnection silent = connect();  // connected, never sends a byte
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(int_at(must_post(c, "durable", "kept " + std::to_string(i)), "comment.id"));
  // One more request in flight as the signal arrives: if it is
  // acknowledged, it must survive too.
  ASSERT_TRUE(c.send_raw(c.serialize({"POST", "/api/v1/comments",
                                      bj::serialize(comment_fields("durable", "racing the signal")), {}})));
  ASSERT_EQ(::kill(server_.process->pid(), SIGTERM), 0);
  const HttpResponse racing = c.read_response();
  if (racing.status == 201) ids.push_back(int_at(json_of(racing), "comment.id"));

  // The idle connections must not hold the exit for the 10 s shutdown grace.
  const auto done = server_.process->wait_exit(seconds(5));
  ASSERT_TRUE(done) << "still running 5 s after SIGTERM";
  EXPECT_TRUE(done->is_clean()) << done->describe();
  EXPECT_TRUE(c.wait_closed(seconds(1)));
  EXPECT_TRUE(silent.wait_closed(seconds(1)));

  ASSERT_TRUE(restart());
  HttpConnection after = connect();
  const bj::value page = get_thread(after, "durable", "sort=oldest");
  std::vector<std::int64_t> found;
  for (const auto& comment : comments_of(page)) found.push_back(int_at(comment, "id"));
  for (auto id : ids) EXPECT_NE(std::find(found.begin(), found.end(), id), found.end()) << "lost comment " << id;
  EXPECT_EQ(int_at(page, "thread.count"), static_cast<std::int64_t>(found.size()));
}

TEST_F(ServerE2eTest, SlowHeaderClientIsCutOffWithoutStallingOthers) {
  // One I/O thread: a server that waited on the slow client anywhere would stall everyone.
  ASSERT_TRUE(start("header_timeout_ms = 1500\nio_threads = 1\n"));
  HttpConnection slow = connect();
  HttpConnection fast = connect();
  const std::string head = "GET /api/v1/counts?site=news&thread=slow HTTP/1.1\r\nHost: x\r\n"
                           "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  std::size_t sent = 0;
  int answered = 0;
  bool is_cut_off = false;
  // The attacker's pace, one byte every 500 ms, is the behaviour under test.
  auto tick = SteadyClock::now();
  const auto give_up = tick + seconds(8);
  while (sent < head.size() && SteadyClock::now() < give_up) {
    if (slow.is_closed_by_peer() || !slow.send_raw(head.substr(sent, 1))) {
      is_cut_off = true;
      break;
    }
    ++sent;
    const HttpResponse r = fast.get("/api/v1/counts?site=news&thread=fast");
    EXPECT_EQ(r.status, 200) << "while the slow client holds a connection: " << r.describe();
    if (r.status == 200) ++answered;
    tick += milliseconds(500);
    std::this_thread::sleep_until(tick);
  }
  if (!is_cut_off) is_cut_off = slow.wait_closed(seconds(3));
  EXPECT_TRUE(is_cut_off) << "the slow connection is still open after " << sent << " bytes";
  EXPECT_LT(sent, head.size()) << "the whole head trickled in: the header timeout did not apply";
  EXPECT_GE(answered, 2) << "other clients were not served while the slow one was connected";
  EXPECT_EQ(fast.get("/healthz").status, 200);
}

TEST_F(ServerE2eTest, PipelinedRequestsAreAnsweredInOrder) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  // A GET with a body: the body is skipped by its framing or the connection
  // closes; it must never be read as the next request.
  ASSERT_TRUE(c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                         "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  const HttpResponse first = c.read_response();
  EXPECT_GT(first.status, 0) << first.describe();
  if (first.status == 200) {
    const HttpResponse second = c.read_response();
    EXPECT_EQ(second.status, 200) << second.describe();
    EXPECT_EQ(second.body, R"({"status":"ok"})");
  } else {
    EXPECT_TRUE(c.wait_closed(seconds(5))) << first.describe();
  }

  // A read, a write and a read in one packet: answered in that order, and
  // the second read sees the write.
  HttpConnection p = connect();
  const std::string counts = "/api/v1/counts?site=news&thread=pipe";
  ASSERT_TRUE(p.send_raw(p.serialize({"GET", counts, "", {}}) +
                         p.serialize({"POST", "/api/v1/comments", bj::serialize(comment_fields("pipe", "piped")), {}}) +
                         p.serialize({"GET", counts, "", {}})));
  const HttpResponse before = p.read_response();
  const HttpResponse posted = p.read_response();
  const HttpResponse after = p.read_response();
  EXPECT_EQ(int_at(json_of(before), "counts.pipe"), 0) << before.describe();
  EXPECT_EQ(posted.status, 201) << posted.describe();
  EXPECT_EQ(int_at(json_of(after), "counts.pipe"), 1) << after.describe();
}

TEST_F(ServerE2eTest, AmbiguousFramingAndHugeHeadersAreRefused) {
  ASSERT_TRUE(start());
  struct Case {
    std::string what;
    std::string raw;
    int status;
  };
  const std::string post = "POST /api/v1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
  const std::vector<Case> cases = {
      {"Content-Length with Transfer-Encoding",
       post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"two Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400},
      {"signed Content-Length", post + "Content-Length: +5\r\n\r\nhello", 400},
      {"xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400},
      {"20 KB header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n",
       431},
  };
  for (const Case& k : cases) {
    HttpConnection c = connect();
    ASSERT_TRUE(c.send_raw(k.raw)) << k.what;
    const HttpResponse r = c.read_response();
    EXPECT_EQ(r.status, k.status) << k.what << ": " << r.describe();
    EXPECT_TRUE(c.wait_closed(seconds(5))) << k.what << ": the connection stays open";
  }
  HttpConnection c = connect();
  EXPECT_EQ(c.get("/healthz").status, 200);
  EXPECT_EQ(thread_count(c, "t"), 0);
}

}  // namespace
}  // namespace sala::test
