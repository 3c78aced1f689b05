#include "service/comment_service.hpp"

#include "core/text.hpp"
#include "crypto/crypto.hpp"
#include "markup/markdown.hpp"
#include "service/comment_removal.hpp"
#include "service/post_rules.hpp"
#include "service/post_validation.hpp"

namespace sala::service {
namespace {

constexpr std::size_t kMaxTitle = 300;

Result<std::string> clean_body(const CommentPolicy& policy, std::string_view body) {
  return text::clean_body(body, policy.max_body_code_points);
}

// An anonymous author may not take a name that looks like a verified reader's.
Result<void> verified_name_free(store::Store& store, const SiteId& site, std::string_view name) {
  const std::string skeleton = text::name_skeleton(name);
  if (skeleton.empty()) return {};
  auto reserved = store.moderation().is_name_reserved(site, skeleton, "");
  if (!reserved) return reserved.error();
  if (*reserved) {
    return Error::unprocessable("author_reserved", "this name belongs to a signed-in reader; please choose another");
  }
  return {};
}

Error edit_token_refused() {
  return Error::forbidden("invalid_edit_token", "this comment cannot be changed with that edit token");
}

}  // namespace

Result<PostDraft> CommentService::prepare_post(store::Store& store, const PostInput& in) const {
  PostDraft d;
  d.site = in.site;
  auto key = clean_thread_key(in.thread_key);
  if (!key) return key.error();
  d.thread_key = std::move(*key);
  auto author = in.reader ? Result<std::string>(in.reader->name) : text::clean_name(in.author, "author");
  if (!author) return author.error();
  if (auto free = staff_names_.check(store, *author); !free) return free.error();
  if (in.reader) {
    d.author_account = in.reader->account;
    d.author_badge = in.reader->badge;
  } else if (auto free = verified_name_free(store, in.site, *author); !free) {
    return free.error();
  }
  d.author = std::move(*author);
  auto body = clean_body(policy_, in.body);
  if (!body) return body.error();
  d.body_markdown = std::move(*body);
  if (in.email && !in.email->empty()) {
    auto email = text::clean_email(*in.email);
    if (!email) return email.error();
    d.email = std::move(*email);
  }
  if (in.url && !in.url->empty()) {
    auto url = text::clean_http_url(*in.url, "url");
    if (!url) return url.error();
    d.url = std::move(*url);
  }
  if (in.title) {
    auto title = text::clean_line(*in.title, "title", kMaxTitle);
    if (!title) return title.error();
    d.title = std::move(*title);
  }
  if (in.anchor) {
    auto anchor = clean_anchor(*in.anchor);
    if (!anchor) return anchor.error();
    d.anchor = std::move(*anchor);
  }
  if (in.notify) {
    auto kind = parse_subscription_kind(*in.notify);
    if (!kind) return Error::unprocessable("notify_invalid", "notify must be \"replies\" or \"thread\"");
    if (!subscriptions_ || !outbox_ || !outbox_->enabled()) {
      return Error::unprocessable("notifications_disabled", "this server sends no notifications");
    }
    if (d.email.empty()) return Error::unprocessable("email_required", "notify needs an email address");
    d.notify = *kind;
  }
  d.parent = in.parent;
  auto html = markup::render_html(d.body_markdown);
  if (!html) return html.error();
  d.body_html = std::move(*html);
  auto avatar = identity_.avatar_seed(store, d.site, d.author);
  if (!avatar) return avatar.error();
  d.avatar = std::move(*avatar);
  d.edit_token = crypto::random_token();
  d.fingerprint = in.fingerprint;
  d.is_honeypot = !in.honeypot.empty();
  d.spent_challenge = in.spent_challenge;
  return d;
}

Result<Posted> CommentService::commit_post(store::Store& tx, const PostDraft& d) const {
  auto site = tx.sites().find(d.site);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site '" + d.site.value + "'");
  if (!d.url.empty() && !url_belongs_to(**site, d.url)) {
    return Error::unprocessable("url_not_allowed", "url must be on one of the site's origins");
  }
  if (!(*site)->anonymous && d.author_account.empty()) {
    return Error::forbidden("signed_in_readers_only", "this site asks readers to sign in before commenting");
  }
  const Timestamp now = clock_.now();
  if (d.spent_challenge) {
    // In the post's own transaction: another instance that took the same
    // solution a moment ago makes this post fail, and a failed post spends nothing.
    auto fresh = tx.moderation().spend_challenge(d.spent_challenge->tag, d.spent_challenge->expires, now);
    if (!fresh) return fresh.error();
    if (!*fresh) return used_challenge();
  }
  auto thread = tx.threads().find_or_create({d.site, d.thread_key, d.title, d.url, now});
  if (!thread) return thread.error();
  if (thread->is_closed) {
    return Error::forbidden("thread_closed", "this discussion is closed to new comments");
  }
  if (d.parent) {
    auto parent = tx.comments().get(*d.parent);
    if (!parent) return parent.error();
    if (!*parent || (*parent)->thread != thread->id || (*parent)->state != CommentState::approved) {
      return Error::unprocessable("parent_not_found", "the comment replied to is not in this thread");
    }
  }
  NewComment n;
  n.thread = thread->id;
  n.parent = d.parent;
  n.author_name = d.author;
  n.author_email = d.email;
  n.avatar = d.avatar;
  n.body_markdown = d.body_markdown;
  n.body_html = d.body_html;
  n.renderer_version = markup::kRendererVersion;
  auto state = admit_post(tx, **site, *thread, d, now);
  if (!state) return state.error();
  n.state = *state;
  n.author_fingerprint = d.fingerprint;
  n.author_account = d.author_account;
  n.author_badge = d.author_badge;
  n.created = now;
  n.edit_token_hash = crypto::digest(d.edit_token);
  n.anchor = d.anchor;
  auto id = tx.comments().insert(n);
  if (!id) return id.error();
  if (n.state == CommentState::approved) {
    auto counted = tx.threads().add_to_count(thread->id, 1, now);
    if (!counted) return counted.error();
    thread->comment_count += 1;
  }
  auto stored = tx.comments().get(*id);
  if (!stored) return stored.error();
  if (!*stored) return Error::internal("comment vanished after insert");
  if (!d.author_account.empty()) {
    // From now on nobody else posts on the site under a lookalike of this name.
    auto reserved = tx.moderation().reserve_name(d.site, d.author_account, text::name_skeleton(d.author), now);
    if (!reserved) return reserved.error();
  }
  auto announced = tx.announce({d.site, d.thread_key, *id});
  if (!announced) return announced.error();
  if (outbox_) {
    if (auto queued = outbox_->comment_stored(tx, **stored); !queued) return queued.error();
  }
  if (d.notify && subscriptions_) {
    // Replies to this very comment; a thread subscription follows the thread.
    const auto comment = *d.notify == SubscriptionKind::replies ? std::optional<CommentId>(*id)
                                                                 : std::nullopt;
    auto subscribed = subscriptions_->subscribe_to_thread(tx, d.email, thread->id, *d.notify, comment);
    if (!subscribed) return subscribed.error();
  }
  return Posted{std::move(**stored), std::move(*thread), d.edit_token};
}

Result<EditDraft> CommentService::prepare_edit(CommentId id, std::string_view body,
                                               std::string_view edit_token) const {
  if (edit_token.empty()) return edit_token_refused();
  auto cleaned = clean_body(policy_, body);
  if (!cleaned) return cleaned.error();
  auto html = markup::render_html(*cleaned);
  if (!html) return html.error();
  return EditDraft{id, std::string(edit_token), std::move(*cleaned), std::move(*html)};
}

Result<std::chrono::milliseconds> CommentService::edit_window(store::Store& tx, ThreadId thread_id) const {
  auto thread = tx.threads().get(thread_id);
  if (!thread) return thread.error();
  if (!*thread) return Error::internal("a comment without its thread");
  auto site = tx.sites().find((*thread)->site);
  if (!site) return site.error();
  if (*site && (*site)->edit_window_seconds) {
    return std::chrono::milliseconds(std::chrono::seconds(*(*site)->edit_window_seconds));
  }
  return policy_.edit_window;
}

Result<Comment> CommentService::authorize_change(store::Store& tx, CommentId id,
                                                 std::string_view edit_token) const {
  auto comment = tx.comments().get(id);
  if (!comment) return comment.error();
  if (!*comment || (*comment)->state == CommentState::deleted) return Error::not_found("comment");
  auto stored = tx.comments().edit_token_hash(id);
  if (!stored) return stored.error();
  if (stored->empty() || !crypto::equal_constant_time(*stored, crypto::digest(edit_token))) {
    return edit_token_refused();
  }
  auto window = edit_window(tx, (*comment)->thread);
  if (!window) return window.error();
  if (clock_.now() - (*comment)->created > *window) {
    return Error::forbidden("edit_window_closed", "the time to edit or delete this comment has passed");
  }
  return std::move(**comment);
}

Result<Changed> CommentService::commit_edit(store::Store& tx, const EditDraft& d) const {
  auto comment = authorize_change(tx, d.id, d.edit_token);
  if (!comment) return comment.error();
  auto updated = tx.comments().update_body(d.id, d.body_markdown, d.body_html,
                                           markup::kRendererVersion, clock_.now());
  if (!updated) return updated.error();
  auto thread = tx.threads().get(comment->thread);
  if (!thread) return thread.error();
  auto stored = tx.comments().get(d.id);
  if (!stored) return stored.error();
  if (!*thread || !*stored) return Error::internal("comment or thread vanished during an edit");
  auto announced = tx.announce({(*thread)->site, (*thread)->key, std::nullopt});
  if (!announced) return announced.error();
  return Changed{std::move(**stored), std::move(**thread)};
}

Result<Changed> CommentService::remove(store::Store& tx, CommentId id,
                                       std::string_view edit_token) const {
  auto comment = authorize_change(tx, id, edit_token);
  if (!comment) return comment.error();
  auto thread = remove_comment(tx, *comment);
  if (!thread) return thread.error();
  auto announced = tx.announce({thread->site, thread->key, std::nullopt});
  if (!announced) return announced.error();
  return Changed{std::nullopt, std::move(*thread)};
}

}  // namespace sala::service
