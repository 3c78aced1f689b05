#include "transfer/html_to_markdown.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace sala::transfer {
namespace {

constexpr std::size_t kMaxInlineFrames = 32;
constexpr std::size_t kMaxBlockDepth = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  // What no comment may hold (NUL, controls, surrogates, noncharacters,
  // beyond Unicode) becomes U+FFFD rather than costing the whole comment.
  const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0);
  const bool nonchar = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  if (control || nonchar || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  text::append_utf8(out, static_cast<char32_t>(cp));
}

struct NamedEntity {
  std::string_view name;
  std::uint32_t cp;
};
// The named entities comment HTML actually uses; any other stays as typed.
constexpr std::array<NamedEntity, 27> kEntities{{
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", ' '},      {"hellip", 0x2026}, {"mdash", 0x2014},  {"ndash", 0x2013},  {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"laquo", 0x00AB},  {"raquo", 0x00BB},
    {"copy", 0x00A9},   {"reg", 0x00AE},    {"trade", 0x2122},  {"euro", 0x20AC},   {"pound", 0x00A3},
    {"yen", 0x00A5},    {"cent", 0x00A2},   {"deg", 0x00B0},    {"middot", 0x00B7}, {"bull", 0x2022},
    {"times", 0x00D7},  {"divide", 0x00F7},
}};

// Decodes character references in text or an attribute value.
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    const auto semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    std::optional<std::uint32_t> cp;
    if (body.size() >= 2 && body[0] == '#') {
      const bool hex = body[1] == 'x' || body[1] == 'X';
      const std::string_view digits = body.substr(hex ? 2 : 1);
      std::uint32_t value = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = is_digit(c) ? c - '0' : (hex && lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10 : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      }
      if (ok) cp = value == 0 ? 0xFFFD : value;
    } else {
      for (const auto& e : kEntities) {
        if (e.name == body) cp = e.cp;
      }
    }
    if (!cp) {
      out += s[i++];
      continue;
    }
    append_utf8(out, *cp);
    i = semi + 1;
  }
  return out;
}

// A link or image target Sala keeps: http, https or mailto, written so that
// Markdown reads it back whole.
std::optional<std::string> link_destination(std::string_view raw) {
  std::string url = decode_entities(raw);
  while (!url.empty() && is_space(url.back())) url.pop_back();
  std::size_t start = 0;
  while (start < url.size() && is_space(url[start])) ++start;
  url.erase(0, start);
  const std::string head = lowered(url.substr(0, 8));
  if (!(head.starts_with("http://") || head.starts_with("https://") || head.starts_with("mailto:"))) {
    return std::nullopt;
  }
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\' || c == '`') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

struct Attribute {
  std::string name;
  std::string_view value;
};

enum class Kind { base, strong, em, del, code, link };

struct Frame {
  Kind kind;
  std::string text;
  std::string href;  // links only; empty: the link is not kept
};

class Converter {
 public:
  explicit Converter(HtmlOptions options) : options_(options) { frames_.push_back({Kind::base, {}, {}}); }

  void text(std::string_view decoded);
  void start(const std::string& tag, const std::vector<Attribute>& attributes);
  void end(const std::string& tag);
  std::string finish();

  bool skipping() const { return !skip_until_.empty(); }
  const std::string& skip_until() const { return skip_until_; }
  void stop_skipping() { skip_until_.clear(); }
  bool in_pre() const { return in_pre_; }

 private:
  Frame& top() { return frames_.back(); }
  void flush_space();
  void drop_space() {
    space_ = false;
    newlines_ = 0;
  }
  void put_escaped(char c);
  void line_break();
  void paragraph();
  void fold_top();
  void close_inline_frames();
  void push_frame(Kind kind, std::string href = {});
  void end_frame(Kind kind);
  void emit_block(const std::string& text);
  void emit_pre();
  std::string quote_prefix() const;
  std::string indent() const;

  HtmlOptions options_;
  std::string out_;
  std::vector<Frame> frames_;
  bool space_ = false;
  int newlines_ = 0;
  bool line_start_ = true;
  bool ordinal_ = false;
  int quote_depth_ = 0;
  int ignored_quotes_ = 0;
  struct List {
    bool ordered;
    int next;
    std::size_t marker_width;
  };
  std::vector<List> lists_;
  int ignored_lists_ = 0;
  bool item_pending_ = false;
  bool in_pre_ = false;
  std::string pre_;
  std::string skip_until_;
};

void Converter::put_escaped(char c) {
  std::string& t = top().text;
  if (top().kind == Kind::code) {
    t += c;
    return;
  }
  static constexpr std::string_view kAlways = "\\`*_[]<>~|&";
  bool escape = kAlways.find(c) != std::string_view::npos;
  if (line_start_ && (c == '#' || c == '+' || c == '-' || c == '=')) escape = true;
  if (ordinal_ && (c == '.' || c == ')')) escape = true;
  ordinal_ = (line_start_ || ordinal_) && is_digit(c);
  line_start_ = false;
  if (escape) t += '\\';
  t += c;
}

