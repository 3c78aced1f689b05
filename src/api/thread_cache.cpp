#include "api/thread_cache.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace sala::api {

std::string ThreadCache::thread_key(const std::string& site, const std::string& key) {
  std::string out = site;
  out += '\0';  // site ids never contain NUL, so the split is unambiguous
  out += key;
  return out;
}

ThreadCache::Lookup ThreadCache::find(const std::string& thread, const std::string& variant) {
  std::lock_guard lock(mutex_);
  auto it = threads_.find(thread);
  if (it == threads_.end()) return {nullptr, first_generation_};
  auto page = it->second.pages.find(variant);
  return {page == it->second.pages.end() ? nullptr : page->second, it->second.generation};
}

void ThreadCache::store(const std::string& thread, const std::string& variant,
                        std::uint64_t generation, std::shared_ptr<const CachedPage> page) {
  std::lock_guard lock(mutex_);
  if (page_count_ >= max_pages_) {
    // Crude but bounded: drop every page, keep the generations that guard against stale stores.
    for (auto& [_, entry] : threads_) entry.pages.clear();
    page_count_ = 0;
  }
  Entry& entry = entry_for(thread);
  if (entry.generation != generation) return;
  auto [it, inserted] = entry.pages.insert_or_assign(variant, std::move(page));
  if (inserted) ++page_count_;
}

ThreadCache::Entry& ThreadCache::entry_for(const std::string& thread) {
  auto [it, inserted] = threads_.try_emplace(thread);
  if (inserted) it->second.generation = first_generation_;
  return it->second;
}

void ThreadCache::invalidate_all() {
  std::lock_guard lock(mutex_);
  std::uint64_t highest = first_generation_;
  for (const auto& [_, entry] : threads_) highest = std::max(highest, entry.generation);
  threads_.clear();
  page_count_ = 0;
  first_generation_ = highest + 1;
}

void ThreadCache::invalidate(const std::string& thread) {
  std::lock_guard lock(mutex_);
  Entry& entry = entry_for(thread);
  entry.generation += 1;
  page_count_ -= entry.pages.size();
  entry.pages.clear();
}

std::size_t ThreadCache::size() const {
  std::lock_guard lock(mutex_);
  return page_count_;
}

std::string etag_for(std::string_view body) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016zx\"", std::hash<std::string_view>{}(body));
  return buf;
}

}  // namespace sala::api
