#pragma once

#include <optional>
#include <string>

#include "service/thread_reader.hpp"

namespace sala::pages {

// What the reader typed, kept across a refused submission, and the form's token.
struct FormState {
  std::optional<CommentId> parent;
  std::string parent_author;
  std::string author;
  std::string body;
  std::string error;
  std::string token;
};

struct ThreadPageModel {
  const service::ThreadView* view = nullptr;
  std::string site;
  Sort sort = Sort::newest;
  std::string notice;  // e.g. "Your comment is awaiting moderation."
  FormState form;
};

// A whole HTML page for reading and answering a thread without JavaScript
// (Tor Browser's Safest mode, text browsers). No script, no external
// resource, every datum escaped.
std::string render_thread_page(const ThreadPageModel& model);

// "/thread?site=S&thread=T[&sort=...][&after=...][&reply=...]" with every value percent-encoded.
std::string thread_page_link(const std::string& site, const std::string& thread,
                             std::optional<Sort> sort = std::nullopt,
                             const std::string& after = {}, std::optional<CommentId> reply = std::nullopt);

}  // namespace sala::pages
