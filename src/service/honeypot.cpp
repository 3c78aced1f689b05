#include "service/honeypot.hpp"

#include "markup/markdown.hpp"
#include "service/comment_service.hpp"

namespace sala::service {

Comment unstored_pending_comment(const PostDraft& draft, Timestamp now) {
  Comment c;
  c.parent = draft.parent;
  c.depth = draft.parent ? 1 : 0;
  c.author_name = draft.author;
  c.avatar = draft.avatar;
  c.body_markdown = draft.body_markdown;
  c.body_html = draft.body_html;
  c.renderer_version = markup::kRendererVersion;
  c.state = CommentState::pending;
  c.created = now;
  c.anchor = draft.anchor;
  c.author_badge = draft.author_badge;
  return c;
}

}  // namespace sala::service