void Converter::flush_space() {
  if (options_.newlines_are_breaks && newlines_ >= 2) {
    drop_space();
    paragraph();
    return;
  }
  if (options_.newlines_are_breaks && newlines_ == 1) {
    drop_space();
    line_break();
    return;
  }
  if (space_ && !line_start_ && !top().text.empty() && top().text.back() != ' ') top().text += ' ';
  drop_space();
}

void Converter::text(std::string_view decoded) {
  if (in_pre_) {
    pre_ += decoded;
    return;
  }
  for (char c : decoded) {
    if (is_space(c)) {
      space_ = true;
      if (c == '\n') ++newlines_;
      continue;
    }
    flush_space();
    put_escaped(c);
  }
}

void Converter::line_break() {
  if (top().kind == Kind::code) {
    top().text += ' ';
    return;
  }
  bool empty = true;
  for (const auto& f : frames_) empty = empty && f.text.empty();
  if (empty) return;
  top().text += "\\\n";
  line_start_ = true;
  ordinal_ = false;
}

// Moves whitespace and hard breaks at either end of `inner` outside the
// delimiters that will wrap it: "**a **" and "**\<newline>**" do not parse.
void wrap(std::string& outer, const std::string& inner, std::string_view open, std::string_view close) {
  std::size_t b = 0, e = inner.size();
  auto edge = [&](bool front) {
    for (;;) {
      if (b >= e) return;
      if (front) {
        if (inner[b] == ' ') { ++b; continue; }
        if (inner.compare(b, 2, "\\\n") == 0 && b + 1 < e) { b += 2; continue; }
      } else {
        if (inner[e - 1] == ' ') { --e; continue; }
        if (e >= b + 2 && inner[e - 1] == '\n' && inner[e - 2] == '\\') { e -= 2; continue; }
      }
      return;
    }
  };
  edge(true);
  edge(false);
  outer.append(inner, 0, b);
  if (b < e) {
    outer += open;
    outer.append(inner, b, e - b);
    outer += close;
  }
  outer.append(inner, e, std::string::npos);
}

