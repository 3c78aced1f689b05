#include "transfer/isso_import.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "store/sqlite/isso_file.hpp"
#include "transfer/source_text.hpp"

namespace sala::transfer {
namespace {

constexpr std::uintmax_t kMaxJsonFile = 64u << 20;

std::optional<Timestamp> from_seconds(double seconds) {
  // Beyond year 9999 or before 1970 is not a real comment date.
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 253'402'300'799.0) return std::nullopt;
  return Timestamp{static_cast<std::int64_t>(std::llround(seconds * 1000.0))};
}

Error bad_json(const std::string& what) {
  return Error::invalid("invalid_import_json", "the file is not in Isso's generic JSON format: " + what);
}

std::string string_field(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return {};
}

}  // namespace

Result<void> import_isso_database(const std::string& path, CommentSink& writer) {
  return sqlite::read_isso_file(
      path,
      [&](const sqlite::IssoThreadRow& row) -> Result<void> {
        SourceThread t;
        t.ref = std::to_string(row.id);
        t.key = row.uri;
        t.title = row.title;
        return writer.thread(t);
      },
      [&](const sqlite::IssoCommentRow& row) -> Result<void> {
        SourceComment c;
        c.ref = std::to_string(row.id);
        c.thread_ref = std::to_string(row.thread);
        if (row.parent) c.parent_ref = std::to_string(*row.parent);
        auto created = from_seconds(row.created);
        if (!created) return writer.skipped(c.ref, "missing or invalid date");
        c.created = *created;
        if (row.modified) c.edited = from_seconds(*row.modified);
        switch (row.mode) {
          case 1: c.state = CommentState::approved; break;
          case 2: c.state = CommentState::pending; break;
          case 4: c.state = CommentState::deleted; break;
          default:
            if (auto noted = writer.note("unknown Isso mode held as pending"); !noted) return noted;
            c.state = CommentState::pending;
        }
        c.author = row.author;
        c.email = row.email;
        c.body_markdown = row.text;
        c.upvotes = row.likes;
        c.downvotes = row.dislikes;
        return writer.comment(std::move(c));
      });
}

Result<void> import_isso_json(const std::string& path, CommentSink& writer) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error::invalid("file_not_found", "cannot read " + path);
  if (size > kMaxJsonFile) {
    return Error::too_large("import_file_too_large",
                            "Isso's generic JSON is read whole and may be at most 64 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  boost::system::error_code jec;
  boost::json::parse_options options;
  options.max_depth = 8;
  const boost::json::value doc = boost::json::parse(bytes, jec, {}, options);
  if (jec) return bad_json(jec.message());
  if (!doc.is_array()) return bad_json("the top level must be a list of threads");
  for (const auto& thread_value : doc.get_array()) {
    if (!thread_value.is_object()) return bad_json("a thread must be an object");
    const auto& thread = thread_value.get_object();
    SourceThread t;
    t.ref = string_field(thread, "id");
    t.key = t.ref;
    t.title = string_field(thread, "title");
    if (t.ref.empty()) {
      if (auto skipped = writer.skipped("", "thread without an id"); !skipped) return skipped;
      continue;
    }
    auto declared = writer.thread(t);
    if (!declared) return declared.error();
    const auto* comments = thread.if_contains("comments");
    if (comments == nullptr) continue;
    if (!comments->is_array()) return bad_json("comments must be a list");
    for (const auto& comment_value : comments->get_array()) {
      if (!comment_value.is_object()) return bad_json("a comment must be an object");
      const auto& o = comment_value.get_object();
      SourceComment c;
      const std::string id = string_field(o, "id");
      c.ref = id.empty() ? std::string() : t.ref + "/" + id;
      c.thread_ref = t.ref;
      auto created = parse_sql_datetime(string_field(o, "created"));
      if (!created) {
        if (auto skipped = writer.skipped(c.ref, "missing or invalid date"); !skipped) return skipped;
        continue;
      }
      c.created = *created;
      c.author = string_field(o, "author");
      c.email = string_field(o, "email");
      c.body_markdown = string_field(o, "text");
      auto done = writer.comment(std::move(c));
      if (!done) return done.error();
    }
  }
  return {};
}

}  // namespace sala::transfer
