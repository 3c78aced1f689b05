// Anchors: what a post may claim about the passage it comments on, and how
// the thread's passages are counted.
#include "core/text.hpp"
#include "service/post_validation.hpp"
#include "service/service_fixture.hpp"

namespace sala::service {
namespace {

using PassagesTest = ServiceTest;

Anchor anchor(std::string quote, std::int64_t start, std::string prefix = "the ", std::string suffix = " of") {
  const auto length = static_cast<std::int64_t>(text::utf16_length(quote));
  return Anchor{std::move(quote), std::move(prefix), std::move(suffix), start, start + length};
}

TEST(CleanAnchor, KeepsArticleTextExactlyAsQuoted) {
  // Spaces at the edges of the context, a zero-width space between Khmer
  // words and a decomposed é are the article's own text: kept byte for byte.
  const std::string khmer = "\xE1\x9E\x80\xE1\x9E\xB6\xE2\x80\x8B\xE1\x9E\x9F";  // "កា​ស"
  const std::string decomposed = "e\xCC\x81t\xC3\xA9";                           // "e\u0301té"
  for (const auto& quote : {khmer, decomposed, std::string(" spaced ")}) {
    auto cleaned = clean_anchor(anchor(quote, 7, "ends with a space ", " starts with one"));
    ASSERT_TRUE(cleaned) << cleaned.error().message;
    EXPECT_EQ(cleaned->quote, quote);
    EXPECT_EQ(cleaned->prefix, "ends with a space ");
    EXPECT_EQ(cleaned->suffix, " starts with one");
  }
}

TEST(CleanAnchor, CountsOffsetsInUtf16Units) {
  const std::string emoji = "a \xF0\x9F\x93\xB0 b";  // "a 📰 b": 5 code points, 6 UTF-16 units
  EXPECT_TRUE(clean_anchor(Anchor{emoji, "", "", 10, 16}));
  auto short_span = clean_anchor(Anchor{emoji, "", "", 10, 15});
  ASSERT_FALSE(short_span);
  EXPECT_STREQ(short_span.error().wire_code(), "anchor_invalid");
}

TEST(CleanAnchor, RefusesWhatNoArticleHas) {
  struct Case {
    Anchor anchor;
    const char* code;
  };
  const std::vector<Case> cases = {
      {Anchor{"", "", "", 0, 1}, "anchor_quote_required"},
      {Anchor{"a\nb", "", "", 0, 3}, "anchor_quote_invalid_characters"},
      {Anchor{std::string("a\0b", 3), "", "", 0, 3}, "anchor_quote_invalid_characters"},
      {Anchor{"ok", "\x1b[31m", "", 0, 2}, "anchor_prefix_invalid_characters"},
      {Anchor{"ok", "", "\xE2\x80\xA8", 0, 2}, "anchor_suffix_invalid_characters"},
      {Anchor{"\xC3\x28", "", "", 0, 1}, "invalid_utf8"},
      {Anchor{std::string(1001, 'x'), "", "", 0, 1001}, "anchor_quote_too_long"},
      {Anchor{"ok", std::string(201, 'p'), "", 0, 2}, "anchor_prefix_too_long"},
      {Anchor{"ok", "", "", -1, 1}, "anchor_invalid"},
      {Anchor{"ok", "", "", 5, 5}, "anchor_invalid"},
      {Anchor{"ok", "", "", 3, 1}, "anchor_invalid"},
      {Anchor{"ok", "", "", 100'000'000, 100'000'002}, "anchor_invalid"},
  };
  for (const auto& c : cases) {
    auto cleaned = clean_anchor(c.anchor);
    ASSERT_FALSE(cleaned) << c.code;
    EXPECT_STREQ(cleaned.error().wire_code(), c.code);
  }
}

TEST_F(PassagesTest, IdenticalAnchorsShareAPassageAndHeldCommentsAreNotCounted) {
  auto on = [&](const Anchor& a) {
    auto in = input("about this");
    in.anchor = a;
    auto posted = post(in);
    EXPECT_TRUE(posted) << posted.error().message;
    return posted->comment.id;
  };
  const CommentId first = on(anchor("second sentence", 40));
  const CommentId again = on(anchor("second sentence", 40));
  const CommentId opening = on(anchor("opening words", 0));
  const CommentId other_context = on(anchor("second sentence", 40, "a ", " of"));
  ASSERT_TRUE(post(input("not anchored")));

  auto passages = reader_.passages(*store_, SiteId{"news"}, "/story");
  ASSERT_TRUE(passages) << passages.error().message;
  ASSERT_EQ(passages->size(), 3u);
  EXPECT_EQ((*passages)[0].anchor.quote, "opening words");
  EXPECT_EQ((*passages)[0].comments, std::vector<CommentId>{opening});
  // Same span, two contexts: the article changed between the two posts, so
  // they are two passages until the widget finds them again.
  std::vector<std::vector<CommentId>> at_40{(*passages)[1].comments, (*passages)[2].comments};
  std::sort(at_40.begin(), at_40.end());
  std::vector<std::vector<CommentId>> expected{{first, again}, {other_context}};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(at_40, expected);

  auto none = reader_.passages(*store_, SiteId{"news"}, "/no-comments-yet");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto unknown_site = reader_.passages(*store_, SiteId{"elsewhere"}, "/story");
  ASSERT_FALSE(unknown_site);
  EXPECT_EQ(unknown_site.error().code, Errc::not_found);
}

TEST_F(PassagesTest, APendingAnchoredCommentIsNotAPassage) {
  auto in = input("held");
  in.anchor = anchor("quiet words", 3);
  auto site = store_->sites().find(SiteId{"news"});
  ASSERT_TRUE(site && *site);
  Site held = **site;
  held.premoderate = true;
  ASSERT_TRUE(store_->sites().put(held));
  auto posted = post(in);
  ASSERT_TRUE(posted) << posted.error().message;
  ASSERT_EQ(posted->comment.state, CommentState::pending);
  auto passages = reader_.passages(*store_, SiteId{"news"}, "/story");
  ASSERT_TRUE(passages);
  EXPECT_TRUE(passages->empty());
}

}  // namespace
}  // namespace sala::service
