#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "pages/form_token.hpp"
#include "pages/html_writer.hpp"
#include "pages/thread_page.hpp"

namespace sala::pages {
namespace {

TEST(HtmlWriterTest, EscapesTextAndAttributes) {
  HtmlWriter w;
  w.open("p", {{"title", "\"><script>alert(1)</script>"}}).text("<img src=x onerror=alert(1)> & '").close("p");
  const std::string out = w.take();
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find("<img"), std::string::npos);
  EXPECT_NE(out.find("&quot;&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(out.find("&amp; &#39;"), std::string::npos);
}

class FormTokenTest : public testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
  FormTokens tokens_{std::string(32, 'k')};
  FormSubject subject_{"news", "/story", "reader-1"};
  Timestamp now_{1'700'000'000'000};
};

TEST_F(FormTokenTest, AcceptsItsOwnTokenForTheSameReaderAndThread) {
  const auto token = tokens_.issue(subject_, now_ + std::chrono::hours(2));
  EXPECT_TRUE(tokens_.verify(subject_, token, now_));
}

TEST_F(FormTokenTest, RefusesOtherReadersThreadsAndForgeries) {
  const auto token = tokens_.issue(subject_, now_ + std::chrono::hours(2));
  for (const FormSubject& other : {FormSubject{"news", "/story", "reader-2"},
                                   FormSubject{"news", "/other", "reader-1"},
                                   FormSubject{"blog", "/story", "reader-1"}}) {
    auto r = tokens_.verify(other, token, now_);
    ASSERT_FALSE(r);
    EXPECT_STREQ(r.error().wire_code(), "invalid_form_token");
  }
  for (const std::string& bad : {std::string(), std::string("."), std::string("123"), token + "0",
                                token.substr(0, token.size() - 1), "9999999999999." + token.substr(token.find('.') + 1)}) {
    EXPECT_FALSE(tokens_.verify(subject_, bad, now_)) << bad;
  }
  FormTokens other_key(std::string(32, 'x'));
  EXPECT_FALSE(other_key.verify(subject_, token, now_));
}

TEST_F(FormTokenTest, ExpiredTokensSaySo) {
  const auto token = tokens_.issue(subject_, now_ + std::chrono::hours(2));
  auto r = tokens_.verify(subject_, token, now_ + std::chrono::hours(3));
  ASSERT_FALSE(r);
  EXPECT_STREQ(r.error().wire_code(), "form_expired");
}

TEST(ThreadPageTest, RendersAThreadWithoutScriptAndKeepsTheForm) {
  service::ThreadView view;
  view.thread.site = SiteId{"news"};
  view.thread.key = "/a&b";
  view.thread.title = "<b>Title</b>";
  view.thread.comment_count = 1;
  Comment c;
  c.id = CommentId{5};
  c.author_name = "<svg onload=alert(1)>";
  c.body_html = "<p>safe</p>";
  c.anchor = Anchor{"the <i>passage</i>", "", "", 0, 18};
  view.comments.push_back({{c, 0, false}, {}});
  ThreadPageModel model{&view, "news", Sort::newest, "", {}};
  model.form.body = "</textarea><script>alert(1)</script>";
  model.form.token = "1.abc";
  const std::string html = render_thread_page(model);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<b>Title"), std::string::npos);
  EXPECT_NE(html.find("<p>safe</p>"), std::string::npos);
  EXPECT_NE(html.find("On \u201Cthe &lt;i&gt;passage&lt;/i&gt;\u201D"), std::string::npos) << "the quote, as text";
  EXPECT_NE(html.find("&lt;/textarea&gt;"), std::string::npos);
  EXPECT_NE(html.find("value=\"1.abc\""), std::string::npos);
  EXPECT_NE(html.find("&amp;thread=/a%26b"), std::string::npos);
}

TEST(ThreadPageTest, LinksEncodeEveryValue) {
  EXPECT_EQ(thread_page_link("news", "/a b&c=d#e"), "/thread?site=news&thread=/a%20b%26c=d%23e");
}

}  // namespace
}  // namespace sala::pages
