// GET /api/v1/events on the real binary: live comments as Server-Sent
// Events, replay after Last-Event-ID, and what must never be streamed.

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "integration/e2e_fixture.hpp"

namespace sala::test {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kWait{5000};

std::string events_target(std::string_view site, std::string_view thread) {
  return std::string(kApi) + "/events?site=" + std::string(site) + "&thread=" + std::string(thread);
}

// Opens a stream and reads up to its first blank line after the head (the
// `retry:` advice), so whatever is posted afterwards is certain to be seen.
std::optional<std::string> open_stream(HttpConnection& c, std::string_view site,
                                       std::string_view thread, HeaderList headers = {}) {
  std::string raw = "GET " + events_target(site, thread) + " HTTP/1.1\r\nHost: x\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  raw += "\r\n";
  if (!c.send_raw(raw)) return std::nullopt;
  auto head = c.read_until("\r\n\r\n", kWait);
  if (!head) return std::nullopt;
  auto retry = c.read_until("\n\n", kWait);
  if (!retry || *retry != "retry: 5000\n\n") return std::nullopt;
  return head;
}

// The next `event: comment`, as its id line and parsed data.
struct Event {
  std::string id;
  boost::json::value data;
};
std::optional<Event> next_event(HttpConnection& c, milliseconds wait = kWait) {
  for (;;) {
    auto frame = c.read_until("\n\n", wait);
    if (!frame) return std::nullopt;
    if (frame->starts_with(":")) continue;  // a heartbeat
    const auto event_at = frame->find("\nevent: comment\ndata: ");
    if (!frame->starts_with("id: ") || event_at == std::string::npos) return std::nullopt;
    Event e;
    e.id = frame->substr(4, event_at - 4);
    const std::size_t data_at = event_at + std::string_view("\nevent: comment\ndata: ").size();
    e.data = boost::json::parse(frame->substr(data_at, frame->size() - data_at - 2));
    return e;
  }
}

TEST_F(ServerE2eTest, EventsStreamNewCommentsAndRepliesOfTheirThreadOnly) {
  ASSERT_TRUE(start());
  HttpConnection stream = connect();
  auto head = open_stream(stream, kSite, "/story", {{"Origin", std::string(kOrigin)}});
  ASSERT_TRUE(head);
  EXPECT_NE(head->find("Content-Type: text/event-stream; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(head->find("Cache-Control: no-store\r\n"), std::string::npos);
  EXPECT_NE(head->find("Access-Control-Allow-Origin: " + std::string(kOrigin) + "\r\n"),
            std::string::npos);
  EXPECT_EQ(head->find("Content-Length"), std::string::npos);

  HttpConnection c = connect();
  must_post(c, "/elsewhere", "not for this stream");
  const auto posted = must_post(c, "/story", "first **live**");
  const std::int64_t id = int_at(posted, "comment.id");
  const auto reply = must_post(c, "/story", "a reply", id);

  auto first = next_event(stream);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, std::to_string(id));
  EXPECT_EQ(int_at(first->data, "id"), id);
  EXPECT_EQ(string_at(first->data, "html"), "<p>first <strong>live</strong></p>\n");
  EXPECT_EQ(string_at(first->data, "author.name"), "Ada");
  EXPECT_FALSE(first->data.as_object().contains("email"));
  EXPECT_FALSE(first->data.as_object().contains("edit_token"));

  auto second = next_event(stream);
  ASSERT_TRUE(second);
  EXPECT_EQ(int_at(second->data, "id"), int_at(reply, "comment.id"));
  EXPECT_EQ(int_at(second->data, "parent"), id);
  EXPECT_EQ(int_at(second->data, "depth"), 1);
}

TEST_F(ServerE2eTest, EventsNeverCarryAPendingComment) {
  ASSERT_TRUE(start("[[sites]]\nid = \"held\"\norigins = [\"https://held.example\"]\npremoderate = true\n"));
  HttpConnection stream = connect();
  ASSERT_TRUE(open_stream(stream, "held", "/story"));
  HttpConnection c = connect();
  const HttpResponse held = post_comment(
      c, {{"site", "held"}, {"thread", "/story"}, {"author", "Ada"}, {"body", "wait for a moderator"}});
  ASSERT_EQ(held.status, 202) << held.describe();
  // Nothing but heartbeats may come; the first heartbeat is 25 s away.
  EXPECT_FALSE(next_event(stream, milliseconds(1500)));
}

TEST_F(ServerE2eTest, EventsReplayWhatAReconnectingReaderMissed) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(int_at(must_post(c, "/story", "comment " + std::to_string(i)), "comment.id"));

  HttpConnection stream = connect();
  ASSERT_TRUE(open_stream(stream, kSite, "/story", {{"Last-Event-ID", std::to_string(ids[0])}}));
  for (std::size_t i = 1; i < ids.size(); ++i) {
    auto e = next_event(stream);
    ASSERT_TRUE(e) << i;
    EXPECT_EQ(int_at(e->data, "id"), ids[i]);
  }
  const std::int64_t live = int_at(must_post(c, "/story", "after the reconnect"), "comment.id");
  auto e = next_event(stream);
  ASSERT_TRUE(e);
  EXPECT_EQ(int_at(e->data, "id"), live) << "no repeat, no gap";

  // Without Last-Event-ID a stream starts from now.
  HttpConnection fresh = connect();
  ASSERT_TRUE(open_stream(fresh, kSite, "/story"));
  EXPECT_FALSE(next_event(fresh, milliseconds(500)));
  // A Last-Event-ID that is not an id is ignored, not an error.
  HttpConnection odd = connect();
  EXPECT_TRUE(open_stream(odd, kSite, "/story", {{"Last-Event-ID", "yesterday"}}));
}

TEST_F(ServerE2eTest, EventsRefuseBadParametersWithJson) {
  ASSERT_TRUE(start());
  HttpConnection c = connect();
  const HttpResponse unknown = c.get(events_target("nosuch", "/story"));
  EXPECT_EQ(unknown.status, 404) << unknown.describe();
  EXPECT_EQ(string_at(json_of(unknown), "error.code"), "not_found");
  const HttpResponse no_thread = c.get(std::string(kApi) + "/events?site=" + std::string(kSite));
  EXPECT_EQ(no_thread.status, 400) << no_thread.describe();
  // A thread key the comments endpoint refuses is refused here the same way.
  const HttpResponse bad_thread = c.get(events_target(kSite, "a%07b"));
  EXPECT_EQ(bad_thread.status, 422) << bad_thread.describe();
  EXPECT_EQ(c.get(thread_target("a%07b")).status, bad_thread.status);
  HttpConnection other = connect();
  const HttpResponse post = other.post(events_target(kSite, "/story"), "{}");
  EXPECT_EQ(post.status, 405) << post.describe();
}

TEST_F(ServerE2eTest, EventStreamsPerAddressAreCappedWith429) {
  ASSERT_TRUE(start());
  std::vector<HttpConnection> streams;
  for (int i = 0; i < 64; ++i) {
    streams.push_back(connect());
    ASSERT_TRUE(open_stream(streams.back(), kSite, "/story")) << i;
  }
  HttpConnection extra = connect();
  const HttpResponse refused =
      extra.get(events_target(kSite, "/story"), {{"Origin", std::string(kOrigin)}});
  EXPECT_EQ(refused.status, 429) << refused.describe();
  EXPECT_EQ(refused.header("retry-after"), "30");
  EXPECT_EQ(refused.header("access-control-expose-headers"), "Retry-After");
  EXPECT_EQ(string_at(json_of(refused), "error.code"), "too_many_streams");
  // A closed stream frees its place.
  streams.front().close();
  HttpConnection again = connect();
  bool reopened = false;
  for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
    again = connect();
    reopened = open_stream(again, kSite, "/story").has_value();
    if (!reopened) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(reopened);
}

TEST_F(ServerE2eTest, EventStreamsEndWhenTheServerStops) {
  // restart() needs a clean exit within 15 s: an open stream that held the
  // shutdown for the whole grace period would fail it.
  ASSERT_TRUE(start("shutdown_grace_ms = 60000\n"));
  HttpConnection stream = connect();
  ASSERT_TRUE(open_stream(stream, kSite, "/story"));
  ASSERT_TRUE(restart());
  EXPECT_TRUE(stream.wait_closed(milliseconds(1000)));
}

}  // namespace
}  // namespace sala::test
