#include "web/static_asset.hpp"

#include <string>

namespace sala::web {
namespace {

constexpr const char* kSelfOnly =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

Handler static_asset(std::string_view (*bytes)(), const char* content_type, const char* cache_control) {
  return [bytes, content_type, cache_control](Request, Respond respond) {
    Reply reply;
    reply.body = std::string(bytes());
    reply.headers = {{"Content-Type", content_type},
                     {"Cache-Control", cache_control},
                     {"Content-Security-Policy", kSelfOnly},
                     {"X-Frame-Options", "DENY"}};
    respond(std::move(reply));
  };
}

}  // namespace sala::web
