#include "transfer/wxr_import.hpp"

#include <optional>

#include "core/parse_int.hpp"
#include "transfer/html_to_markdown.hpp"
#include "transfer/source_text.hpp"
#include "transfer/xml_reader.hpp"

namespace sala::transfer {
namespace {

// WXR 1.0, 1.1 and 1.2 differ in this namespace's version only.
bool is_wp(std::string_view ns) {
  return ns.starts_with("http://wordpress.org/export/1.") && ns.size() == 32 && ns.back() == '/';
}

std::optional<CommentState> approval_state(std::string_view value) {
  if (value == "1" || value == "approve") return CommentState::approved;
  if (value == "0" || value == "hold") return CommentState::pending;
  if (value == "spam") return CommentState::spam;
  if (value == "trash" || value == "post-trashed") return CommentState::rejected;
  return std::nullopt;
}

class WxrHandler final : public XmlHandler {
 public:
  WxrHandler(CommentSink& sink, const WxrOptions& options) : writer_(sink), options_(options) {}

  Result<void> start(const XmlName& name, const XmlAttributes&) override {
    ++depth_;
    if (name.ns.empty() && name.local == "item" && !in_item_) {
      in_item_ = true;
      item_depth_ = depth_;
      item_ = {};
      ++items_;
    } else if (in_item_ && is_wp(name.ns) && name.local == "comment" && !in_comment_) {
      in_comment_ = true;
      comment_ = {};
      auto declared = declare_thread();
      if (!declared) return declared.error();
    } else if (in_comment_ && is_wp(name.ns) && name.local == "commentmeta") {
      meta_key_.clear();
      meta_value_.clear();
    }
    return {};
  }

  Result<void> end(const XmlName& name, std::string& text, bool truncated) override {
    const int depth = depth_--;
    if (!in_item_) {
      if (is_wp(name.ns) && name.local == "base_site_url" && !truncated) site_ = trim(text);
      return {};
    }
    if (name.ns.empty() && name.local == "item" && depth == item_depth_) {
      in_item_ = false;
      return {};
    }
    if (in_comment_) return comment_field(name, text, truncated);
    if (depth != item_depth_ + 1) return {};
    if (truncated) {
      item_.too_large = true;
      return {};
    }
    if (name.ns.empty() && name.local == "title") item_.title = std::move(text);
    if (name.ns.empty() && name.local == "link") item_.link = trim(text);
    if (!is_wp(name.ns)) return {};
    if (name.local == "post_id") item_.post_id = trim(text);
    if (name.local == "post_date_gmt") item_.date_gmt = trim(text);
    if (name.local == "comment_status") item_.closed = trim(text) == "closed";
    return {};
  }

 private:
  struct Item {
    std::string title, link, post_id, date_gmt;
    bool closed = false;
    bool too_large = false;
    bool declared = false;
    std::string ref;
  };
  struct CommentFields {
    std::string id, author, email, date, date_gmt, content, approved, type, parent;
    std::optional<std::pair<std::int64_t, std::int64_t>> votes;
    std::optional<std::int64_t> score;
    bool too_large = false;
  };

  Result<void> declare_thread() {
    if (item_.declared) return {};
    item_.declared = true;
    item_.ref = item_.post_id.empty() ? "item-" + std::to_string(items_) : item_.post_id;
    SourceThread t;
    t.ref = item_.ref;
    t.key = thread_key_from_url(item_.link);
    if (t.key.empty() && !item_.post_id.empty()) t.key = "/?p=" + item_.post_id;
    t.url = item_.link;
    t.title = trim(item_.title);
    t.created = parse_sql_datetime(item_.date_gmt);
    t.closed = item_.closed;
    if (item_.too_large) t.key.clear();  // its comments are skipped as having no valid thread
    return writer_.thread(t);
  }

