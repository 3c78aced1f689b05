#include "service/post_rules.hpp"

#include "core/text.hpp"
#include "domain/thread_settings.hpp"
#include "service/comment_service.hpp"
#include "service/spam_filter.hpp"

namespace sala::service {
namespace {

Result<void> refuse_if_banned(store::Store& tx, const SiteId& site, const PostDraft& d, Timestamp now) {
  std::optional<Ban> ban;
  if (!d.fingerprint.empty()) {
    auto found = tx.moderation().active_ban(site, BanKind::fingerprint, d.fingerprint, now);
    if (!found) return found.error();
    ban = std::move(*found);
  }
  if (!ban && !d.email.empty()) {
    auto found = tx.moderation().active_ban(site, BanKind::email, text::lower_ascii(d.email), now);
    if (!found) return found.error();
    ban = std::move(*found);
  }
  if (!ban && !d.author_account.empty()) {
    auto found = tx.moderation().active_ban(site, BanKind::account, d.author_account, now);
    if (!found) return found.error();
    ban = std::move(*found);
  }
  if (ban) return Error::forbidden("banned", "you cannot comment on this site at the moment");
  return {};
}

bool any_in(const std::vector<std::string>& phrases, const std::vector<std::string>& words) {
  for (const std::string& phrase : phrases) {
    if (text::contains_words(words, text::comparable_words(phrase))) return true;
  }
  return false;
}

// The site's own spam filter, once it has learned enough.
Result<bool> held_as_spam(store::Store& tx, const Site& site, const PostDraft& d) {
  // The totals alone first: most sites never train the filter, and a post
  // should not pay a lookup per word for nothing.
  auto totals = tx.moderation().spam_evidence(site.id, {});
  if (!totals) return totals.error();
  if (totals->spam_comments < kSpamMinExamples || totals->ham_comments < kSpamMinExamples) return false;
  auto evidence = tx.moderation().spam_evidence(site.id, spam_tokens(d.body_markdown, d.body_html));
  if (!evidence) return evidence.error();
  auto known = tx.moderation().is_known_author(site.id, d.fingerprint, text::lower_ascii(d.email));
  if (!known) return known.error();
  const auto p = spam_probability(*evidence, {link_count(d.body_html), !*known});
  return p && *p >= kSpamHoldAt;
}

}  // namespace

Result<CommentState> admit_post(store::Store& tx, const Site& site_settings, const Thread& thread,
                                const PostDraft& d, Timestamp now) {
  auto own = tx.moderation().thread_settings(thread.id);
  if (!own) return own.error();
  const Site site = with_thread_settings(site_settings, *own);
  if (auto allowed = refuse_if_banned(tx, site.id, d, now); !allowed) return allowed.error();
  if (site.slow_mode_seconds > 0 && !d.fingerprint.empty()) {
    auto last = tx.moderation().last_post_by(thread.id, d.fingerprint);
    if (!last) return last.error();
    const std::int64_t wait_ms = *last ? last->value().ms + site.slow_mode_seconds * 1000 - now.ms : 0;
    if (wait_ms > 0) {
      return Error::rate_limited("slow_mode",
                                 "this discussion is in slow mode: one comment every " +
                                     std::to_string(site.slow_mode_seconds) + " seconds",
                                 (wait_ms + 999) / 1000);
    }
  }
  auto lists = tx.moderation().word_lists(site.id);
  if (!lists) return lists.error();
  bool is_suspect = false;
  if (!lists->banned.empty() || !lists->suspect.empty()) {
    const std::vector<std::string> words = text::comparable_words(d.author + "\n" + d.body_markdown);
    // Which word is not said: a spammer would only learn what to misspell next.
    if (any_in(lists->banned, words)) {
      return Error::unprocessable("words_refused", "this comment contains words this site does not publish");
    }
    is_suspect = any_in(lists->suspect, words);
  }
  if (site.premoderate || is_suspect) return CommentState::pending;
  if (auto held = held_as_spam(tx, site, d); !held) {
    return held.error();
  } else if (*held) {
    return CommentState::pending;
  }
  // The rendered HTML is the source of truth for links: autolinks count too.
  if (site.premoderate_links && d.body_html.find("<a ") != std::string::npos) return CommentState::pending;
  if (site.premoderate_first) {
    auto known = tx.moderation().is_known_author(site.id, d.fingerprint, text::lower_ascii(d.email));
    if (!known) return known.error();
    if (!*known) return CommentState::pending;
  }
  return CommentState::approved;
}

}  // namespace sala::service
