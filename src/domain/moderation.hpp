#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/comment.hpp"

namespace sala {

// What a moderator can do to one comment.
enum class Verdict { approve, reject, spam, remove };

std::string_view to_string(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view text);

// Which comments a moderator's queue shows.
enum class QueueKind { pending, reported, spam };

std::string_view to_string(QueueKind kind);
std::optional<QueueKind> parse_queue_kind(std::string_view text);

struct QueueItem {
  Comment comment;
  std::string thread_key;
  std::string thread_title;
  std::int64_t report_count = 0;
  std::vector<std::string> report_reasons;  // the latest few
};

// Who a ban holds against. A fingerprint is the reader's keyed daily hash, so
// a ban on it lasts at most until that day's key is deleted (48 hours): the
// price of never keeping an address. An account is a verified reader's
// (VerifiedReader::account), which holds whatever name or address they use.
enum class BanKind { fingerprint, email, account };

std::string_view to_string(BanKind kind);
std::optional<BanKind> parse_ban_kind(std::string_view text);

struct Ban {
  std::int64_t id = 0;
  SiteId site;
  BanKind kind = BanKind::fingerprint;
  std::string value;  // the fingerprint bytes, the lower-cased email, or the account
  std::optional<Timestamp> until;  // none: for good
  std::string reason;
  AccountId by;
  Timestamp created;
};

// What a comment's author can be banned by; each may be empty.
struct AuthorKeys {
  std::string fingerprint;
  std::string email;
  std::string account;
};

// A site's word lists, compared through text::comparable_words: a comment
// with a banned word or phrase is refused, one with a suspect one waits for
// a moderator.
struct WordLists {
  std::vector<std::string> banned;
  std::vector<std::string> suspect;
  bool operator==(const WordLists&) const = default;
};

// What a moderator's decision teaches the site's spam filter.
enum class SpamLabel { ham, spam };

std::string_view to_string(SpamLabel label);

// What the spam filter knows of some tokens: in how many comments judged
// spam and judged fine each appeared, out of how many of each.
struct SpamEvidence {
  std::int64_t spam_comments = 0;
  std::int64_t ham_comments = 0;
  // token -> {in spam, in ham}; tokens never seen are absent.
  std::vector<std::pair<std::string, std::pair<std::int64_t, std::int64_t>>> tokens;
};

// One line of the append-only audit log: who did what, to what, why, when.
struct AuditEntry {
  std::int64_t id = 0;
  Timestamp at;
  AccountId account;
  std::string account_name;  // as it was when the action was taken
  SiteId site;
  std::string action;  // "approve", "ban", "settings", ...
  std::string target;  // "comment 12", "thread /a", "ban 3"
  std::string reason;
};

}  // namespace sala