  Result<void> comment_field(const XmlName& name, std::string& text, bool truncated) {
    if (name.ns.empty() || !is_wp(name.ns)) return {};
    const std::string_view local = name.local;
    if (local == "comment") {
      in_comment_ = false;
      return finish_comment();
    }
    if (truncated) {
      comment_.too_large = true;
      return {};
    }
    if (local == "comment_id") comment_.id = trim(text);
    else if (local == "comment_author") comment_.author = trim(text);
    else if (local == "comment_author_email") comment_.email = trim(text);
    else if (local == "comment_date") comment_.date = trim(text);
    else if (local == "comment_date_gmt") comment_.date_gmt = trim(text);
    else if (local == "comment_content") comment_.content = std::move(text);
    else if (local == "comment_approved") comment_.approved = trim(text);
    else if (local == "comment_type") comment_.type = trim(text);
    else if (local == "comment_parent") comment_.parent = trim(text);
    else if (local == "meta_key") meta_key_ = trim(text);
    else if (local == "meta_value") meta_value_ = std::move(text);
    else if (local == "commentmeta") take_meta();
    return {};
  }

  void take_meta() {
    if (meta_key_ == "wpdiscuz_votes_seperate") {
      if (auto votes = parse_wpdiscuz_votes(meta_value_)) comment_.votes = votes;
    } else if (meta_key_ == "wpdiscuz_votes") {
      const std::string_view v = trim(meta_value_);
      const bool negative = v.starts_with('-');
      if (auto n = parse_decimal(negative ? v.substr(1) : v, 0, 1'000'000'000)) {
        comment_.score = negative ? -*n : *n;
      }
    }
  }

  Result<void> finish_comment() {
    CommentFields& f = comment_;
    ++comment_ordinal_;
    SourceComment c;
    c.thread_ref = item_.ref;
    // Comment ids are unique within one WordPress site; the site's address
    // keeps two blogs imported into one Sala site apart.
    const std::string prefix = site_.empty() ? item_.ref : site_ + " " + item_.ref;
    c.ref = prefix + "/" + (f.id.empty() ? "#" + std::to_string(comment_ordinal_) : f.id);
    if (f.too_large) return writer_.skipped(c.ref, "comment too large");
    if (f.type == "pingback" || f.type == "trackback") {
      if (!options_.include_pingbacks) return writer_.skipped(c.ref, f.type);
    } else if (!f.type.empty() && f.type != "comment") {
      return writer_.skipped(c.ref, "not a comment (other comment type)");
    }
    auto created = parse_sql_datetime(f.date_gmt);
    if (!created) {
      created = parse_sql_datetime(f.date);
      if (created) {
        if (auto noted = writer_.note("local time read as UTC (no GMT date)"); !noted) return noted;
      }
    }
    if (!created) return writer_.skipped(c.ref, "missing or invalid date");
    c.created = *created;
    auto state = approval_state(f.approved);
    if (!state) {
      if (auto noted = writer_.note("unknown approval state held as pending"); !noted) return noted;
    }
    c.state = state.value_or(CommentState::pending);
    if (!f.parent.empty() && f.parent != "0") c.parent_ref = prefix + "/" + f.parent;
    c.author = std::move(f.author);
    c.email = std::move(f.email);
    c.body_markdown = html_to_markdown(f.content, {.newlines_are_breaks = true});
    if (f.votes) {
      c.upvotes = f.votes->first;
      c.downvotes = f.votes->second;
    } else if (f.score) {
      c.upvotes = *f.score > 0 ? *f.score : 0;
      c.downvotes = *f.score < 0 ? -*f.score : 0;
    }
    return writer_.comment(std::move(c));
  }

  CommentSink& writer_;
  WxrOptions options_;
  int depth_ = 0;
  bool in_item_ = false;
  int item_depth_ = 0;
  std::int64_t items_ = 0;
  Item item_;
  bool in_comment_ = false;
  CommentFields comment_;
  std::int64_t comment_ordinal_ = 0;
  std::string meta_key_, meta_value_;
  std::string site_;  // wp:base_site_url
};

}  // namespace

Result<void> import_wxr(const std::string& path, CommentSink& sink, const WxrOptions& options,
                        const Progress& progress) {
  WxrHandler handler(sink, options);
  return parse_xml_file(path, handler, {}, progress);
}

}  // namespace sala::transfer
