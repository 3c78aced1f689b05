#include "admin/session_cookie.hpp"

#include "admin/admin_api.hpp"

namespace sala::admin {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view host_without_port(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto end = host.find(']');
    return end == std::string_view::npos ? host : host.substr(1, end - 1);
  }
  const auto colon = host.rfind(':');
  return colon == std::string_view::npos ? host : host.substr(0, colon);
}

}  // namespace

bool is_loopback_host(const web::Request& request) {
  const std::string_view host = host_without_port(request.header("host").value_or(""));
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::string session_cookie_name(const web::Request& request) {
  return is_loopback_host(request) ? "sala_session" : "__Host-sala_session";
}

std::optional<std::string> cookie_value(const web::Request& request, std::string_view name) {
  for (const web::Header& header : request.headers) {
    if (header.name != "cookie") continue;
    std::string_view rest = header.value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::string session_set_cookie(const web::Request& request, std::string_view value, long max_age_seconds) {
  std::string cookie = session_cookie_name(request) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (!is_loopback_host(request)) cookie += "; Secure";
  return cookie;
}

bool is_same_origin(const web::Request& request) {
  auto origin = request.header("origin");
  if (!origin) return true;  // not a browser's cross-site request: the CSRF token still applies
  auto host = request.header("host");
  if (!host) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (*origin == std::string(scheme) + std::string(*host)) return true;
  }
  return false;
}

}  // namespace sala::admin
