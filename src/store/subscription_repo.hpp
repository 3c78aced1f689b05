#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/notification.hpp"

namespace sala::store {

// E-mail subscriptions: the addresses, what they follow, and the digests of
// the tokens mailed to them. An address lives only as long as one of its
// subscriptions; erase_if_unused() is the one place that deletes it, and its
// tokens and queued mails go with it.
class SubscriptionRepo {
 public:
  virtual ~SubscriptionRepo() = default;

  // The recipient with this (normalized) address, created if new.
  [[nodiscard]] virtual Result<RecipientId> recipient(const std::string& email, Timestamp now) = 0;
  // Adds a pending subscription; an identical one (same recipient, thread,
  // kind and comment) is kept as it is and its id returned.
  [[nodiscard]] virtual Result<SubscriptionId> add(const NewSubscription& subscription) = 0;
  // Records that a confirmation mail goes to `recipient` now, unless one went
  // after `not_before`; returns whether this caller may send it. Atomic, so
  // two requests at once send one mail.
  [[nodiscard]] virtual Result<bool> claim_confirmation(RecipientId recipient, Timestamp now,
                                                        Timestamp not_before) = 0;
  // The address of a recipient, if it still exists.
  [[nodiscard]] virtual Result<std::optional<std::string>> email(RecipientId recipient) = 0;
  // Confirms the recipient's pending subscriptions created at or before
  // `created_by`; returns how many.
  [[nodiscard]] virtual Result<int> confirm(RecipientId recipient, Timestamp created_by) = 0;
  // Every subscription of the recipient, confirmed or not, oldest first.
  [[nodiscard]] virtual Result<std::vector<SubscriptionView>> list(RecipientId recipient) = 0;
  // The recipient's pending subscriptions created at or before `created_by`.
  [[nodiscard]] virtual Result<std::vector<SubscriptionView>> pending(RecipientId recipient,
                                                                      Timestamp created_by) = 0;
  // Removes one subscription if it belongs to `recipient`; returns whether it did.
  [[nodiscard]] virtual Result<bool> remove(RecipientId recipient, SubscriptionId id) = 0;
  [[nodiscard]] virtual Result<void> remove_all(RecipientId recipient) = 0;
  // Sets how one subscription of `recipient` is delivered; returns whether
  // the recipient has that subscription.
  [[nodiscard]] virtual Result<bool> set_delivery(RecipientId recipient, SubscriptionId id,
                                                  Delivery delivery) = 0;
  // Deletes the recipient (address, tokens, queued mails) when no
  // subscription is left; returns whether it did.
  [[nodiscard]] virtual Result<bool> erase_if_unused(RecipientId recipient) = 0;
  // The confirmed subscriptions a newly visible comment concerns, one per
  // recipient (a reply subscription wins over a thread one), never the
  // address the comment was written with.
  [[nodiscard]] virtual Result<std::vector<SubscriptionMatch>> matching(const Comment& comment) = 0;

  [[nodiscard]] virtual Result<void> add_token(const MailToken& token) = 0;
  // The unexpired token with this digest and purpose.
  [[nodiscard]] virtual Result<std::optional<MailToken>> find_token(const std::string& digest,
                                                                    TokenPurpose purpose,
                                                                    Timestamp now) = 0;
  [[nodiscard]] virtual Result<void> erase_token(const std::string& digest) = 0;
  [[nodiscard]] virtual Result<void> erase_expired_tokens(Timestamp now) = 0;
};

}  // namespace sala::store
