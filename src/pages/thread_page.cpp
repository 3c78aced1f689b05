#include "pages/thread_page.hpp"

#include <algorithm>

#include <boost/url/url.hpp>

#include "pages/html_writer.hpp"
#include "service/honeypot.hpp"

namespace sala::pages {
namespace {

constexpr int kMaxIndent = 4;

constexpr std::string_view kStyle = R"(<style>
body{margin:0;font:16px/1.55 system-ui,sans-serif;color:#1d1d1f;background:#fbfaf7}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3}
a{color:#0b57a4}
ol{list-style:none;margin:0;padding:0}
article{border-top:1px solid #ddd;padding:.75rem 0}
.meta{font-size:.9rem;color:#555}
.body{overflow-wrap:anywhere;overflow:hidden}
blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #ccc;color:#444}
.deleted{color:#666;font-style:italic}
.d1{margin-left:1.25rem}.d2{margin-left:2.5rem}.d3{margin-left:3.75rem}.d4{margin-left:5rem}
form{margin-top:1.5rem;border-top:2px solid #ccc;padding-top:1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}
textarea{min-height:8rem}
button{margin-top:.75rem;font:inherit;padding:.5rem 1rem}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.error{color:#a40000;font-weight:600}.notice{background:#eef6ee;padding:.5rem}
@media (prefers-color-scheme:dark){body{background:#16171a;color:#e8e6e3}a{color:#8ab4f8}
article{border-color:#333}.meta,.deleted,blockquote{color:#aaa}input,textarea{background:#222;color:#eee}}
</style>)";

std::string depth_class(int depth) {
  return "d" + std::to_string(std::min(depth, kMaxIndent));
}

void write_comment(HtmlWriter& w, const DisplayedComment& shown, const ThreadPageModel& m) {
  const Comment& c = shown.comment;
  const std::string id = "c" + std::to_string(c.id.value);
  w.open("li", {{"id", id}, {"class", depth_class(shown.depth)}}).open("article");
  if (shown.is_placeholder) {
    w.element("p", "This comment was deleted.", {{"class", "deleted"}});
  } else {
    const std::string when = format_rfc3339(c.created).substr(0, 16);
    w.open("p", {{"class", "meta"}})
        .open("bdi")
        .element("strong", c.author_name)
        .close("bdi")
        .text(" · ")
        .element("time", when.substr(0, 10) + " " + when.substr(11, 5) + " UTC", {{"datetime", when + "Z"}})
        .text(" · score " + std::to_string(c.score()))
        .close("p");
    // A comment on a passage of the article says which, as the widget does.
    if (c.anchor) {
      w.open("blockquote", {{"class", "passage"}, {"dir", "auto"}})
          .text("On \u201C" + c.anchor->quote + "\u201D")
          .close("blockquote");
    }
    w.open("div", {{"class", "body"}, {"dir", "auto"}}).trusted_html(c.body_html).close("div");
    w.element("a", "Reply",
              {{"href", thread_page_link(m.site, m.view->thread.key, m.sort, {}, c.id) + "#form"}});
  }
  w.close("article").close("li");
}

void write_form(HtmlWriter& w, const ThreadPageModel& m) {
  const FormState& f = m.form;
  w.open("form", {{"id", "form"}, {"method", "post"}, {"action", "/thread/comment"}});
  w.element("h2", f.parent ? "Reply to " + f.parent_author : std::string("Join the discussion"));
  if (!f.error.empty()) w.element("p", f.error, {{"class", "error"}, {"role", "alert"}});
  w.empty("input", {{"type", "hidden"}, {"name", "site"}, {"value", m.site}});
  w.empty("input", {{"type", "hidden"}, {"name", "thread"}, {"value", m.view->thread.key}});
  w.empty("input", {{"type", "hidden"}, {"name", "token"}, {"value", f.token}});
  if (f.parent) {
    const std::string parent = std::to_string(f.parent->value);
    w.empty("input", {{"type", "hidden"}, {"name", "parent"}, {"value", parent}});
  }
  w.element("label", "Name", {{"for", "author"}});
  w.empty("input", {{"id", "author"}, {"name", "author"}, {"value", f.author}, {"maxlength", "64"},
                    {"required", "required"}, {"dir", "auto"}, {"autocomplete", "nickname"}});
  w.element("label", "Comment (Markdown: *emphasis*, **strong**, [link](https://…), > quote)",
            {{"for", "body"}});
  w.open("textarea", {{"id", "body"}, {"name", "body"}, {"required", "required"}, {"dir", "auto"}})
      .text(f.body)
      .close("textarea");
  // The honeypot: out of sight, out of the tab order and of screen readers, never autofilled.
  w.open("div", {{"class", "hp"}, {"aria-hidden", "true"}});
  w.element("label", "Website (leave empty)", {{"for", "website"}});
  w.empty("input", {{"id", "website"}, {"name", service::kHoneypotField}, {"value", ""},
                    {"tabindex", "-1"}, {"autocomplete", "off"}});
  w.close("div");
  w.element("button", "Post comment", {{"type", "submit"}});
  w.close("form");
}

}  // namespace

std::string thread_page_link(const std::string& site, const std::string& thread,
                             std::optional<Sort> sort, const std::string& after,
                             std::optional<CommentId> reply) {
  boost::urls::url u("/thread");
  auto params = u.params();
  params.append({"site", site});
  params.append({"thread", thread});
  if (sort) params.append({"sort", std::string(to_string(*sort))});
  if (!after.empty()) params.append({"after", after});
  if (reply) params.append({"reply", std::to_string(reply->value)});
  return std::string(u.buffer());
}

std::string render_thread_page(const ThreadPageModel& m) {
  const service::ThreadView& v = *m.view;
  const std::string& name = v.thread.title.empty() ? v.thread.key : v.thread.title;
  HtmlWriter w;
  w.literal("<!doctype html>").open("html", {{"lang", "en"}}).open("head");
  w.empty("meta", {{"charset", "utf-8"}});
  w.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  w.empty("meta", {{"name", "referrer"}, {"content", "no-referrer"}});
  w.element("title", "Comments: " + name).literal(kStyle).close("head");
  w.open("body").open("main");
  w.open("h1").text("Comments on ").open("bdi").text(name).close("bdi").close("h1");
  if (!v.thread.url.empty()) w.open("p").element("a", "Back to the article", {{"href", v.thread.url}}).close("p");
  const std::string count = std::to_string(v.thread.comment_count) +
                            (v.thread.comment_count == 1 ? " comment" : " comments");
  w.open("p", {{"class", "meta"}}).text(count + " · Sort: ");
  for (Sort s : {Sort::newest, Sort::oldest, Sort::votes}) {
    const char* label = s == Sort::newest ? "Newest" : s == Sort::oldest ? "Oldest" : "Most voted";
    if (s == m.sort) {
      w.element("strong", label);
    } else {
      w.element("a", label, {{"href", thread_page_link(m.site, v.thread.key, s)}});
    }
    if (s != Sort::votes) w.text(" · ");
  }
  w.close("p");
  if (!m.notice.empty()) w.element("p", m.notice, {{"class", "notice"}, {"role", "status"}});
  if (v.thread.is_closed) w.element("p", "This discussion is closed.", {{"class", "notice"}});

  w.open("ol", {{"class", "comments"}});
  for (const auto& root : v.comments) {
    write_comment(w, root.root, m);
    for (const auto& reply : root.replies) write_comment(w, reply, m);
  }
  w.close("ol");
  if (v.comments.empty()) w.element("p", "No comments yet.");
  if (v.next) {
    w.open("p").element("a", "More comments →",
                         {{"href", thread_page_link(m.site, v.thread.key, m.sort, encode_cursor(*v.next))}})
        .close("p");
  }
  if (!v.thread.is_closed) write_form(w, m);
  w.close("main").close("body").close("html");
  return w.take();
}

}  // namespace sala::pages