void Converter::fold_top() {
  Frame f = std::move(frames_.back());
  frames_.pop_back();
  std::string& outer = top().text;
  switch (f.kind) {
    case Kind::strong: wrap(outer, f.text, "**", "**"); break;
    case Kind::em: wrap(outer, f.text, "*", "*"); break;
    case Kind::del: wrap(outer, f.text, "~~", "~~"); break;
    case Kind::code: {
      std::string content = f.text;
      while (!content.empty() && content.back() == ' ') content.pop_back();
      while (!content.empty() && content.front() == ' ') content.erase(0, 1);
      if (content.empty()) break;
      std::size_t longest = 0, run = 0;
      for (char c : content) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
      }
      const std::string fence(longest + 1, '`');
      const bool pad = content.front() == '`' || content.back() == '`';
      outer += fence;
      if (pad) outer += ' ';
      outer += content;
      if (pad) outer += ' ';
      outer += fence;
      break;
    }
    case Kind::link:
      if (f.href.empty()) {
        outer += f.text;
      } else {
        std::string label = f.text;
        if (label.find_first_not_of(" \\\n") == std::string::npos) {
          label.clear();
          for (char c : f.href) {
            if (std::string_view("\\`*_[]<>~|&").find(c) != std::string_view::npos) label += '\\';
            label += c;
          }
        }
        outer += '[';
        outer += label;
        outer += "](";
        outer += f.href;
        outer += ')';
      }
      break;
    case Kind::base: break;
  }
}

void Converter::close_inline_frames() {
  while (frames_.size() > 1) fold_top();
}

void Converter::push_frame(Kind kind, std::string href) {
  if (frames_.size() >= kMaxInlineFrames) return;
  flush_space();
  frames_.push_back({kind, {}, std::move(href)});
}

void Converter::end_frame(Kind kind) {
  for (std::size_t i = frames_.size(); i-- > 1;) {
    if (frames_[i].kind != kind) continue;
    if (kind != Kind::code) flush_space();
    while (frames_.size() > i) fold_top();
    return;
  }
}

std::string Converter::quote_prefix() const {
  std::string p;
  for (int i = 0; i < quote_depth_; ++i) p += "> ";
  return p;
}

std::string Converter::indent() const {
  std::size_t width = 0;
  for (const auto& l : lists_) width += l.marker_width;
  return std::string(width, ' ');
}

