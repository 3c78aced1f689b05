#include "service/moderation_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "service/comment_removal.hpp"
#include "service/spam_filter.hpp"

namespace sala::service {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::size_t kMaxReason = 500;
constexpr std::int64_t kMaxEditWindowSeconds = 7 * 24 * 60 * 60;

CommentState state_for(Verdict verdict) {
  switch (verdict) {
    case Verdict::approve: return CommentState::approved;
    case Verdict::reject: return CommentState::rejected;
    case Verdict::spam: return CommentState::spam;
    case Verdict::remove: return CommentState::deleted;
  }
  return CommentState::rejected;
}

}  // namespace

Result<std::string> clean_reason(const std::string& reason) {
  return text::clean_line(reason, "reason", kMaxReason);
}

Result<void> require_site(const Account& who, const SiteId& site) {
  if (who.may_moderate(site)) return {};
  return Error::forbidden("not_your_site", "you do not moderate this site");
}

Result<Marked> comment_to_moderate(store::Store& tx, const Account& who, CommentId id) {
  auto comment = tx.comments().get(id);
  if (!comment) return comment.error();
  if (!*comment || (*comment)->state == CommentState::deleted) return Error::not_found("comment");
  auto thread = tx.threads().get((*comment)->thread);
  if (!thread) return thread.error();
  if (!*thread) return Error::internal("a comment without its thread");
  if (auto allowed = require_site(who, (*thread)->site); !allowed) return allowed.error();
  return Marked{std::move(**comment), std::move(**thread)};
}

Result<void> ModerationService::record(store::Store& tx, const Account& who, const SiteId& site,
                                       std::string action, std::string target,
                                       const std::string& reason) const {
  auto added = tx.moderation().append_audit(
      {0, clock_.now(), who.id, who.name, site, std::move(action), std::move(target), reason});
  if (!added) return added.error();
  return {};
}

Result<std::vector<QueueItem>> ModerationService::queue(store::Store& store, const Account& who,
                                                        const store::QueueQuery& query) const {
  if (auto allowed = require_site(who, query.site); !allowed) return allowed.error();
  return store.moderation().queue(query);
}

Result<std::int64_t> ModerationService::queue_size(store::Store& store, const Account& who,
                                                   const SiteId& site, QueueKind kind) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  return store.moderation().queue_size(site, kind);
}

Result<Judged> ModerationService::judge(store::Store& tx, const Account& who, CommentId id,
                                        Verdict verdict, const std::string& raw_reason) const {
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  auto target = comment_to_moderate(tx, who, id);
  if (!target) return target.error();
  const Comment& comment = target->comment;
  const Thread& thread = target->thread;

  const CommentState before = comment.state;
  Judged out{comment, thread, false};
  if (verdict == Verdict::remove) {
    auto changed = remove_comment(tx, comment);
    if (!changed) return changed.error();
    auto after = tx.comments().get(id);
    if (!after) return after.error();
    out = Judged{*after, std::move(*changed), false};
  } else {
    const CommentState next = state_for(verdict);
    if (next != before) {
      if (auto set = tx.moderation().set_state(id, next); !set) return set.error();
      const std::int64_t delta = next == CommentState::approved ? 1 : before == CommentState::approved ? -1 : 0;
      if (delta != 0) {
        auto counted = tx.threads().add_to_count(thread.id, delta,
                                                 delta > 0 ? std::optional<Timestamp>(comment.created) : std::nullopt);
        if (!counted) return counted.error();
        out.thread.comment_count += delta;
      }
      out.comment->state = next;
      out.became_public = next == CommentState::approved;
      // Subscribers hear of a held comment when it becomes visible, in this transaction.
      if (out.became_public && outbox_) {
        if (auto queued = outbox_->comment_became_visible(tx, id); !queued) return queued.error();
      }
    }
    // A decision settles the reports: approving dismisses them, the others remove the comment from view.
    if (auto cleared = tx.moderation().clear_reports(id); !cleared) return cleared.error();
    // The moderators' decisions are all the spam filter learns from.
    if (verdict == Verdict::approve || verdict == Verdict::spam) {
      auto trained = tx.moderation().train_spam(
          thread.site, id, spam_tokens(comment.body_markdown, comment.body_html),
          verdict == Verdict::spam ? SpamLabel::spam : SpamLabel::ham);
      if (!trained) return trained.error();
    }
  }
  if (auto logged = record(tx, who, thread.site, std::string(to_string(verdict)),
                           "comment " + std::to_string(id.value), *reason);
      !logged) {
    return logged.error();
  }
  // Other instances drop their cached pages, and show the comment if it just became public.
  auto announced = tx.announce({out.thread.site, out.thread.key,
                                out.became_public ? std::optional<CommentId>(id) : std::nullopt});
  if (!announced) return announced.error();
  return out;
}

