#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/reply.hpp"
#include "web/request.hpp"

namespace sala::web {

// A handler answers exactly once by calling Respond, from any thread, now or
// later. Copies share one answer; calling it a second time is a bug (asserts
// in debug builds, ignored otherwise). Dropping every copy without calling
// it answers 500.
using Respond = std::function<void(Reply)>;
// Runs on an I/O thread: anything that blocks (SQL, files) belongs elsewhere,
// with Respond handed along.
using Handler = std::function<void(Request, Respond)>;

struct Route {
  Method method = Method::get;
  // "/api/v1/comments/{id}/vote": a {name} segment matches one non-empty
  // decoded segment; everything else matches literally.
  std::string pattern;
  Handler handler;
  std::size_t body_limit = 64 * 1024;  // bytes; larger bodies get 413 unread
};

// The outcome of matching a method and a decoded path.
struct RouteMatch {
  const Route* route = nullptr;  // null: nothing to call, see allow
  std::vector<std::pair<std::string, std::string>> params;
  // When route is null: the methods the path accepts ("GET, HEAD, POST"),
  // empty when no route has this path at all.
  std::string allow;
};

// The route table. Built before the server starts and read-only afterwards,
// so concurrent match() calls need no locking.
class Router {
 public:
  // Requires: the pattern starts with '/', every {name} is a whole segment
  // with a name not used twice in the pattern, the method is not `other`,
  // the handler is set, and no route has the same method and segment shape.
  // Throws std::invalid_argument otherwise (a start-up bug, not input).
  void add(Route route);

  // The most specific route for the method: a literal segment beats a {name}
  // one, compared left to right. HEAD uses a HEAD route if there is one,
  // else the GET route (the server then sends no body).
  RouteMatch match(Method method, std::string_view path) const;

  // 404 "not_found" or 405 "method_not_allowed" (with Allow) for a match
  // without a route.
  static Reply unmatched_reply(const RouteMatch& match);

  // Matches request.path, fills path_params and calls the handler, or
  // answers unmatched_reply. For in-process callers; the server does the
  // same with body limits and timeouts in between.
  void dispatch(Request request, Respond respond) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter name
    bool is_param = false;
  };
  struct Entry {
    Route route;
    std::vector<Segment> segments;
  };

  static std::vector<Segment> compile(std::string_view pattern);
  static bool matches(const Entry& entry, const std::vector<std::string_view>& parts);
  const Entry* best_for(Method method, const std::vector<std::string_view>& parts) const;

  std::vector<Entry> entries_;
};

}  // namespace sala::web