void Converter::emit_block(const std::string& text) {
  const std::string quote = quote_prefix();
  if (!out_.empty()) {
    std::string blank = quote;
    while (!blank.empty() && blank.back() == ' ') blank.pop_back();
    out_ += "\n" + blank + "\n";
  }
  std::string first = quote + indent();
  if (item_pending_ && !lists_.empty()) {
    List& list = lists_.back();
    std::string marker = list.ordered ? std::to_string(list.next++) + ". " : "- ";
    list.marker_width = marker.size();
    first = quote + indent().substr(0, indent().size() - list.marker_width) + marker;
  } else if (item_pending_) {
    first += "- ";
  }
  item_pending_ = false;
  const std::string rest = quote + indent();
  std::size_t at = 0;
  bool is_first = true;
  while (at <= text.size()) {
    const auto nl = text.find('\n', at);
    const std::string_view line = std::string_view(text).substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    out_ += is_first ? first : "\n" + rest;
    out_ += line;
    is_first = false;
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
}

void Converter::paragraph() {
  drop_space();
  close_inline_frames();
  std::string text = std::move(frames_[0].text);
  frames_[0].text.clear();
  line_start_ = true;
  ordinal_ = false;
  for (;;) {
    if (!text.empty() && text.back() == ' ') {
      text.pop_back();
    } else if (text.size() >= 2 && text.ends_with("\\\n") &&
               (text.size() == 2 || text[text.size() - 3] != '\\')) {
      text.resize(text.size() - 2);
    } else {
      break;
    }
  }
  if (!text.empty()) emit_block(text);
}

void Converter::emit_pre() {
  in_pre_ = false;
  std::string content;
  content.swap(pre_);
  // HTML drops the newline right after <pre>.
  std::size_t from = 0;
  if (content.compare(0, 2, "\r\n") == 0) from = 2;
  else if (content.compare(0, 1, "\n") == 0) from = 1;
  content.erase(0, from);
  while (!content.empty() && is_space(content.back())) content.pop_back();
  if (content.empty()) return;
  std::size_t longest = 0, run = 0;
  for (char c : content) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string block = fence + "\n";
  for (char c : content) {
    if (c != '\r') block += c;
  }
  block += "\n" + fence;
  emit_block(block);
}

void Converter::start(const std::string& tag, const std::vector<Attribute>& attributes) {
  auto attribute = [&](std::string_view name) -> std::string_view {
    for (const auto& a : attributes) {
      if (a.name == name) return a.value;
    }
    return {};
  };
  if (tag == "script" || tag == "style" || tag == "textarea" || tag == "template" || tag == "iframe" ||
      tag == "object" || tag == "svg" || tag == "math" || tag == "title" || tag == "noscript") {
    skip_until_ = tag;
    return;
  }
  if (tag == "b" || tag == "strong") return push_frame(Kind::strong);
  if (tag == "i" || tag == "em" || tag == "cite") return push_frame(Kind::em);
  if (tag == "del" || tag == "s" || tag == "strike") return push_frame(Kind::del);
  if (tag == "code" || tag == "tt" || tag == "kbd" || tag == "samp") return push_frame(Kind::code);
  if (tag == "a") {
    bool inside_link = false;
    for (const auto& f : frames_) inside_link = inside_link || f.kind == Kind::link;
    auto href = link_destination(attribute("href"));
    return push_frame(Kind::link, inside_link || !href ? std::string() : *href);
  }
  if (tag == "img") {
    flush_space();
    const std::string alt = decode_entities(attribute("alt"));
    bool inside_link = false;
    for (const auto& f : frames_) inside_link = inside_link || f.kind == Kind::link;
    auto src = link_destination(attribute("src"));
    if (!src || inside_link) {
      for (char c : alt) put_escaped(c);
      return;
    }
    push_frame(Kind::link, *src);
    std::string label = alt.empty() ? std::string("image") : alt;
    for (char c : label) put_escaped(is_space(c) ? ' ' : c);
    end_frame(Kind::link);
    return;
  }
  if (tag == "br") {
    drop_space();
    return line_break();
  }
  if (tag == "pre") {
    paragraph();
    in_pre_ = true;
    pre_.clear();
    return;
  }
  if (tag == "blockquote") {
    paragraph();
    if (quote_depth_ < static_cast<int>(kMaxBlockDepth)) {
      ++quote_depth_;
    } else {
      ++ignored_quotes_;
    }
    return;
  }
  if (tag == "ul" || tag == "ol") {
    paragraph();
    if (lists_.size() < kMaxBlockDepth) {
      lists_.push_back({tag == "ol", 1, 2});
    } else {
      ++ignored_lists_;
    }
    return;
  }
  if (tag == "li") {
    paragraph();
    item_pending_ = true;
    return;
  }
  if (tag == "td" || tag == "th") {
    space_ = true;
    return;
  }
  static constexpr std::array<std::string_view, 22> kBlocks{
      "p",      "div",    "h1",      "h2",   "h3", "h4",  "h5",     "h6",     "section", "article", "header",
      "footer", "table",  "tr",      "hr",   "dl", "dt",  "dd",     "figure", "center",  "address", "figcaption"};
  if (std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end()) paragraph();
  // Any other tag is dropped; its text stays.
}

void Converter::end(const std::string& tag) {
  if (tag == "b" || tag == "strong") return end_frame(Kind::strong);
  if (tag == "i" || tag == "em" || tag == "cite") return end_frame(Kind::em);
  if (tag == "del" || tag == "s" || tag == "strike") return end_frame(Kind::del);
  if (tag == "code" || tag == "tt" || tag == "kbd" || tag == "samp") return end_frame(Kind::code);
  if (tag == "a") return end_frame(Kind::link);
  if (tag == "pre") {
    if (in_pre_) emit_pre();
    return;
  }
  if (tag == "blockquote") {
    paragraph();
    if (ignored_quotes_ > 0) {
      --ignored_quotes_;
    } else if (quote_depth_ > 0) {
      --quote_depth_;
    }
    return;
  }
  if (tag == "ul" || tag == "ol") {
    paragraph();
    if (ignored_lists_ > 0) {
      --ignored_lists_;
    } else if (!lists_.empty()) {
      lists_.pop_back();
    }
    item_pending_ = false;
    return;
  }
  if (tag == "li") {
    paragraph();
    item_pending_ = false;
    return;
  }
  static constexpr std::array<std::string_view, 21> kBlocks{
      "p",      "div",   "h1", "h2", "h3", "h4",     "h5",     "h6",      "section", "article",   "header",
      "footer", "table", "tr", "dl", "dt", "dd",     "figure", "center",  "address", "figcaption"};
  if (std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end()) paragraph();
}

std::string Converter::finish() {
  if (in_pre_) emit_pre();
  paragraph();
  return std::move(out_);
}

// Reads a tag starting at html[i] == '<'; returns the index after '>' or
// npos when the tag never ends (then '<' is text).
std::size_t read_tag(std::string_view html, std::size_t i, bool& closing, std::string& name,
                     std::vector<Attribute>& attributes) {
  std::size_t p = i + 1;
  closing = p < html.size() && html[p] == '/';
  if (closing) ++p;
  const std::size_t name_start = p;
  while (p < html.size() && (is_alpha(html[p]) || is_digit(html[p]))) ++p;
  name = lowered(html.substr(name_start, p - name_start));
  attributes.clear();
  while (p < html.size()) {
    while (p < html.size() && (is_space(html[p]) || html[p] == '/')) ++p;
    if (p >= html.size()) return std::string_view::npos;
    if (html[p] == '>') return p + 1;
    const std::size_t an = p;
    while (p < html.size() && !is_space(html[p]) && html[p] != '=' && html[p] != '>' && html[p] != '/') ++p;
    Attribute a{lowered(html.substr(an, p - an)), {}};
    while (p < html.size() && is_space(html[p])) ++p;
    if (p < html.size() && html[p] == '=') {
      ++p;
      while (p < html.size() && is_space(html[p])) ++p;
      if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
        const char q = html[p++];
        const auto close = html.find(q, p);
        if (close == std::string_view::npos) return std::string_view::npos;
        a.value = html.substr(p, close - p);
        p = close + 1;
      } else {
        const std::size_t vs = p;
        while (p < html.size() && !is_space(html[p]) && html[p] != '>') ++p;
        a.value = html.substr(vs, p - vs);
      }
    }
    if (!a.name.empty() && attributes.size() < 32) attributes.push_back(std::move(a));
  }
  return std::string_view::npos;
}

}  // namespace

