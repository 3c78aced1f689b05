#include "service/thread_reader.hpp"

#include <map>
#include <tuple>
#include <iterator>
#include <unordered_map>

#include "service/post_validation.hpp"

namespace sala::service {

Result<ThreadView> ThreadReader::page(store::Store& store, const PageRequest& request) const {
  const int limit = request.limit.value_or(policy_.default_page_size);
  if (limit < 1 || limit > policy_.max_page_size) {
    return Error::invalid("invalid_limit", "limit must be between 1 and " +
                                               std::to_string(policy_.max_page_size));
  }
  if (request.after && request.after->sort != request.sort) {
    return Error::invalid("invalid_cursor", "the cursor belongs to another sort order");
  }
  auto key = clean_thread_key(request.thread_key);
  if (!key) return key.error();
  store::Store& source = store.reads_of({request.site, {*key}});
  auto site = source.sites().find(request.site);
  if (!site) return site.error();
  if (!*site) return Error::not_found("site '" + request.site.value + "'");

  ThreadView view;
  auto thread = source.threads().find(request.site, *key);
  if (!thread) return thread.error();
  if (!*thread) {
    view.thread.site = request.site;
    view.thread.key = std::move(*key);
    return view;
  }
  view.thread = std::move(**thread);
  auto page = source.comments().page(
      {.thread = view.thread.id, .sort = request.sort, .after = request.after, .limit = limit,
       .anchored_only = request.anchored_only});
  if (!page) return page.error();
  if (page->has_more && !page->top_level.empty()) {
    const Comment& last = page->top_level.back();
    view.next = PageCursor{request.sort,
                           request.sort == Sort::votes ? last.score() : last.created.ms, last.id};
  }
  std::vector<Comment> roots = std::move(page->pinned);
  roots.insert(roots.end(), std::make_move_iterator(page->top_level.begin()),
               std::make_move_iterator(page->top_level.end()));
  view.comments = arrange_thread(std::move(roots), std::move(page->replies));
  return view;
}

Result<std::vector<Passage>> ThreadReader::passages(store::Store& store, const SiteId& site,
                                                    const std::string& thread_key) const {
  auto key = clean_thread_key(thread_key);
  if (!key) return key.error();
  // Like a page of the thread: from a replica when it has the thread's last write.
  store::Store& source = store.reads_of({site, {*key}});
  auto found_site = source.sites().find(site);
  if (!found_site) return found_site.error();
  if (!*found_site) return Error::not_found("site '" + site.value + "'");
  auto thread = source.threads().find(site, *key);
  if (!thread) return thread.error();
  if (!*thread) return std::vector<Passage>{};
  auto rows = source.comments().anchored((*thread)->id, kMaxAnchoredComments);
  if (!rows) return rows.error();

  std::vector<Passage> out;
  using Key = std::tuple<std::int64_t, std::int64_t, const std::string*, const std::string*, const std::string*>;
  auto less = [](const Key& a, const Key& b) {
    auto deref = [](const Key& k) {
      return std::tie(std::get<0>(k), std::get<1>(k), *std::get<2>(k), *std::get<3>(k), *std::get<4>(k));
    };
    return deref(a) < deref(b);
  };
  std::map<Key, std::size_t, decltype(less)> index(less);
  for (const auto& row : *rows) {
    const Anchor& a = row.anchor;
    Key k{a.start, a.end, &a.quote, &a.prefix, &a.suffix};
    auto [it, fresh] = index.try_emplace(k, out.size());
    if (fresh) out.push_back({a, {}});
    out[it->second].comments.push_back(row.id);
  }
  return out;
}

Result<std::vector<ThreadActivity>> ThreadReader::most_discussed(store::Store& store,
                                                                const SiteId& site, int days,
                                                                int limit, Timestamp now) const {
  if (days < 1 || days > 365) return Error::invalid("invalid_days", "days must be between 1 and 365");
  if (limit < 1 || limit > 50) return Error::invalid("invalid_limit", "limit must be between 1 and 50");
  store::Store& source = store.reads_of({site, {}});
  auto found = source.sites().find(site);
  if (!found) return found.error();
  if (!*found) return Error::not_found("site '" + site.value + "'");
  return source.threads().most_discussed(site, now - std::chrono::hours(24) * days, limit);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> ThreadReader::counts(
    store::Store& store, const SiteId& site, const std::vector<std::string>& keys) const {
  if (keys.empty()) return Error::invalid("thread_required", "name at least one thread");
  if (keys.size() > policy_.max_counts_per_call) {
    return Error::invalid("too_many_threads", "at most " + std::to_string(policy_.max_counts_per_call) +
                                                  " threads per call");
  }
  std::vector<std::string> cleaned;
  for (const auto& k : keys) {
    auto key = clean_thread_key(k);
    if (!key) return key.error();
    cleaned.push_back(std::move(*key));
  }
  store::Store& source = store.reads_of({site, cleaned});
  auto found_site = source.sites().find(site);
  if (!found_site) return found_site.error();
  if (!*found_site) return Error::not_found("site '" + site.value + "'");
  auto stored = source.threads().counts(site, cleaned);
  if (!stored) return stored.error();
  std::unordered_map<std::string, std::int64_t> by_key(stored->begin(), stored->end());
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto it = by_key.find(cleaned[i]);
    out.emplace_back(keys[i], it == by_key.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace sala::service
