#include "web/router.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace sala::web {
namespace {

// "/a/b" -> {"a", "b"}; "/" -> {""}; "/a/" -> {"a", ""}. Requires: a leading '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::string_view rest = path.substr(1);
  for (;;) {
    const std::size_t slash = rest.find('/');
    parts.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return parts;
}

// Negative when a is more specific than b: the first segment where one is
// literal and the other a parameter decides.
int compare_specificity(const auto& a, const auto& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].is_param != b[i].is_param) return a[i].is_param ? 1 : -1;
  }
  return 0;
}

}  // namespace

std::vector<Router::Segment> Router::compile(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/'");
  }
  std::vector<Segment> segments;
  for (std::string_view part : split_path(pattern)) {
    const bool opens = part.find('{') != std::string_view::npos;
    const bool closes = part.find('}') != std::string_view::npos;
    if (!opens && !closes) {
      segments.push_back({std::string(part), false});
      continue;
    }
    if (part.size() < 3 || part.front() != '{' || part.back() != '}' ||
        part.substr(1, part.size() - 2).find_first_of("{}") != std::string_view::npos) {
      throw std::invalid_argument("a route parameter must be a whole segment: {name}");
    }
    std::string name(part.substr(1, part.size() - 2));
    for (const Segment& s : segments) {
      if (s.is_param && s.text == name) {
        throw std::invalid_argument("route parameter used twice: " + name);
      }
    }
    segments.push_back({std::move(name), true});
  }
  return segments;
}

void Router::add(Route route) {
  if (route.method == Method::other) throw std::invalid_argument("route without a method");
  if (!route.handler) throw std::invalid_argument("route without a handler");
  Entry entry{std::move(route), {}};
  entry.segments = compile(entry.route.pattern);
  for (const Entry& existing : entries_) {
    if (existing.route.method != entry.route.method ||
        existing.segments.size() != entry.segments.size()) {
      continue;
    }
    // "/a/{x}" and "/a/{y}" are the same route under different names.
    const bool same_shape =
        std::equal(existing.segments.begin(), existing.segments.end(), entry.segments.begin(),
                   [](const Segment& a, const Segment& b) {
                     return a.is_param == b.is_param && (a.is_param || a.text == b.text);
                   });
    if (same_shape) throw std::invalid_argument("duplicate route: " + entry.route.pattern);
  }
  entries_.push_back(std::move(entry));
}

bool Router::matches(const Entry& entry, const std::vector<std::string_view>& parts) {
  if (entry.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = entry.segments[i];
    if (segment.is_param ? parts[i].empty() : segment.text != parts[i]) return false;
  }
  return true;
}

const Router::Entry* Router::best_for(Method method,
                                      const std::vector<std::string_view>& parts) const {
  const Entry* best = nullptr;
  for (const Entry& entry : entries_) {
    if (entry.route.method != method || !matches(entry, parts)) continue;
    if (best == nullptr || compare_specificity(entry.segments, best->segments) < 0) best = &entry;
  }
  return best;
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  const std::vector<std::string_view> parts = split_path(path);

  const Entry* found = best_for(method, parts);
  if (found == nullptr && method == Method::head) found = best_for(Method::get, parts);
  if (found != nullptr) {
    result.route = &found->route;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (found->segments[i].is_param) {
        result.params.emplace_back(found->segments[i].text, std::string(parts[i]));
      }
    }
    return result;
  }

  constexpr std::array kOrder = {Method::get,   Method::head, Method::post,   Method::put,
                                 Method::patch, Method::del,  Method::options};
  std::array<bool, kOrder.size()> allowed{};
  for (const Entry& entry : entries_) {
    if (!matches(entry, parts)) continue;
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
      if (entry.route.method == kOrder[i]) allowed[i] = true;
    }
    if (entry.route.method == Method::get) allowed[1] = true;  // HEAD is answered as GET
  }
  for (std::size_t i = 0; i < kOrder.size(); ++i) {
    if (!allowed[i]) continue;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += method_name(kOrder[i]);
  }
  return result;
}

Reply Router::unmatched_reply(const RouteMatch& match) {
  if (match.allow.empty()) return Reply::error(404, "not_found", "no such resource");
  Reply reply = Reply::error(405, "method_not_allowed", "this resource does not accept the method");
  reply.headers.push_back({"Allow", match.allow});
  return reply;
}

void Router::dispatch(Request request, Respond respond) const {
  RouteMatch found = match(request.method, request.path);
  if (found.route == nullptr) {
    respond(unmatched_reply(found));
    return;
  }
  request.path_params = std::move(found.params);
  found.route->handler(std::move(request), std::move(respond));
}

}  // namespace sala::web
