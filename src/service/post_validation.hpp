#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/comment.hpp"
#include "domain/site.hpp"

namespace sala::service {

// A thread key as pages send it: a canonical path or a publisher's id.
[[nodiscard]] Result<std::string> clean_thread_key(std::string_view raw);

// Checks an anchor's text and offsets; its context may be empty.
[[nodiscard]] Result<Anchor> clean_anchor(const Anchor& raw);

// The scheme://host[:port] of an absolute http(s) URL, lower-cased.
std::optional<std::string> origin_of(std::string_view url);

// True when `url` lives on one of the site's origins (any URL when the site lists none).
bool url_belongs_to(const Site& site, std::string_view url);

}  // namespace sala::service
