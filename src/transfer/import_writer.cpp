#include "transfer/import_writer.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "markup/markdown.hpp"
#include "service/post_validation.hpp"

namespace sala::transfer {
namespace {

constexpr std::size_t kMaxTitle = 300;
constexpr std::size_t kMaxName = 64;
// "sso:" and a publisher id of at most 128 characters (service::ReaderTokens), or "email:" and a hash.
constexpr std::size_t kMaxAccount = 140;
constexpr std::size_t kMaxBadge = 32;
constexpr std::int64_t kMaxVotes = 1'000'000'000;

// The first `n` code points of valid UTF-8.
std::string first_code_points(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  }
  return std::string(s.substr(0, i));
}

std::string body_skip_reason(const Error& e) {
  const std::string code = e.wire_code();
  if (code == "invalid_utf8") return "invalid UTF-8 in body";
  if (code == "body_required") return "empty body";
  if (code == "body_too_long") return "body too long";
  if (code == "body_invalid_characters") return "invalid characters in body";
  return "body refused";
}

bool is_avatar_seed(std::string_view s) {
  return !s.empty() && s.size() <= 16 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::size_t weight(const NewComment& row) {
  return sizeof(NewComment) + row.author_name.size() + row.author_email.size() + row.body_markdown.size() +
         row.body_html.size() + 128;
}

}  // namespace

ImportWriter::ImportWriter(store::Store& tx, service::ReaderIdentity& identity, WriterOptions options,
                           ImportSummary& summary)
    : tx_(tx), identity_(identity), options_(std::move(options)), summary_(summary) {}

Result<void> ImportWriter::thread(const SourceThread& t) {
  if (threads_.contains(t.ref)) return {};
  ThreadSlot slot;
  slot.source = t;
  auto key = service::clean_thread_key(t.key);
  if (!key) {
    slot.invalid = "invalid thread key";
  } else {
    slot.source.key = std::move(*key);
  }
  auto title = text::clean_line(t.title, "title", kMaxTitle);
  if (title) {
    slot.source.title = std::move(*title);
  } else {
    auto shortened = text::clean_line(first_code_points(t.title, kMaxTitle), "title", kMaxTitle);
    slot.source.title = shortened ? std::move(*shortened) : std::string();
    summary_.note(shortened ? "thread title shortened" : "invalid thread title dropped");
  }
  slot.source.url.clear();
  if (!t.url.empty()) {
    auto url = text::clean_http_url(t.url, "url");
    if (url) {
      slot.source.url = std::move(*url);
    } else {
      summary_.note("invalid thread URL dropped");
    }
  }
  threads_.emplace(t.ref, std::move(slot));
  return {};
}

void ImportWriter::skip(const std::string& ref, const std::string& reason) {
  summary_.skip(reason);
  if (!ref.empty()) skipped_refs_.insert(ref);
}

ImportWriter::Checked ImportWriter::check(SourceComment c, std::size_t max_body_code_points) {
  Checked out;
  auto p = std::make_shared<Prepared>();
  p->ref = c.ref;
  p->thread_ref = c.thread_ref;
  p->parent_ref = c.parent_ref;
  NewComment& n = p->row;
  n.id = c.keep_id;
  n.state = c.state;
  n.created = c.created;
  n.renderer_version = markup::kRendererVersion;
  if (c.state != CommentState::deleted) {
    auto body = text::clean_body(c.body_markdown, max_body_code_points,
                                 std::max<std::size_t>(32768, 4 * max_body_code_points));
    if (!body) {
      out.skip_reason = body_skip_reason(body.error());
      out.source = std::move(c);
      return out;
    }
    auto html = markup::render_html(*body);
    if (!html) {
      out.skip_reason = "body could not be rendered";
      out.source = std::move(c);
      return out;
    }
    n.body_markdown = std::move(*body);
    n.body_html = std::move(*html);

    auto name = text::clean_name(c.author, "author");
    if (!name && std::string_view(name.error().wire_code()) == "author_too_long") {
      name = text::clean_name(first_code_points(c.author, kMaxName), "author");
      if (name) out.notes.emplace_back("author name shortened");
    }
    if (!name) {
      out.notes.emplace_back(std::string_view(name.error().wire_code()) == "author_required"
                                 ? "empty author name replaced"
                                 : "invalid author name replaced");
      name = std::string("Anonymous");
    }
    n.author_name = std::move(*name);
    if (!c.email.empty()) {
      auto email = text::clean_email(c.email);
      if (email) {
        n.author_email = std::move(*email);
      } else {
        out.notes.emplace_back("invalid e-mail address dropped");
      }
    }
    if (c.keep_avatar && (c.avatar.empty() || is_avatar_seed(c.avatar))) n.avatar = c.avatar;
    if (c.anchor) {
      auto anchor = service::clean_anchor(*c.anchor);
      if (anchor) {
        n.anchor = std::move(*anchor);
      } else {
        out.notes.emplace_back("invalid anchor dropped");
      }
    }
    if (c.edited && *c.edited >= c.created) p->edited = c.edited;
    p->pinned = c.pinned && !c.parent_ref;  // only top-level comments are pinned
    p->featured = c.featured;
    // A verified reader's account and badge, kept when they are well-formed.
    auto account = text::clean_line(c.account, "account", kMaxAccount);
    auto badge = text::clean_line(c.badge, "badge", kMaxBadge);
    if (account && badge) {
      n.author_account = std::move(*account);
      n.author_badge = n.author_account.empty() ? "" : std::move(*badge);
    } else {
      out.notes.emplace_back("invalid reader account dropped");
    }
    p->upvotes = std::clamp<std::int64_t>(c.upvotes, 0, kMaxVotes);
    p->downvotes = std::clamp<std::int64_t>(c.downvotes, 0, kMaxVotes);
  }
  c.body_markdown.clear();
  c.author.clear();
  c.email.clear();
  out.source = std::move(c);
  out.prepared = std::move(p);
  return out;
}

Result<void> ImportWriter::ensure_thread(ThreadSlot& slot, Timestamp first_comment) {
  if (slot.stored) return {};
  auto existing = tx_.threads().find(options_.site, slot.source.key);
  if (!existing) return existing.error();
  if (*existing) {
    slot.stored = std::move(**existing);
    ++summary_.threads_updated;
    return {};
  }
  auto created = tx_.threads().find_or_create({options_.site, slot.source.key, slot.source.title,
                                               slot.source.url,
                                               slot.source.created.value_or(first_comment)});
  if (!created) return created.error();
  if (slot.source.closed) {
    auto closed = tx_.threads().set_closed(created->id, true);
    if (!closed) return closed.error();
    created->is_closed = true;
  }
  if (slot.source.settings != ThreadSettings{}) {
    auto saved = tx_.moderation().save_thread_settings(created->id, slot.source.settings);
    if (!saved) return saved.error();
  }
  slot.stored = std::move(*created);
  ++summary_.threads_created;
  return {};
}

Result<CommentId> ImportWriter::insert(Prepared& p, std::optional<CommentId> parent) {
  ThreadSlot& slot = threads_.at(p.thread_ref);
  auto ready = ensure_thread(slot, p.row.created);
  if (!ready) return ready.error();
  p.row.thread = slot.stored->id;
  p.row.parent = parent;
  if (p.row.id) {
    auto taken = tx_.comments().get(*p.row.id);
    if (!taken) return taken.error();
    if (*taken) {
      p.row.id.reset();
      ++summary_.renumbered;
      while (next_free_id_ > 0) {
        auto probe = tx_.comments().get(CommentId{next_free_id_});
        if (!probe) return probe.error();
        if (!*probe) {
          p.row.id = CommentId{next_free_id_++};
          break;
        }
        ++next_free_id_;
      }
    }
  }
  auto id = tx_.comments().insert(p.row);
  if (!id) return id.error();
  auto remembered = tx_.transfers().remember_imported(options_.site, options_.source, p.ref, *id);
  if (!remembered) return remembered.error();
  if (p.edited) {
    // NewComment has no edit time: an edit is the one write that sets it.
    auto edited = tx_.comments().update_body(*id, p.row.body_markdown, p.row.body_html,
                                             p.row.renderer_version, *p.edited);
    if (!edited) return edited.error();
  }
  if (p.upvotes != 0 || p.downvotes != 0) {
    auto voted = tx_.comments().add_votes(*id, p.upvotes, p.downvotes);
    if (!voted) return voted.error();
  }
  if (p.pinned) {
    if (auto pinned = tx_.moderation().set_pinned(*id, true); !pinned) return pinned.error();
  }
  if (p.featured) {
    if (auto featured = tx_.moderation().set_featured(*id, true); !featured) return featured.error();
  }
  if (!p.row.author_account.empty() && p.row.state != CommentState::deleted) {
    // The name stays the verified reader's here, as where it came from.
    auto reserved = tx_.moderation().reserve_name(options_.site, p.row.author_account,
                                                  text::name_skeleton(p.row.author_name), p.row.created);
    if (!reserved) return reserved.error();
  }
  if (p.row.state == CommentState::approved) {
    ++slot.approved_added;
    if (!slot.latest || *slot.latest < p.row.created) slot.latest = p.row.created;
  }
  ++summary_.comments;
  return *id;
}

Result<void> ImportWriter::insert_with_replies(Prepared first, std::optional<CommentId> parent) {
  // Depth-first without recursion: a long reply chain in a hostile file must
  // not grow the call stack.
  std::vector<std::pair<Prepared, std::optional<CommentId>>> todo;
  todo.emplace_back(std::move(first), parent);
  while (!todo.empty()) {
    auto [p, under] = std::move(todo.back());
    todo.pop_back();
    auto id = insert(p, under);
    if (!id) return id.error();
    auto waiting = waiting_.find(p.ref);
    if (waiting == waiting_.end()) continue;
    for (auto& reply : waiting->second) {
      waiting_bytes_ -= weight(reply.row);
      todo.emplace_back(std::move(reply), *id);
    }
    waiting_.erase(waiting);
  }
  return {};
}

Result<void> ImportWriter::comment(SourceComment c) {
  return accept(check(std::move(c), options_.max_body_code_points));
}

Result<void> ImportWriter::accept(Checked checked) {
  if (settled_) return Error::internal("a comment came after the comments were settled");
  const SourceComment& c = checked.source;
  if (c.ref.empty()) {
    summary_.skip("comment without an id");
    return {};
  }
  auto seen = tx_.transfers().find_imported(options_.site, options_.source, c.ref);
  if (!seen) return seen.error();
  if (*seen) {
    ++summary_.already_imported;
    return {};
  }
  auto slot = threads_.find(c.thread_ref);
  if (slot == threads_.end()) {
    skip(c.ref, "thread not in the file");
    return {};
  }
  if (slot->second.invalid) {
    skip(c.ref, *slot->second.invalid);
    return {};
  }
  if (c.keep_id) {
    // Sala's own export read back into the database it came from: the
    // comment is already here under its id.
    auto here = tx_.comments().get(*c.keep_id);
    if (!here) return here.error();
    if (*here && (*here)->created == c.created) {
      auto existing = tx_.threads().get((*here)->thread);
      if (!existing) return existing.error();
      if (*existing && (*existing)->site == options_.site && (*existing)->key == slot->second.source.key) {
        auto remembered = tx_.transfers().remember_imported(options_.site, options_.source, c.ref, *c.keep_id);
        if (!remembered) return remembered.error();
        ++summary_.already_imported;
        return {};
      }
    }
  }
  if (c.parent_ref && *c.parent_ref == c.ref) {
    skip(c.ref, "reply to itself");
    return {};
  }
  if (!checked.prepared) {
    skip(c.ref, checked.skip_reason);
    return {};
  }
  for (const auto& what : checked.notes) summary_.note(what);
  Prepared& p = *checked.prepared;
  if (p.row.state != CommentState::deleted && (!c.keep_avatar || (!c.avatar.empty() && p.row.avatar.empty()))) {
    auto seed = identity_.avatar_seed(tx_, options_.site, p.row.author_name);
    if (!seed) return seed.error();
    p.row.avatar = std::move(*seed);
  }
  if (p.row.state == CommentState::deleted && !waiting_.contains(p.ref)) {
    const std::string ref = p.ref;
    return hold(placeholders_, ref, std::move(p));
  }
  return submit(std::move(p));
}

Result<void> ImportWriter::hold(std::unordered_map<std::string, std::vector<Prepared>>& where,
                                const std::string& key, Prepared p) {
  waiting_bytes_ += weight(p.row);
  if (waiting_bytes_ > options_.max_waiting_bytes) {
    return Error::too_large("import_too_many_orphans",
                            "too many replies appear before the comments they answer");
  }
  where[key].push_back(std::move(p));
  return {};
}

Result<void> ImportWriter::release_placeholders(const std::string& ref) {
  // The chain of held placeholders from `ref` upwards, submitted top-down so
  // each finds its parent written; a loop, not recursion.
  std::vector<std::string> chain{ref};
  std::unordered_set<std::string> seen{ref};
  for (;;) {
    const auto& held = placeholders_.at(chain.back()).front();
    if (!held.parent_ref || !placeholders_.contains(*held.parent_ref) || seen.contains(*held.parent_ref)) break;
    chain.push_back(*held.parent_ref);
    seen.insert(chain.back());
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto node = placeholders_.extract(*it);
    for (auto& p : node.mapped()) {
      waiting_bytes_ -= weight(p.row);
      auto done = submit(std::move(p));
      if (!done) return done.error();
    }
  }
  return {};
}

Result<void> ImportWriter::submit(Prepared p) {
  if (!p.parent_ref) return insert_with_replies(std::move(p), std::nullopt);
  if (placeholders_.contains(*p.parent_ref)) {
    auto released = release_placeholders(*p.parent_ref);
    if (!released) return released.error();
  }
  auto parent = tx_.transfers().find_imported(options_.site, options_.source, *p.parent_ref);
  if (!parent) return parent.error();
  if (*parent) {
    auto row = tx_.comments().get(**parent);
    if (!row) return row.error();
    ThreadSlot& own = threads_.at(p.thread_ref);
    auto ready = ensure_thread(own, p.row.created);
    if (!ready) return ready.error();
    if (!*row || (*row)->thread != own.stored->id) {
      skip(p.ref, "parent in another thread");
      return {};
    }
    return insert_with_replies(std::move(p), **parent);
  }
  if (skipped_refs_.contains(*p.parent_ref)) {
    skip(p.ref, "reply to a skipped comment");
    return {};
  }
  const std::string parent_ref = *p.parent_ref;
  return hold(waiting_, parent_ref, std::move(p));
}

void ImportWriter::settle_comments() {
  if (settled_) return;
  settled_ = true;
  // Whatever still waits never met its parent. Walk each chain upwards once
  // (memoised) to say why: a loop, a skipped ancestor, or a missing one.
  std::unordered_map<std::string, std::string> parent_of;
  for (const auto& [parent_ref, replies] : waiting_) {
    for (const auto& r : replies) parent_of[r.ref] = parent_ref;
  }
  std::unordered_map<std::string, std::string> reason_of;
  for (const auto& [start, unused] : parent_of) {
    std::vector<std::string> chain;
    std::unordered_set<std::string> on_chain;
    std::string at = start;
    std::string reason;
    for (;;) {
      if (auto known = reason_of.find(at); known != reason_of.end()) {
        reason = known->second;
        break;
      }
      if (on_chain.contains(at)) {
        reason = "reply cycle";
        break;
      }
      auto up = parent_of.find(at);
      if (up == parent_of.end()) {
        reason = skipped_refs_.contains(at) ? "reply to a skipped comment" : "reply to a missing comment";
        break;
      }
      chain.push_back(at);
      on_chain.insert(at);
      at = up->second;
    }
    for (const auto& ref : chain) reason_of.emplace(ref, reason);
  }
  for (const auto& [ref, reason] : reason_of) skip(ref, reason);
  for (const auto& [ref, held] : placeholders_) {
    for (std::size_t i = 0; i < held.size(); ++i) skip(ref, "deleted comment without replies");
  }
  placeholders_.clear();
  waiting_.clear();
  waiting_bytes_ = 0;
}

Result<void> ImportWriter::finish() {
  settle_comments();
  for (auto& [ref, slot] : threads_) {
    if (!slot.stored || slot.approved_added == 0) continue;
    std::optional<Timestamp> at;
    if (!slot.stored->last_comment_at || *slot.stored->last_comment_at < *slot.latest) at = slot.latest;
    auto counted = tx_.threads().add_to_count(slot.stored->id, slot.approved_added, at);
    if (!counted) return counted.error();
  }
  return {};
}

}  // namespace sala::transfer
