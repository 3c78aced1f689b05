#include "demo/demo_page.hpp"

#include <string_view>

#include "service/site_service.hpp"
#include "web/static_asset.hpp"

namespace sala::demo {

namespace embedded {
std::string_view file_index_html();
std::string_view file_demo_css();
}  // namespace embedded

namespace {

struct SeedComment {
  const char* author;
  const char* body;
  int reply_to;  // index into the seed list, -1 for top level
  int minutes_ago;
};

// A short, plausible discussion, written for the demo.
constexpr SeedComment kSeed[] = {
    {"Dara", "Two days between the phone-in and the suspension. Nobody here believes that is a "
             "coincidence. Who actually signed the order?",
     -1, 300},
    {"Malis", "The broadcasting authority. The article says the law requires **written notice and "
              "fourteen days** to answer before any suspension, and the station got neither.",
     0, 280},
    {"Dara", "Then the court complaint should be simple. If it is ever heard.", 1, 270},
    {"Vannak", "I listen to the youth slot every Saturday. It was the only programme where "
               "students talked about the river in their own words.\n\n> They wrote the script "
               "themselves\n\nThat line says everything.",
     -1, 200},
    {"Sophea", "Ninety days is long enough to lose the audience for good. Is there anything "
               "listeners can do besides wait?",
     -1, 90},
    {"Ratha", "Ask the authority, in writing, for the reasons behind the order. The more people "
              "ask, the harder it is to pretend nobody noticed.",
     4, 60},
};

Result<void> seed(store::Store& store, service::ReaderIdentity& identity, Timestamp now) {
  FakeClock clock;
  service::CommentService comments(clock, identity, service::CommentPolicy{});
  std::vector<CommentId> ids;
  for (const auto& s : kSeed) {
    clock.set(now - std::chrono::minutes(s.minutes_ago));
    service::PostInput in;
    in.site = SiteId{kSiteId};
    in.thread_key = kThreadKey;
    in.title = "Radio licence suspended after listeners question dredging deal";
    in.author = s.author;
    in.body = s.body;
    if (s.reply_to >= 0) in.parent = ids.at(static_cast<std::size_t>(s.reply_to));
    auto draft = comments.prepare_post(store, in);
    if (!draft) return draft.error();
    std::optional<CommentId> id;
    auto done = store.transact([&](store::Store& tx) -> Result<void> {
      auto posted = comments.commit_post(tx, *draft);
      if (!posted) return posted.error();
      id = posted->comment.id;
      return {};
    });
    if (!done) return done.error();
    ids.push_back(*id);
  }
  return {};
}

}  // namespace

void add_routes(web::Router& router) {
  router.add({web::Method::get, "/", web::static_asset(embedded::file_index_html, "text/html; charset=utf-8", "no-cache")});
  router.add({web::Method::get, "/demo.css", web::static_asset(embedded::file_demo_css, "text/css; charset=utf-8", "no-cache")});
}

Result<void> prepare_site(store::Store& store, const Clock& clock, service::ReaderIdentity& identity,
                          const std::vector<std::string>& origins) {
  service::SiteService sites(store, clock);
  auto existing = store.sites().find(SiteId{kSiteId});
  if (!existing) return existing.error();
  service::SiteSpec spec{kSiteId, origins, false};
  if (*existing) {
    // Keep origins an operator added; add the ones this run listens on.
    for (const auto& o : (*existing)->origins) spec.origins.push_back(o);
    spec.premoderate = (*existing)->premoderate;
  }
  auto site = sites.put(spec);
  if (!site) return site.error();
  auto thread = store.threads().find(SiteId{kSiteId}, kThreadKey);
  if (!thread) return thread.error();
  if (*thread) return {};
  return seed(store, identity, clock.now());
}

}  // namespace sala::demo