Result<Thread> ModerationService::set_closed(store::Store& tx, const Account& who, const SiteId& site,
                                             const std::string& key, bool is_closed,
                                             const std::string& raw_reason) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  auto thread = tx.threads().find(site, key);
  if (!thread) return thread.error();
  if (!*thread) return Error::not_found("thread");
  if (auto set = tx.threads().set_closed((*thread)->id, is_closed); !set) return set.error();
  (*thread)->is_closed = is_closed;
  if (auto logged = record(tx, who, site, is_closed ? "close" : "open", "thread " + key, *reason); !logged) {
    return logged.error();
  }
  if (auto announced = tx.announce({site, key, std::nullopt}); !announced) return announced.error();
  return std::move(**thread);
}

Result<std::vector<Ban>> ModerationService::ban(store::Store& tx, const Account& who,
                                                const BanRequest& request) const {
  if (auto allowed = require_site(who, request.site); !allowed) return allowed.error();
  auto reason = clean_reason(request.reason);
  if (!reason) return reason.error();
  if (request.days && (*request.days < 1 || *request.days > 3650)) {
    return Error::unprocessable("days_invalid", "days must be between 1 and 3650, or left out for good");
  }
  std::vector<std::pair<BanKind, std::string>> keys;
  std::string target;
  if (request.comment) {
    auto comment = tx.comments().get(*request.comment);
    if (!comment) return comment.error();
    if (!*comment) return Error::not_found("comment");
    auto thread = tx.threads().get((*comment)->thread);
    if (!thread) return thread.error();
    if (!*thread || (*thread)->site != request.site) return Error::not_found("comment");
    auto author = tx.moderation().author_keys(*request.comment);
    if (!author) return author.error();
    if (!author->fingerprint.empty()) keys.emplace_back(BanKind::fingerprint, author->fingerprint);
    if (!author->email.empty()) keys.emplace_back(BanKind::email, text::lower_ascii(author->email));
    if (!author->account.empty()) keys.emplace_back(BanKind::account, author->account);
    target = "author of comment " + std::to_string(request.comment->value);
  } else {
    auto email = text::clean_email(request.email);
    if (!email) return email.error();
    keys.emplace_back(BanKind::email, text::lower_ascii(*email));
    target = "email";  // the address itself stays out of the log
  }
  if (keys.empty()) {
    return Error::unprocessable("nothing_to_ban", "this comment carries nothing its author could be banned by");
  }
  const Timestamp now = clock_.now();
  std::optional<Timestamp> until;
  if (request.days) until = Timestamp{now.ms + *request.days * kDayMs};
  std::vector<Ban> out;
  for (auto& [kind, value] : keys) {
    Ban ban{0, request.site, kind, value, until, *reason, who.id, now};
    auto id = tx.moderation().add_ban(ban);
    if (!id) return id.error();
    ban.id = *id;
    out.push_back(std::move(ban));
  }
  if (auto logged = record(tx, who, request.site, "ban", target, *reason); !logged) return logged.error();
  return out;
}

Result<void> ModerationService::unban(store::Store& tx, const Account& who, const SiteId& site,
                                      std::int64_t ban_id, const std::string& raw_reason) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  auto removed = tx.moderation().remove_ban(site, ban_id);
  if (!removed) return removed.error();
  if (!*removed) return Error::not_found("ban");
  return record(tx, who, site, "unban", "ban " + std::to_string(ban_id), *reason);
}

Result<std::vector<Ban>> ModerationService::bans(store::Store& store, const Account& who,
                                                 const SiteId& site) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  return store.moderation().bans(site, clock_.now());
}

