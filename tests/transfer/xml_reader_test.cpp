// The XML layer under every XML import: hostile documents fail cleanly, with
// bounded memory, and never reach outside the file.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "transfer/xml_reader.hpp"

namespace sala::transfer {
namespace {

struct Recorder final : XmlHandler {
  std::vector<std::string> events;
  std::vector<bool> truncated;
  Result<void> start(const XmlName& name, const XmlAttributes& attributes) override {
    events.push_back("<" + std::string(name.local) + (name.ns.empty() ? "" : "@" + std::string(name.ns)) +
                     (attributes.has("", "a") ? " a=" + std::string(attributes.get("", "a")) : ""));
    return {};
  }
  Result<void> end(const XmlName& name, std::string& text, bool cut) override {
    events.push_back("/" + std::string(name.local) + ":" + text);
    truncated.push_back(cut);
    return {};
  }
};

class XmlReaderTest : public testing::Test {
 protected:
  std::string write(const std::string& content) {
    const std::string path = dir_.file("doc-" + std::to_string(++n_) + ".xml");
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  Result<void> parse(const std::string& content, Recorder& r, XmlLimits limits = {}) {
    return parse_xml_file(write(content), r, limits);
  }
  test::TempDir dir_;
  int n_ = 0;
};

TEST_F(XmlReaderTest, ReportsElementsNamespacesAttributesAndText) {
  Recorder r;
  auto done = parse(R"(<?xml version="1.0"?><root xmlns:wp="urn:wp"><wp:x a="1">hi &amp; <![CDATA[<b>]]></wp:x></root>)", r);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(r.events, (std::vector<std::string>{"<root", "<x@urn:wp a=1", "/x:hi & <b>", "/root:"}));
}

TEST_F(XmlReaderTest, LatinOneDocumentsArriveAsUtf8) {
  Recorder r;
  ASSERT_TRUE(parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\xE9</r>", r));
  EXPECT_EQ(r.events.back(), "/r:caf\xC3\xA9");
}

TEST_F(XmlReaderTest, BillionLaughsIsRefusedBeforeAnyExpansion) {
  std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    doc += "\">";
  }
  doc += "]><lolz>&lol9;</lolz>";
  Recorder r;
  auto done = parse(doc, r);
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "xml_dtd_refused");
  EXPECT_TRUE(r.events.empty());
}

TEST_F(XmlReaderTest, ExternalEntitiesAreNeverRead) {
  // A file the entity would pull in; its content must never appear.
  const std::string secret = dir_.file("secret.txt");
  std::ofstream(secret) << "TOP-SECRET";
  for (const std::string& doc :
       {"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret + "\">]><r>&x;</r>",
        std::string("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\"><r>&x;</r>"),
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"file://" + secret + "\"> %p;]><r/>"}) {
    Recorder r;
    auto done = parse(doc, r);
    ASSERT_FALSE(done) << doc;
    EXPECT_STREQ(done.error().wire_code(), "xml_dtd_refused") << doc;
    for (const auto& e : r.events) EXPECT_EQ(e.find("TOP-SECRET"), std::string::npos);
  }
}

TEST_F(XmlReaderTest, AnUndeclaredEntityIsMalformed) {
  Recorder r;
  auto done = parse("<r>&nbsp;</r>", r);
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "invalid_xml");
}

TEST_F(XmlReaderTest, HugeTextIsCutAtTheLimitAndFlagged) {
  std::string doc = "<r><big>";
  doc.append(3'000'000, 'x');
  doc += "</big><small>ok</small></r>";
  Recorder r;
  ASSERT_TRUE(parse(doc, r, {.max_text = 1000}));
  ASSERT_EQ(r.events.size(), 6u);
  EXPECT_LE(r.events[2].size(), 1000u + 5);
  EXPECT_TRUE(r.truncated[0]);
  EXPECT_EQ(r.events[4], "/small:ok");
  EXPECT_FALSE(r.truncated[1]);
}

TEST_F(XmlReaderTest, AHugeTagOrCommentIsRefusedNotBuffered) {
  for (const std::string& open : {std::string("<r><a x=\""), std::string("<r><!--")}) {
    std::string doc = open;
    doc.append(3u << 20, 'y');
    doc += open.ends_with("\"") ? "\"/></r>" : "--></r>";
    Recorder r;
    auto done = parse(doc, r, {.max_token = 1u << 20});
    ASSERT_FALSE(done) << open;
    EXPECT_STREQ(done.error().wire_code(), "invalid_xml");
  }
  // Text of the same size streams through.
  std::string text = "<r>";
  text.append(3u << 20, 'y');
  text += "</r>";
  Recorder r;
  EXPECT_TRUE(parse(text, r, {.max_text = 100, .max_token = 1u << 20}));
}

TEST_F(XmlReaderTest, InvalidUtf8AndMalformedDocumentsFailWithAPlace) {
  for (const std::string& doc :
       {std::string("<r>caf\xC3</r>"), std::string("<r>\xED\xA0\x80</r>"), std::string("<r><a></r>"),
        std::string("<r>"), std::string(""), std::string("<r a=1/>"), std::string("`<?xml version=\"1.0\"?><r/>"),
        std::string("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><r/>")}) {
    Recorder r;
    auto done = parse(doc, r);
    ASSERT_FALSE(done) << doc;
    EXPECT_STREQ(done.error().wire_code(), "invalid_xml") << doc;
    EXPECT_NE(done.error().message.find("line"), std::string::npos) << done.error().message;
  }
}

TEST_F(XmlReaderTest, DeepNestingIsRefused) {
  std::string doc;
  for (int i = 0; i < 10'000; ++i) doc += "<a>";
  for (int i = 0; i < 10'000; ++i) doc += "</a>";
  Recorder r;
  auto done = parse(doc, r);
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "invalid_xml");
}

TEST_F(XmlReaderTest, AHandlerErrorStopsTheParse) {
  struct Stopper final : XmlHandler {
    int starts = 0;
    Result<void> start(const XmlName&, const XmlAttributes&) override {
      if (++starts == 2) return Error::invalid("enough", "enough");
      return {};
    }
    Result<void> end(const XmlName&, std::string&, bool) override { return {}; }
  } stopper;
  auto done = parse_xml_file(write("<r><a/><b/><c/></r>"), stopper);
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "enough");
  EXPECT_EQ(stopper.starts, 2);
}

TEST_F(XmlReaderTest, AMissingFileIsNamed) {
  Recorder r;
  auto done = parse_xml_file(dir_.file("nope.xml"), r);
  ASSERT_FALSE(done);
  EXPECT_STREQ(done.error().wire_code(), "file_not_found");
}

}  // namespace
}  // namespace sala::transfer
