#include "api/thread_cache.hpp"

#include <gtest/gtest.h>

namespace sala::api {
namespace {

std::shared_ptr<const CachedPage> page(const std::string& body) {
  auto bytes = std::make_shared<const std::string>(body);
  return std::make_shared<const CachedPage>(CachedPage{bytes, etag_for(body)});
}

TEST(ThreadCacheTest, StoresAndFindsPagesPerVariant) {
  ThreadCache cache;
  const auto t = ThreadCache::thread_key("news", "/a");
  auto miss = cache.find(t, "newest|20|");
  EXPECT_FALSE(miss.page);
  cache.store(t, "newest|20|", miss.generation, page("one"));
  auto hit = cache.find(t, "newest|20|");
  ASSERT_TRUE(hit.page);
  EXPECT_EQ(*hit.page->body, "one");
  EXPECT_FALSE(cache.find(t, "oldest|20|").page);
}

TEST(ThreadCacheTest, InvalidationDropsEveryPageOfTheThreadOnly) {
  ThreadCache cache;
  const auto a = ThreadCache::thread_key("news", "/a");
  const auto b = ThreadCache::thread_key("news", "/b");
  cache.store(a, "x", 0, page("a"));
  cache.store(a, "y", 0, page("a2"));
  cache.store(b, "x", 0, page("b"));
  cache.invalidate(a);
  EXPECT_FALSE(cache.find(a, "x").page);
  EXPECT_FALSE(cache.find(a, "y").page);
  EXPECT_TRUE(cache.find(b, "x").page);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ThreadCacheTest, APageReadBeforeAWriteIsNotStoredAfterIt) {
  ThreadCache cache;
  const auto t = ThreadCache::thread_key("news", "/a");
  auto before = cache.find(t, "x");  // a reader starts a database read here
  cache.invalidate(t);               // a write commits meanwhile
  cache.store(t, "x", before.generation, page("stale"));
  EXPECT_FALSE(cache.find(t, "x").page);
}

TEST(ThreadCacheTest, InvalidatingAllDropsEveryPageAndEveryPendingStore) {
  ThreadCache cache;
  const auto cached = ThreadCache::thread_key("news", "/a");
  const auto uncached = ThreadCache::thread_key("news", "/b");
  cache.store(cached, "x", 0, page("a"));
  auto before_cached = cache.find(cached, "y");    // readers start database reads,
  auto before_uncached = cache.find(uncached, "x");  // one for a thread never cached
  cache.invalidate_all();                          // changes may have been missed meanwhile
  EXPECT_FALSE(cache.find(cached, "x").page);
  EXPECT_EQ(cache.size(), 0u);
  cache.store(cached, "y", before_cached.generation, page("stale"));
  cache.store(uncached, "x", before_uncached.generation, page("stale"));
  EXPECT_FALSE(cache.find(cached, "y").page);
  EXPECT_FALSE(cache.find(uncached, "x").page);
  auto fresh = cache.find(uncached, "x");
  cache.store(uncached, "x", fresh.generation, page("fresh"));
  EXPECT_TRUE(cache.find(uncached, "x").page);
}

TEST(ThreadCacheTest, SiteAndKeyCannotBeConfused) {
  EXPECT_NE(ThreadCache::thread_key("ab", "c"), ThreadCache::thread_key("a", "bc"));
}

TEST(ThreadCacheTest, TheCacheStaysBounded) {
  ThreadCache cache(10);
  for (int i = 0; i < 100; ++i) {
    cache.store(ThreadCache::thread_key("s", std::to_string(i)), "x", 0, page("p"));
    EXPECT_LE(cache.size(), 10u);
  }
}

TEST(ThreadCacheTest, EtagsAreQuotedAndFollowTheBytes) {
  EXPECT_EQ(etag_for("a").front(), '"');
  EXPECT_EQ(etag_for("a").back(), '"');
  EXPECT_EQ(etag_for("a"), etag_for("a"));
  EXPECT_NE(etag_for("a"), etag_for("b"));
}

}  // namespace
}  // namespace sala::api
