#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sala::api {

// A page of a thread, ready to send: the response bytes and their ETag.
struct CachedPage {
  std::shared_ptr<const std::string> body;
  std::string etag;
};

// Ready response bytes for thread pages, so a read costs a hash lookup.
// Writes invalidate a whole thread (every sort and page of it).
//
// A reader that queried the database just before a write committed must not
// put its stale page back after the write's invalidation: lookups hand out
// the thread's generation, and store() keeps a page only if the generation
// is still the same. Thread-safe.
class ThreadCache {
 public:
  explicit ThreadCache(std::size_t max_pages = 20000) : max_pages_(max_pages) {}

  struct Lookup {
    std::shared_ptr<const CachedPage> page;  // null on a miss
    std::uint64_t generation = 0;
  };

  // `thread` names the thread (site and key); `variant` the page within it.
  Lookup find(const std::string& thread, const std::string& variant);
  void store(const std::string& thread, const std::string& variant, std::uint64_t generation,
             std::shared_ptr<const CachedPage> page);
  void invalidate(const std::string& thread);
  // Every thread at once (when changes may have been missed). A reader that
  // looked a page up before still cannot store it afterwards.
  void invalidate_all();

  std::size_t size() const;

  // The key for a thread: the site id and the thread key, unambiguous.
  static std::string thread_key(const std::string& site, const std::string& key);

 private:
  struct Entry {
    std::uint64_t generation = 0;
    std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages;
  };

  Entry& entry_for(const std::string& thread);  // Requires: mutex_ held

  const std::size_t max_pages_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> threads_;
  std::size_t page_count_ = 0;
  // The generation a thread starts at: above every generation handed out
  // before the last invalidate_all().
  std::uint64_t first_generation_ = 0;
};

// A strong ETag for a body: a quoted 64-bit hash in hex.
std::string etag_for(std::string_view body);

}  // namespace sala::api
