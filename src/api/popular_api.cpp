#include "api/popular_api.hpp"

#include <boost/json/serialize.hpp>

#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/parse_int.hpp"
#include "service/site_service.hpp"

namespace sala::api {
namespace {

constexpr std::size_t kMaxCachedLists = 1000;

std::string popular_json(const std::vector<ThreadActivity>& threads) {
  boost::json::array list;
  for (const auto& t : threads) {
    boost::json::object item;
    item["key"] = t.key;
    item["title"] = t.title;
    item["url"] = t.url;
    item["count"] = t.comment_count;
    item["recent"] = t.recent_count;
    list.push_back(std::move(item));
  }
  boost::json::object out;
  out["threads"] = std::move(list);
  return boost::json::serialize(out);
}

}  // namespace

void PopularApi::popular(web::Request request, web::Respond respond) {
  auto finish = [this](const web::Request& req, const web::Respond& resp, web::Reply reply) {
    add_cors(reply, req, sites_);
    resp(std::move(reply));
  };
  auto site = required_query(request, "site");
  if (!site) return finish(request, respond, error_reply(site.error()));
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return finish(request, respond, error_reply(site_id.error()));
  auto number = [&](std::string_view name, std::int64_t fallback) -> std::optional<std::int64_t> {
    auto text = request.query_param(name);
    return text ? parse_decimal(*text, 0, 1000) : std::optional<std::int64_t>(fallback);
  };
  auto days = number("days", 7);
  auto limit = number("limit", 5);
  if (!days || !limit) {
    return finish(request, respond,
                  error_reply(Error::invalid("invalid_field", "days and limit are small whole numbers")));
  }
  const std::string key = site_id->value + "|" + std::to_string(*days) + "|" + std::to_string(*limit);
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && clock_.now() < it->second.expires) {
      web::Reply reply = web::Reply::json(200, {});
      reply.shared_body = it->second.body;
      reply.headers.push_back({"Cache-Control", "public, max-age=60"});
      return finish(request, respond, std::move(reply));
    }
  }
  reads_.submit([this, request = std::move(request), respond = std::move(respond), site_id = *site_id,
                 days = static_cast<int>(*days), limit = static_cast<int>(*limit), key, finish] {
    const Timestamp now = clock_.now();
    auto threads = reader_.most_discussed(store_, site_id, days, limit, now);
    if (!threads) return finish(request, respond, error_reply(threads.error()));
    auto body = std::make_shared<const std::string>(popular_json(*threads));
    {
      std::lock_guard lock(mutex_);
      if (cache_.size() >= kMaxCachedLists) cache_.clear();
      cache_[key] = {body, now + ttl_};
    }
    web::Reply reply = web::Reply::json(200, {});
    reply.shared_body = body;
    reply.headers.push_back({"Cache-Control", "public, max-age=60"});
    finish(request, respond, std::move(reply));
  });
}

void PopularApi::add_routes(web::Router& router) {
  router.add({web::Method::get, "/api/v1/popular", [this](web::Request request, web::Respond respond) {
                popular(std::move(request), std::move(respond));
              }});
  router.add({web::Method::options, "/api/v1/popular", [this](web::Request request, web::Respond respond) {
                web::Reply reply = web::Reply::empty(204);
                add_cors(reply, request, sites_);
                respond(std::move(reply));
              }, 0});
}

}  // namespace sala::api
