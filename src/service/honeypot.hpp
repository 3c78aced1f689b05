#pragma once

#include <string_view>

#include "core/time.hpp"
#include "domain/comment.hpp"

namespace sala::service {

struct PostDraft;

// The field of the comment form that people never see ("website": hidden by
// CSS, aria-hidden, out of the tab order, no autofill). Programs that fill
// every field fill it too; a post that does is answered as if held for
// moderation and stored nowhere (docs/api.md says why).
inline constexpr std::string_view kHoneypotField = "website";

// The answer's comment for a post caught by the honeypot: the draft as a
// pending comment with id 0, which no stored comment has.
Comment unstored_pending_comment(const PostDraft& draft, Timestamp now);

}  // namespace sala::service
