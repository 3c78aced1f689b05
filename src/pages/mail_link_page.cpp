#include "pages/mail_link_page.hpp"

#include <cctype>

#include <boost/url/parse_query.hpp>

#include "api/error_reply.hpp"

namespace sala::pages {
namespace {

constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";
constexpr const char* kStyle =
    "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}"
    "button{font:inherit;padding:.4rem 1rem}li{margin:.5rem 0}</style>";

}  // namespace

web::Reply html_reply(int status, std::string body) {
  web::Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers = {{"Content-Type", "text/html; charset=utf-8"},
                   {"Content-Security-Policy", kPagePolicy},
                   {"Cache-Control", "no-store"},
                   {"X-Frame-Options", "DENY"}};
  return reply;
}

HtmlWriter page(std::string_view title) {
  HtmlWriter w;
  w.literal("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
  w.literal("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  w.literal("<meta name=\"robots\" content=\"noindex\">");
  w.element("title", title);
  w.literal(kStyle);
  w.literal("</head><body>");
  w.element("h1", title);
  return w;
}

web::Reply message_page(int status, std::string_view title, std::string_view text) {
  HtmlWriter w = page(title);
  w.element("p", text);
  w.literal("</body></html>");
  return html_reply(status, w.take());
}

web::Reply error_page(const Error& e) {
  return message_page(api::http_status(e.code), "This link does not work", e.message);
}

std::string token_of(const web::Request& request) {
  std::string token(request.query_param("token").value_or(""));
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return {};
  }
  return token;
}

std::optional<std::string> form_field(const web::Request& request, std::string_view name) {
  auto params = boost::urls::parse_query(request.body);
  if (!params) return std::nullopt;
  for (auto param : *params) {
    if (param.key.decode() == name && param.has_value) return param.value.decode();
  }
  return std::nullopt;
}

}  // namespace sala::pages
