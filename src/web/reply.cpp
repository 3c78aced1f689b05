#include "web/reply.hpp"

#include <utility>

#include "web/utf8.hpp"

namespace sala::web {
namespace {

constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

Reply Reply::json(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.headers.push_back({"Content-Type", std::string(kJsonContentType)});
  reply.body = std::move(body);
  return reply;
}

Reply Reply::error(int status, std::string_view code, std::string_view message) {
  std::string body = R"({"error":{"code":)";
  append_json_string(body, code);
  body += R"(,"message":)";
  append_json_string(body, message);
  body += "}}";
  return json(status, std::move(body));
}

Reply Reply::empty(int status) {
  Reply reply;
  reply.status = status;
  return reply;
}

std::string_view Reply::payload() const {
  return shared_body ? std::string_view(*shared_body) : std::string_view(body);
}

const Header* Reply::find_header(std::string_view name) const {
  for (const Header& h : headers) {
    if (iequals(h.name, name)) return &h;
  }
  return nullptr;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0) {
      out += "\\ufffd";
      ++pos;
      continue;
    }
    if (length > 1) {
      out.append(text, pos, length);
      pos += length;
      continue;
    }
    const char c = text[pos++];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      // Escaped although JSON allows them raw, so an error body can never
      // be sniffed into markup even if a client ignores Content-Type.
      case '<':
      case '>':
      case '&':
        out += "\\u00";
        out.push_back(kHex[(static_cast<unsigned char>(c) >> 4U) & 0xFU]);
        out.push_back(kHex[static_cast<unsigned char>(c) & 0xFU]);
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F) {
          out += "\\u00";
          out.push_back(kHex[(static_cast<unsigned char>(c) >> 4U) & 0xFU]);
          out.push_back(kHex[static_cast<unsigned char>(c) & 0xFU]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace sala::web
