#include "transfer/jsonl_import.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

#include "json/field_reader.hpp"
#include "json/parse.hpp"
#include "transfer/jsonl_format.hpp"
#include "transfer/line_reader.hpp"

namespace sala::transfer {
namespace {

constexpr std::size_t kMaxLine = 1u << 20;
constexpr std::int64_t kMaxId = std::int64_t{1} << 53;

Error bad_line(std::uint64_t line, const Error& why) {
  return Error::invalid("invalid_export", "line " + std::to_string(line) + ": " + why.message);
}

Result<boost::json::object> parse_line(const std::string& line) {
  return json::parse_object(line, {.max_depth = 4, .max_bytes = kMaxLine});
}

Result<Timestamp> required_time(json::FieldReader& r, std::string_view name) {
  auto text = r.required_string(name);
  if (!text) return text.error();
  auto t = parse_rfc3339(*text);
  if (!t) return Error::invalid("invalid_field", "field '" + std::string(name) + "' must be an RFC 3339 time");
  return *t;
}

Result<SourceThread> read_thread(json::FieldReader& r) {
  SourceThread t;
  auto key = r.required_string("key");
  if (!key) return key.error();
  t.key = t.ref = std::move(*key);
  auto title = r.optional_string("title");
  if (!title) return title.error();
  t.title = title->value_or("");
  auto url = r.optional_string("url");
  if (!url) return url.error();
  t.url = url->value_or("");
  auto closed = r.optional_bool("closed");
  if (!closed) return closed.error();
  t.closed = closed->value_or(false);
  auto settings = r.optional_object("settings");
  if (!settings) return settings.error();
  if (*settings != nullptr) {
    json::FieldReader s(**settings);
    for (auto [name, out] : {std::pair{"premoderate", &t.settings.premoderate},
                             std::pair{"premoderate_links", &t.settings.premoderate_links},
                             std::pair{"premoderate_first", &t.settings.premoderate_first}}) {
      auto value = s.optional_bool(name);
      if (!value) return value.error();
      *out = *value;
    }
    auto slow = s.optional_int("slow_mode_seconds", 0, 86400);
    if (!slow) return slow.error();
    t.settings.slow_mode_seconds = *slow;
    if (auto done = s.finish(); !done) return done.error();
  }
  auto created = required_time(r, "created");
  if (!created) return created.error();
  t.created = *created;
  if (auto done = r.finish(); !done) return done.error();
  return t;
}

Result<std::optional<Anchor>> read_anchor(json::FieldReader& r) {
  auto object = r.optional_object("anchor");
  if (!object) return object.error();
  if (*object == nullptr) return std::optional<Anchor>{};
  json::FieldReader a(**object);
  Anchor out;
  auto quote = a.required_string("quote");
  if (!quote) return quote.error();
  out.quote = std::move(*quote);
  auto prefix = a.optional_string("prefix");
  if (!prefix) return prefix.error();
  out.prefix = prefix->value_or("");
  auto suffix = a.optional_string("suffix");
  if (!suffix) return suffix.error();
  out.suffix = suffix->value_or("");
  auto start = a.required_int("start", 0, kMaxId);
  if (!start) return start.error();
  auto end = a.required_int("end", 0, kMaxId);
  if (!end) return end.error();
  out.start = *start;
  out.end = *end;
  if (auto done = a.finish(); !done) return done.error();
  return std::optional<Anchor>{std::move(out)};
}

Result<SourceComment> read_comment(json::FieldReader& r) {
  SourceComment c;
  auto id = r.required_int("id", 1, kMaxId);
  if (!id) return id.error();
  c.ref = std::to_string(*id);
  c.keep_id = CommentId{*id};
  auto thread = r.required_string("thread");
  if (!thread) return thread.error();
  c.thread_ref = std::move(*thread);
  auto parent = r.optional_int("parent", 1, kMaxId);
  if (!parent) return parent.error();
  if (*parent) c.parent_ref = std::to_string(**parent);
  auto state_text = r.required_string("state");
  if (!state_text) return state_text.error();
  auto state = parse_comment_state(*state_text);
  if (!state) return Error::invalid("invalid_field", "field 'state' is not a comment state");
  c.state = *state;
  auto created = required_time(r, "created");
  if (!created) return created.error();
  c.created = *created;
  auto edited = r.optional_string("edited");
  if (!edited) return edited.error();
  if (*edited) {
    auto t = parse_rfc3339(**edited);
    if (!t) return Error::invalid("invalid_field", "field 'edited' must be an RFC 3339 time");
    c.edited = *t;
  }
  for (auto [name, field] : {std::pair{"author", &c.author}, std::pair{"email", &c.email},
                             std::pair{"avatar", &c.avatar}, std::pair{"markdown", &c.body_markdown}}) {
    auto value = r.optional_string(name);
    if (!value) return value.error();
    *field = value->value_or("");
  }
  c.keep_avatar = true;
  auto html = r.optional_string("html");  // read so finish() accepts it; rendered again instead
  if (!html) return html.error();
  auto up = r.optional_int("upvotes", 0, kMaxId);
  if (!up) return up.error();
  c.upvotes = up->value_or(0);
  auto down = r.optional_int("downvotes", 0, kMaxId);
  if (!down) return down.error();
  c.downvotes = down->value_or(0);
  auto anchor = read_anchor(r);
  if (!anchor) return anchor.error();
  c.anchor = std::move(*anchor);
  for (auto [name, out] : {std::pair{"pinned", &c.pinned}, std::pair{"featured", &c.featured}}) {
    auto value = r.optional_bool(name);
    if (!value) return value.error();
    *out = value->value_or(false);
  }
  for (auto [name, out] : {std::pair{"badge", &c.badge}, std::pair{"account", &c.account}}) {
    auto value = r.optional_string(name);
    if (!value) return value.error();
    *out = value->value_or("");
  }
  if (auto done = r.finish(); !done) return done.error();
  return c;
}

Result<SourceSubscription> read_subscription(json::FieldReader& r) {
  SourceSubscription s;
  auto email = r.required_string("email");
  if (!email) return email.error();
  s.email = std::move(*email);
  auto thread = r.required_string("thread");
  if (!thread) return thread.error();
  s.thread_ref = std::move(*thread);
  auto kind_text = r.required_string("kind");
  if (!kind_text) return kind_text.error();
  auto kind = parse_subscription_kind(*kind_text);
  if (!kind) return Error::invalid("invalid_field", "field 'kind' must be \"thread\" or \"replies\"");
  s.kind = *kind;
  auto comment = r.optional_int("comment", 1, kMaxId);
  if (!comment) return comment.error();
  if (*comment) s.comment_ref = std::to_string(**comment);
  auto delivery_text = r.required_string("delivery");
  if (!delivery_text) return delivery_text.error();
  auto delivery = parse_delivery(*delivery_text);
  if (!delivery) return Error::invalid("invalid_field", "field 'delivery' must be \"each\", \"hourly\" or \"daily\"");
  s.delivery = *delivery;
  auto created = required_time(r, "created");
  if (!created) return created.error();
  s.created = *created;
  if (auto done = r.finish(); !done) return done.error();
  return s;
}

Result<ExportHeader> parse_header(const std::string& line) {
  const Error wrong = Error::invalid("invalid_export", "the file is not a Sala export (see docs/export-format.md)");
  auto object = parse_line(line);
  if (!object) return wrong;
  json::FieldReader r(*object);
  auto format = r.required_string("format");
  if (!format || *format != kExportFormat) return wrong;
  auto version = r.required_int("version", 1, 1'000'000);
  if (!version) return wrong;
  if (*version > kExportVersion) {
    return Error::invalid("invalid_export", "the export is version " + std::to_string(*version) +
                                                 "; this Sala reads versions 1 to " +
                                                 std::to_string(kExportVersion));
  }
  auto exported = r.required_string("exported");
  if (!exported) return bad_line(1, exported.error());
  auto site = r.optional_object("site");
  if (!site) return bad_line(1, site.error());
  if (*site == nullptr) return bad_line(1, Error::invalid("site_required", "field 'site' is required"));
  if (auto done = r.finish(); !done) return bad_line(1, done.error());

  json::FieldReader s(**site);
  ExportHeader h;
  h.version = static_cast<int>(*version);
  auto id = s.required_string("id");
  if (!id) return bad_line(1, id.error());
  h.site.id = SiteId{*id};
  const auto* origins = (*site)->if_contains("origins");
  if (origins != nullptr && origins->is_array()) {
    for (const auto& o : origins->get_array()) {
      if (!o.is_string()) return bad_line(1, Error::invalid("invalid_field", "origins must be strings"));
      h.site.origins.emplace_back(o.get_string());
    }
  } else if (origins != nullptr && !origins->is_null()) {
    return bad_line(1, Error::invalid("invalid_field", "field 'origins' must be a list"));
  }
  auto premoderate = s.optional_bool("premoderate");
  if (!premoderate) return bad_line(1, premoderate.error());
  h.site.premoderate = premoderate->value_or(false);
  auto links = s.optional_bool("premoderate_links");
  if (!links) return bad_line(1, links.error());
  h.site.premoderate_links = links->value_or(false);
  auto first = s.optional_bool("premoderate_first");
  if (!first) return bad_line(1, first.error());
  h.site.premoderate_first = first->value_or(false);
  auto slow = s.optional_int("slow_mode_seconds", 0, 86400);
  if (!slow) return bad_line(1, slow.error());
  h.site.slow_mode_seconds = slow->value_or(0);
  auto edit_window = s.optional_int("edit_window_seconds", 0, 604800);
  if (!edit_window) return bad_line(1, edit_window.error());
  h.site.edit_window_seconds = *edit_window;
  auto challenge = s.optional_string("challenge");
  if (!challenge) return bad_line(1, challenge.error());
  auto mode = parse_challenge_mode(challenge->value_or("off"));
  if (!mode) return bad_line(1, Error::invalid("invalid_field", "field 'challenge' must be off, always or attack"));
  h.site.challenge = *mode;
  auto anonymous = s.optional_bool("anonymous");
  if (!anonymous) return bad_line(1, anonymous.error());
  h.site.anonymous = anonymous->value_or(true);
  auto created = required_time(s, "created");
  if (!created) return bad_line(1, created.error());
  h.site.created = *created;
  return h;
}

}  // namespace

Result<ExportHeader> read_export_header(const std::string& path) {
  LineReader lines(kMaxLine, {});
  if (auto opened = lines.open(path); !opened) return opened.error();
  auto first = lines.next();
  if (!first) return first.error();
  if (!*first) return Error::invalid("invalid_export", "the file is empty");
  return parse_header(**first);
}

Result<std::int64_t> max_kept_id(const std::string& path) {
  LineReader scan(kMaxLine, {});
  if (auto opened = scan.open(path); !opened) return opened.error();
  std::int64_t max_id = 0;
  for (;;) {
    auto line = scan.next();
    if (!line) return line.error();
    if (!*line) return std::min(max_id, kMaxId);
    auto object = parse_line(**line);
    if (!object) continue;  // import_jsonl reports it with its line number
    const auto* type = object->if_contains("type");
    const auto* id = object->if_contains("id");
    if (type && type->is_string() && type->get_string() == "comment" && id && id->is_int64()) {
      max_id = std::max(max_id, id->get_int64());
    }
  }
}

Result<void> import_jsonl(const std::string& path, CommentSink& writer, const Progress& progress) {
  LineReader lines(kMaxLine, progress);
  if (auto opened = lines.open(path); !opened) return opened.error();
  auto header = lines.next();
  if (!header) return header.error();
  if (!*header) return Error::invalid("invalid_export", "the file is empty");
  auto h = parse_header(**header);
  if (!h) return h.error();

  std::int64_t threads = 0, comments = 0, subscriptions = 0;
  bool ended = false;
  for (;;) {
    auto line = lines.next();
    if (!line) return line.error();
    if (!*line) break;
    const std::uint64_t n = lines.line_number();
    if (ended) return bad_line(n, Error::invalid("invalid_export", "nothing may follow the end line"));
    if ((*line)->empty()) continue;
    auto object = parse_line(**line);
    if (!object) return bad_line(n, object.error());
    json::FieldReader r(*object);
    auto type = r.required_string("type");
    if (!type) return bad_line(n, type.error());
    const bool is_content = *type == "thread" || *type == "comment";
    if (is_content && subscriptions > 0) {
      return bad_line(n, Error::invalid("invalid_export", "threads and comments come before the subscriptions"));
    }
    if (*type == "thread") {
      auto t = read_thread(r);
      if (!t) return bad_line(n, t.error());
      ++threads;
      auto done = writer.thread(*t);
      if (!done) return done.error();
    } else if (*type == "comment") {
      auto c = read_comment(r);
      if (!c) return bad_line(n, c.error());
      ++comments;
      auto done = writer.comment(std::move(*c));
      if (!done) return done.error();
    } else if (*type == "subscription" && h->version < kFirstVersionWithSubscriptions) {
      // Version 1 reserved the record without defining it.
      if (auto skipped = writer.skipped("", "subscription in a version 1 export"); !skipped) return skipped;
    } else if (*type == "subscription") {
      auto s = read_subscription(r);
      if (!s) return bad_line(n, s.error());
      s->line = n;
      ++subscriptions;
      auto done = writer.subscription(std::move(*s));
      if (!done) return done.error();
    } else if (*type == "end") {
      auto t = r.required_int("threads", 0, kMaxId);
      if (!t) return bad_line(n, t.error());
      auto c = r.required_int("comments", 0, kMaxId);
      if (!c) return bad_line(n, c.error());
      std::int64_t s = 0;
      if (h->version >= kFirstVersionWithSubscriptions) {
        auto counted = r.required_int("subscriptions", 0, kMaxId);
        if (!counted) return bad_line(n, counted.error());
        s = *counted;
      }
      if (auto done = r.finish(); !done) return bad_line(n, done.error());
      if (*t != threads || *c != comments || s != subscriptions) {
        return bad_line(n, Error::invalid("invalid_export", "the end line's counts do not match the file"));
      }
      ended = true;
    } else {
      return bad_line(n, Error::invalid("invalid_export", "unknown record type"));
    }
  }
  if (!ended) return Error::invalid("invalid_export", "the export is truncated: it has no end line");
  return {};
}

}  // namespace sala::transfer
