#include "service/post_validation.hpp"

#include <algorithm>

#include <boost/url/parse.hpp>

#include "core/text.hpp"

namespace sala::service {
namespace {
constexpr std::size_t kMaxThreadKey = 512;
constexpr std::size_t kMaxQuote = 1000;
constexpr std::size_t kMaxContext = 200;
constexpr std::int64_t kMaxOffset = 100'000'000;
}  // namespace

Result<std::string> clean_thread_key(std::string_view raw) {
  auto key = text::clean_line(raw, "thread", kMaxThreadKey);
  if (!key) return key.error();
  if (key->empty()) return Error::unprocessable("thread_required", "thread must not be empty");
  return key;
}

Result<Anchor> clean_anchor(const Anchor& raw) {
  Anchor out;
  auto quote = text::check_quoted_text(raw.quote, "anchor_quote", kMaxQuote);
  if (!quote) return quote.error();
  if (quote->empty()) return Error::unprocessable("anchor_quote_required", "an anchor needs the quoted text");
  auto prefix = text::check_quoted_text(raw.prefix, "anchor_prefix", kMaxContext);
  if (!prefix) return prefix.error();
  auto suffix = text::check_quoted_text(raw.suffix, "anchor_suffix", kMaxContext);
  if (!suffix) return suffix.error();
  // Offsets count UTF-16 code units, as browsers do; a quote that does not
  // fill its own span was not taken from the text it claims to be from.
  if (raw.start < 0 || raw.end <= raw.start || raw.end > kMaxOffset ||
      static_cast<std::size_t>(raw.end - raw.start) != text::utf16_length(*quote)) {
    return Error::unprocessable("anchor_invalid",
                                "anchor needs 0 <= start < end, and end - start must be the quote's length "
                                "in UTF-16 code units");
  }
  out.quote = std::move(*quote);
  out.prefix = std::move(*prefix);
  out.suffix = std::move(*suffix);
  out.start = raw.start;
  out.end = raw.end;
  return out;
}

std::optional<std::string> origin_of(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return std::nullopt;
  std::string scheme(parsed->scheme());
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string host(parsed->encoded_host());
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (host.empty()) return std::nullopt;
  std::string origin = scheme + "://" + host;
  if (parsed->has_port()) {
    const std::string_view port = parsed->port();
    const bool is_default = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    if (!port.empty() && !is_default) origin += ":" + std::string(port);
  }
  return origin;
}

bool url_belongs_to(const Site& site, std::string_view url) {
  if (site.origins.empty()) return true;
  auto origin = origin_of(url);
  return origin && std::find(site.origins.begin(), site.origins.end(), *origin) != site.origins.end();
}

}  // namespace sala::service