Result<Site> ModerationService::settings(store::Store& store, const Account& who, const SiteId& site) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  auto found = store.sites().find(site);
  if (!found) return found.error();
  if (!*found) return Error::not_found("site");
  return std::move(**found);
}

Result<Site> ModerationService::change_settings(store::Store& tx, const Account& who,
                                                const SiteSettings& s, const std::string& raw_reason) const {
  if (auto allowed = require_site(who, s.site); !allowed) return allowed.error();
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  if (s.slow_mode_seconds < 0 || s.slow_mode_seconds > 86400) {
    return Error::unprocessable("slow_mode_invalid", "slow_mode_seconds must be between 0 and 86400");
  }
  if (s.edit_window_seconds && (*s.edit_window_seconds < 0 || *s.edit_window_seconds > kMaxEditWindowSeconds)) {
    return Error::unprocessable("edit_window_invalid", "edit_window_seconds must be between 0 and 604800");
  }
  auto found = tx.sites().find(s.site);
  if (!found) return found.error();
  if (!*found) return Error::not_found("site");
  Site site = std::move(**found);
  site.premoderate = s.premoderate;
  site.premoderate_links = s.premoderate_links;
  site.premoderate_first = s.premoderate_first;
  site.slow_mode_seconds = s.slow_mode_seconds;
  site.edit_window_seconds = s.edit_window_seconds;
  site.challenge = s.challenge;
  site.anonymous = s.anonymous;
  if (auto saved = tx.moderation().save_settings(site); !saved) return saved.error();
  std::string target = "settings: premoderate=" + std::string(s.premoderate ? "on" : "off") +
                       " links=" + (s.premoderate_links ? "on" : "off") +
                       " first=" + (s.premoderate_first ? "on" : "off") +
                       " slow_mode=" + std::to_string(s.slow_mode_seconds) + "s" + " edit_window=" +
                       (s.edit_window_seconds ? std::to_string(*s.edit_window_seconds) + "s" : "default") +
                       " challenge=" + challenge_mode_name(s.challenge) +
                       " anonymous=" + (s.anonymous ? "on" : "off");
  if (auto logged = record(tx, who, s.site, "settings", std::move(target), *reason); !logged) {
    return logged.error();
  }
  return site;
}

Result<WordLists> ModerationService::word_lists(store::Store& store, const Account& who, const SiteId& site) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  return store.moderation().word_lists(site);
}

Result<WordLists> ModerationService::set_word_lists(store::Store& tx, const Account& who, const SiteId& site,
                                                    const WordLists& lists, const std::string& raw_reason) const {
  if (auto allowed = require_site(who, site); !allowed) return allowed.error();
  auto reason = clean_reason(raw_reason);
  if (!reason) return reason.error();
  WordLists clean;
  for (auto [in, out] : {std::pair{&lists.banned, &clean.banned}, std::pair{&lists.suspect, &clean.suspect}}) {
    if (in->size() > 500) return Error::unprocessable("too_many_words", "a word list holds at most 500 entries");
    for (const std::string& entry : *in) {
      auto line = text::clean_line(entry, "word", 100);
      if (!line) return line.error();
      if (line->empty()) continue;
      if (text::comparable_words(*line).empty()) {
        return Error::unprocessable("word_invalid", "'" + *line + "' has no letters or digits to match");
      }
      out->push_back(std::move(*line));
    }
  }
  if (auto saved = tx.moderation().set_word_lists(site, clean); !saved) return saved.error();
  if (auto logged = record(tx, who, site, "words",
                           "word lists: " + std::to_string(clean.banned.size()) + " banned, " +
                               std::to_string(clean.suspect.size()) + " suspect",
                           *reason);
      !logged) {
    return logged.error();
  }
  return clean;
}

Result<std::vector<AuditEntry>> ModerationService::audit(store::Store& store, const Account& who,
                                                         const std::optional<SiteId>& site,
                                                         std::optional<std::int64_t> before, int limit) const {
  if (who.role != Role::admin) return Error::forbidden("admins_only", "only admins read the audit log");
  return store.moderation().audit(site, before, std::clamp(limit, 1, 200));
}

}  // namespace sala::service