std::string html_to_markdown(std::string_view html, const HtmlOptions& options) {
  Converter c(options);
  std::string name;
  std::vector<Attribute> attributes;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      const auto next = html.find('<', i);
      const std::string_view run = html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      if (!c.skipping()) c.text(decode_entities(run));
      i += run.size();
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const auto close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    const char next = i + 1 < html.size() ? html[i + 1] : '\0';
    const bool tag_like = is_alpha(next) || (next == '/' && i + 2 < html.size() && is_alpha(html[i + 2]));
    if (!tag_like && (next == '!' || next == '?')) {
      const auto close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
      continue;
    }
    bool closing = false;
    const std::size_t after = tag_like ? read_tag(html, i, closing, name, attributes) : std::string_view::npos;
    if (after == std::string_view::npos) {
      if (!c.skipping()) c.text("<");
      ++i;
      continue;
    }
    i = after;
    if (c.skipping()) {
      if (closing && name == c.skip_until()) c.stop_skipping();
      continue;
    }
    if (c.in_pre()) {
      if (closing && name == "pre") {
        c.end("pre");
      } else if (!closing && name == "br") {
        c.text("\n");
      }
      continue;
    }
    if (closing) {
      c.end(name);
    } else {
      c.start(name, attributes);
    }
  }
  return c.finish();
}

}  // namespace sala::transfer
