// Atom documents stay well-formed and complete whatever commenters wrote:
// parsed with expat, then checked against RFC 4287's required elements.
#include <expat.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "feeds/atom.hpp"

namespace sala::feeds {
namespace {

struct Node {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;
  std::vector<Node> children;
  const Node* child(const std::string& n) const {
    for (const auto& c : children) {
      if (c.name == n) return &c;
    }
    return nullptr;
  }
  int count(const std::string& n) const {
    int k = 0;
    for (const auto& c : children) k += c.name == n;
    return k;
  }
};

struct Parser {
  Node root;
  std::vector<Node*> stack;
  static void start(void* self, const XML_Char* name, const XML_Char** attrs) {
    auto* p = static_cast<Parser*>(self);
    Node n;
    n.name = name;
    for (int i = 0; attrs[i]; i += 2) n.attrs[attrs[i]] = attrs[i + 1];
    if (p->stack.empty()) {
      p->root = std::move(n);
      p->stack.push_back(&p->root);
    } else {
      p->stack.back()->children.push_back(std::move(n));
      p->stack.push_back(&p->stack.back()->children.back());
    }
  }
  static void end(void* self, const XML_Char*) { static_cast<Parser*>(self)->stack.pop_back(); }
  static void text(void* self, const XML_Char* s, int len) {
    auto* p = static_cast<Parser*>(self);
    if (!p->stack.empty()) p->stack.back()->text.append(s, static_cast<std::size_t>(len));
  }
};

// Parses with namespaces resolved ("http://www.w3.org/2005/Atom|feed").
std::optional<Node> parse(const std::string& xml) {
  Parser p;
  XML_Parser x = XML_ParserCreateNS("UTF-8", '|');
  XML_SetUserData(x, &p);
  XML_SetElementHandler(x, Parser::start, Parser::end);
  XML_SetCharacterDataHandler(x, Parser::text);
  const bool ok = XML_Parse(x, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!ok) ADD_FAILURE() << XML_ErrorString(XML_GetErrorCode(x)) << " at line " << XML_GetCurrentLineNumber(x);
  XML_ParserFree(x);
  if (!ok) return std::nullopt;
  return p.root;
}

const std::string kAtom = "http://www.w3.org/2005/Atom|";

store::FeedEntry entry(std::int64_t id, std::string name, std::string html, std::string title) {
  store::FeedEntry e;
  e.id = CommentId{id};
  e.author_name = std::move(name);
  e.body_html = std::move(html);
  e.created = Timestamp{1'700'000'123'456};
  e.thread_key = "/story";
  e.thread_title = std::move(title);
  e.thread_url = "https://news.example/story?a=1&b=2";
  return e;
}

TEST(AtomTest, HostileTextMakesAWellFormedCompleteFeed) {
  const std::vector<store::FeedEntry> entries = {
      entry(1, "<script>alert(1)</script> & \"Eve\"", "<p>]]> <![CDATA[ x ]]> &amp; </p>",
            "Title with \x01 control \x7f and \xff\xfe bad bytes"),
      entry(2, "ស៊ុយ", "<p>&lt;/content&gt;&lt;entry&gt;</p>\n", "</title><evil/>"),
      entry(3, "", "\xEF\xBF\xBE noncharacter", ""),
  };
  FeedHead head{"https://c.example/api/v1/feed.atom?site=news&thread=%2Fstory", "Comments on <b>",
                "https://c.example/api/v1/feed.atom?site=news&thread=%2Fstory",
                "https://news.example/story?a=1&b=2", Timestamp{1'700'000'000'000}};
  const std::string xml = atom_feed(head, "tag:c.example,2026:news/comment/", entries);
  auto feed = parse(xml);
  ASSERT_TRUE(feed) << xml;
  EXPECT_EQ(feed->name, kAtom + "feed");
  for (const char* required : {"id", "title", "updated"}) {
    EXPECT_EQ(feed->count(kAtom + required), 1) << required;
  }
  EXPECT_EQ(feed->child(kAtom + "title")->text, "Comments on <b>");
  EXPECT_EQ(feed->count(kAtom + "entry"), 3);
  for (const auto& e : feed->children) {
    if (e.name != kAtom + "entry") continue;
    for (const char* required : {"id", "title", "updated", "author", "content", "link"}) {
      EXPECT_EQ(e.count(kAtom + required), 1) << required;
    }
    EXPECT_FALSE(e.child(kAtom + "author")->child(kAtom + "name")->text.empty());
    EXPECT_EQ(e.child(kAtom + "content")->attrs.at("type"), "html");
    EXPECT_TRUE(e.child(kAtom + "id")->text.starts_with("tag:c.example,2026:news/comment/"));
    // Times are RFC 3339, rounded down to the minute.
    EXPECT_EQ(e.child(kAtom + "updated")->text, "2023-11-14T22:15:00.000Z");
  }
  const Node* found = feed->child(kAtom + "entry");
  ASSERT_NE(found, nullptr);
  const Node& first = *found;
  // What was written is what a reader gets back, as text, not markup.
  EXPECT_EQ(first.child(kAtom + "author")->child(kAtom + "name")->text, "<script>alert(1)</script> & \"Eve\"");
  EXPECT_EQ(first.child(kAtom + "content")->text, "<p>]]> <![CDATA[ x ]]> &amp; </p>");
  EXPECT_EQ(first.child(kAtom + "link")->attrs.at("href"), "https://news.example/story?a=1&b=2#comment-1");
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(AtomTest, AnEmptyFeedIsStillValid) {
  FeedHead head{"https://c.example/f", "Comments on news", "https://c.example/f", "", Timestamp{60'000}};
  auto feed = parse(atom_feed(head, "tag:x,2026:", {}));
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->child(kAtom + "updated")->text, "1970-01-01T00:01:00.000Z");
  EXPECT_EQ(feed->count(kAtom + "entry"), 0);
}

}  // namespace
}  // namespace sala::feeds
