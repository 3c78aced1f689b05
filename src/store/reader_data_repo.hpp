#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/notification.hpp"
#include "domain/reader_data.hpp"

namespace sala::store {

// What Sala holds under one e-mail address, for the reader who owns it:
// the comments written with it, its subscriptions, and the mailed links
// that prove ownership. Addresses are matched exactly, as they were stored
// (normalized when written).
class ReaderDataRepo {
 public:
  virtual ~ReaderDataRepo() = default;

  // Stores `link` as the address's one live link, unless a link for it was
  // created after `not_before`; returns whether it did. Atomic, so two
  // requests at once mail one link.
  [[nodiscard]] virtual Result<bool> put_link(const ReaderDataLink& link, Timestamp not_before) = 0;
  // The unexpired link with this token digest.
  [[nodiscard]] virtual Result<std::optional<ReaderDataLink>> find_link(const std::string& digest,
                                                                        Timestamp now) = 0;
  // Marks the link's download used; false if it already was.
  [[nodiscard]] virtual Result<bool> mark_downloaded(const std::string& digest) = 0;
  // Deletes the address's link (and with it the address).
  [[nodiscard]] virtual Result<void> erase_link(const std::string& email) = 0;
  [[nodiscard]] virtual Result<void> erase_expired_links(Timestamp now) = 0;

  // Whether any comment or subscription is held under the address, or any
  // comment under `account` (the address's account from a sign-in by
  // e-mail; "" for none).
  [[nodiscard]] virtual Result<bool> has_data(const std::string& email, const std::string& account) = 0;
  // Every comment written with the address or under `account`, whatever its
  // state, oldest first.
  [[nodiscard]] virtual Result<std::vector<ReaderComment>> comments(const std::string& email,
                                                                    const std::string& account) = 0;
  // Every subscription of the address, confirmed or not, oldest first.
  [[nodiscard]] virtual Result<std::vector<SubscriptionView>> subscriptions(const std::string& email) = 0;
  // Replaces the comment's author name with `label` and clears what could
  // tie it to its author: address, account, badge, fingerprint, edit token,
  // avatar seed.
  [[nodiscard]] virtual Result<void> forget_author(CommentId comment, const std::string& label,
                                                   const std::string& avatar) = 0;
  // Deletes the address from the subscribers, with its subscriptions,
  // tokens, gathered digests and queued mails; returns how many
  // subscriptions went.
  [[nodiscard]] virtual Result<int> erase_subscriber(const std::string& email) = 0;
  // Deletes what is kept under a signed-in reader's account: the names it
  // reserved and its sign-in links.
  [[nodiscard]] virtual Result<void> erase_account(const std::string& account) = 0;
};

}  // namespace sala::store
