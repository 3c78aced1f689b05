#include "transfer/disqus_import.hpp"

#include <unordered_set>

#include "transfer/html_to_markdown.hpp"
#include "transfer/source_text.hpp"
#include "transfer/xml_reader.hpp"

namespace sala::transfer {
namespace {

constexpr std::string_view kDisqus = "http://disqus.com";
constexpr std::string_view kInternals = "http://disqus.com/disqus-internals";

class DisqusHandler final : public XmlHandler {
 public:
  explicit DisqusHandler(CommentSink& sink) : writer_(sink) {}

  Result<void> start(const XmlName& name, const XmlAttributes& attributes) override {
    ++depth_;
    if (depth_ == 1) {
      if (name.ns != kDisqus || name.local != "disqus") {
        return Error::invalid("not_disqus_export", "the file is not a Disqus export (no <disqus> root)");
      }
      return {};
    }
    if (name.ns != kDisqus) return {};
    if (depth_ == 2 && (name.local == "thread" || name.local == "post")) {
      record_ = {};
      record_.is_post = name.local == "post";
      record_.dsq_id = trim(attributes.get(kInternals, "id"));
      return {};
    }
    if (depth_ == 3 && record_.is_post && name.local == "thread") {
      record_.thread = trim(attributes.get(kInternals, "id"));
    } else if (depth_ == 3 && record_.is_post && name.local == "parent") {
      record_.parent = trim(attributes.get(kInternals, "id"));
    }
    return {};
  }

  Result<void> end(const XmlName& name, std::string& text, bool truncated) override {
    const int depth = depth_--;
    if (name.ns != kDisqus) return {};
    if (depth == 2 && name.local == "thread") return finish_thread();
    if (depth == 2 && name.local == "post") return finish_post();
    if (depth < 3) return {};
    if (truncated) {
      record_.too_large = true;
      return {};
    }
    if (depth == 3) {
      if (name.local == "id") record_.id = trim(text);
      else if (name.local == "link") record_.link = trim(text);
      else if (name.local == "title") record_.title = trim(text);
      else if (name.local == "message") record_.message = std::move(text);
      else if (name.local == "createdAt") record_.created = trim(text);
      else if (name.local == "isDeleted") record_.deleted = trim(text) == "true";
      else if (name.local == "isSpam") record_.spam = trim(text) == "true";
      else if (name.local == "isClosed") record_.closed = trim(text) == "true";
    } else if (depth == 4) {
      if (name.local == "name") record_.author = trim(text);
      else if (name.local == "email") record_.email = trim(text);
    }
    return {};
  }

 private:
  struct Record {
    bool is_post = false;
    std::string dsq_id, id, link, title, message, created, author, email, thread, parent;
    bool deleted = false, spam = false, closed = false, too_large = false;
  };

  Result<void> finish_thread() {
    Record& r = record_;
    if (r.dsq_id.empty()) return {};
    if (r.deleted) {
      deleted_threads_.insert(r.dsq_id);
      return {};
    }
    SourceThread t;
    t.ref = r.dsq_id;
    t.key = thread_key_from_url(r.link);
    if (t.key.empty()) t.key = r.id;
    if (t.key.empty()) t.key = "disqus-" + r.dsq_id;
    if (r.too_large) t.key.clear();
    t.url = r.link;
    t.title = r.title;
    if (auto created = parse_rfc3339(r.created)) t.created = created;
    t.closed = r.closed;
    return writer_.thread(t);
  }

  Result<void> finish_post() {
    Record& r = record_;
    SourceComment c;
    c.ref = !r.dsq_id.empty() ? r.dsq_id : r.id.empty() ? std::string() : "id:" + r.id;
    c.thread_ref = r.thread;
    if (deleted_threads_.contains(r.thread)) return writer_.skipped(c.ref, "thread deleted in Disqus");
    if (r.too_large) return writer_.skipped(c.ref, "comment too large");
    auto created = parse_rfc3339(r.created);
    if (!created) return writer_.skipped(c.ref, "missing or invalid date");
    c.created = *created;
    if (!r.parent.empty()) c.parent_ref = r.parent;
    if (r.deleted) {
      c.state = CommentState::deleted;
    } else {
      c.state = r.spam ? CommentState::spam : CommentState::approved;
      c.author = std::move(r.author);
      c.email = std::move(r.email);
      c.body_markdown = html_to_markdown(r.message);
    }
    return writer_.comment(std::move(c));
  }

  CommentSink& writer_;
  int depth_ = 0;
  Record record_;
  std::unordered_set<std::string> deleted_threads_;
};

}  // namespace

Result<void> import_disqus(const std::string& path, CommentSink& sink, const Progress& progress) {
  DisqusHandler handler(sink);
  return parse_xml_file(path, handler, {}, progress);
}

}  // namespace sala::transfer
