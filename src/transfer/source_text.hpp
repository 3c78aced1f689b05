#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/time.hpp"

// Small readers for the field formats that export files use.
namespace sala::transfer {

// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

// "YYYY-MM-DD HH:MM:SS" (WordPress, Isso's generic JSON), read as UTC. The
// zero date WordPress writes for "none" and anything out of range -> nullopt.
std::optional<Timestamp> parse_sql_datetime(std::string_view text);

// The thread key a page at `url` would use: its path, with the query when
// there is one ("/2014/test/", "/?p=4"). Empty when `url` is not an absolute
// http(s) URL.
std::string thread_key_from_url(std::string_view url);

// wpDiscuz keeps a comment's votes in comment meta: "wpdiscuz_votes_seperate"
// holds a PHP-serialized array such as a:2:{s:4:"like";i:3;s:7:"dislike";i:1;}.
// Returns (likes, dislikes), or nullopt when the value is not of that form.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_wpdiscuz_votes(std::string_view serialized);

}  // namespace sala::transfer
