#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/change_feed.hpp"

namespace sala::pg {

// How Store::announce travels between instances: NOTIFY on one channel per
// schema, with a payload naming the thread, never its content (a
// notification carries at most 8000 bytes; the comment is read from the
// database by whoever needs it).
//
// Payload: "<instance> <comment id or 0> <site> <thread key>", or
// "<instance> *" for "anything may have changed".
struct Announcement {
  std::string instance;
  std::optional<store::ThreadChange> change;  // none: anything may have changed
};

// The channel of the schema that holds Sala's tables.
std::string channel_for_schema(const std::string& schema);

std::string encode_announcement(const std::string& instance, const store::ThreadChange& change);
std::optional<Announcement> decode_announcement(std::string_view payload);

// A random id that tells this process's announcements from others'.
std::string new_instance_id();

}  // namespace sala::pg
