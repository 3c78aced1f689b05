#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/feed_repo.hpp"

namespace sala::feeds {

// What a feed says about itself.
struct FeedHead {
  std::string id;        // an IRI, stable for this feed
  std::string title;
  std::string self_url;  // where the feed itself is fetched
  std::string alternate_url;  // the article, for a thread's feed; may be empty
  Timestamp now;  // the feed's <updated> when it has no entry
};

// An Atom (RFC 4287) document of `entries` (newest first), built from an
// allow-list: author name, sanitized body HTML, times and our own links; no
// address, token or digest. Every datum is escaped, and characters XML 1.0
// does not allow are dropped, so any stored text makes a well-formed feed.
// `entry_id_prefix` + comment id is each entry's id.
std::string atom_feed(const FeedHead& head, std::string_view entry_id_prefix,
                      const std::vector<store::FeedEntry>& entries);

// Escapes & < > " ' and drops what XML 1.0 forbids (C0 controls other than
// tab and line ends, U+FFFE, U+FFFF, invalid UTF-8).
void append_xml_escaped(std::string& out, std::string_view text);

}  // namespace sala::feeds
