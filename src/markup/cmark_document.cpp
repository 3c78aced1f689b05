#include "markup/cmark_document.hpp"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "markup/nesting_guard.hpp"

namespace sala::markup {
namespace {

// cmark-gfm indexes its buffers with 32-bit signed offsets; stay well clear.
constexpr std::size_t kMaxMarkdownBytes = std::size_t{16} << 20;

// CMARK_OPT_UNSAFE is deliberately absent. A single '~' is common in news
// comments ("~5%"), so only "~~" strikes through.
constexpr int kParseOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 |
                              CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

struct Extensions {
  cmark_syntax_extension* autolink = nullptr;
  cmark_syntax_extension* strikethrough = nullptr;
};

// cmark_gfm_core_extensions_ensure_registered() guards itself with a plain,
// non-atomic flag, so two first renders on different threads could register
// twice; a function-local static runs it exactly once.
const Extensions& extensions() {
  static const Extensions found = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return Extensions{cmark_find_syntax_extension("autolink"),
                      cmark_find_syntax_extension("strikethrough")};
  }();
  return found;
}

// While it parses inlines, cmark-gfm 0.29 adds the extensions' trigger
// characters to a process-wide table and removes them again when done
// (cmark_manage_extensions_special_characters). Two parses in parallel race on
// that table, so one of them can miss "~~" or "www." and render differently.
// Serializing the parse makes output deterministic; the writers walk the
// finished tree outside the lock. Because one slow parse now delays every
// other, limit_line_nesting() runs first to keep the known quadratic inputs
// out.
std::mutex& parser_mutex() {
  static std::mutex mutex;
  return mutex;
}

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};

}  // namespace

void CmarkNodeDeleter::operator()(cmark_node* node) const { cmark_node_free(node); }

void CmarkIterDeleter::operator()(cmark_iter* iter) const { cmark_iter_free(iter); }

std::string_view literal_of(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal != nullptr ? std::string_view(literal) : std::string_view();
}

std::string_view url_of(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url != nullptr ? std::string_view(url) : std::string_view();
}

Result<CmarkDocument> parse_markdown(std::string_view markdown) {
  if (markdown.size() > kMaxMarkdownBytes) {
    return Error::too_large("comment_too_long", "the comment is too long");
  }
  const Extensions& found = extensions();
  if (found.autolink == nullptr || found.strikethrough == nullptr) {
    return Error::internal("cmark-gfm: autolink or strikethrough extension not registered");
  }

  std::optional<std::string> guarded = limit_line_nesting(markdown);
  std::string_view input = guarded ? std::string_view(*guarded) : markdown;

  CmarkDocument document;
  document.strikethrough = found.strikethrough;
  document.source_bytes = markdown.size();
  {
    std::lock_guard<std::mutex> lock(parser_mutex());
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kParseOptions));
    if (!parser) return Error::internal("cmark_parser_new returned null");
    if (cmark_parser_attach_syntax_extension(parser.get(), found.autolink) == 0 ||
        cmark_parser_attach_syntax_extension(parser.get(), found.strikethrough) == 0) {
      return Error::internal("cmark_parser_attach_syntax_extension failed");
    }
    // An empty string_view may carry a null data pointer.
    const char* bytes = input.empty() ? "" : input.data();
    cmark_parser_feed(parser.get(), bytes, input.size());
    document.root.reset(cmark_parser_finish(parser.get()));
  }
  if (!document.root) return Error::internal("cmark_parser_finish returned null");
  return document;
}

}  // namespace sala::markup
