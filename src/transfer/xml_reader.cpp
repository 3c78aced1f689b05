#include "transfer/xml_reader.hpp"

#include <expat.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>

namespace sala::transfer {
namespace {

// Expat joins a namespace URI and a local name with this; it cannot occur in
// an XML 1.0 document, so splitting on it is unambiguous.
constexpr char kSeparator = '\x01';

XmlName split(std::string_view full) {
  const auto at = full.find(kSeparator);
  if (at == std::string_view::npos) return {{}, full};
  return {full.substr(0, at), full.substr(at + 1)};
}

struct State {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  XmlLimits limits;
  std::string text;
  bool truncated = false;
  std::size_t depth = 0;
  std::optional<Error> failure;

  void fail(Error e) {
    if (!failure) failure = std::move(e);
    XML_StopParser(parser, XML_FALSE);
  }
};

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<State*>(data);
  if (s.failure) return;
  if (++s.depth > s.limits.max_depth) {
    s.fail(Error::invalid("invalid_xml", "the XML is nested more than " +
                                             std::to_string(s.limits.max_depth) + " elements deep"));
    return;
  }
  s.text.clear();
  s.truncated = false;
  auto done = s.handler->start(split(name), XmlAttributes(attributes));
  if (!done) s.fail(done.error());
}

void on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<State*>(data);
  if (s.failure) return;
  --s.depth;
  auto done = s.handler->end(split(name), s.text, s.truncated);
  s.text.clear();
  s.truncated = false;
  if (!done) s.fail(done.error());
}

void on_text(void* data, const XML_Char* chars, int length) {
  auto& s = *static_cast<State*>(data);
  const auto n = static_cast<std::size_t>(length);
  if (s.text.size() + n > s.limits.max_text) {
    s.truncated = true;
    return;
  }
  s.text.append(chars, n);
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<State*>(data)->fail(Error::invalid(
      "xml_dtd_refused",
      "the file declares a document type (<!DOCTYPE>); exports never need one, and it could "
      "expand or fetch entities, so the file is refused"));
}

int on_external_entity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                       const XML_Char*) {
  return XML_STATUS_ERROR;  // never read a file or URL named by the document
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::string_view XmlAttributes::get(std::string_view ns, std::string_view local) const {
  for (const char** a = raw_; a && *a; a += 2) {
    const XmlName name = split(a[0]);
    if (name.ns == ns && name.local == local) return a[1];
  }
  return {};
}

bool XmlAttributes::has(std::string_view ns, std::string_view local) const {
  for (const char** a = raw_; a && *a; a += 2) {
    const XmlName name = split(a[0]);
    if (name.ns == ns && name.local == local) return true;
  }
  return false;
}

Result<void> parse_xml_file(const std::string& path, XmlHandler& handler, const XmlLimits& limits,
                            const Progress& progress) {
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Error::invalid("file_not_found", "cannot read " + path);
  std::uint64_t total = 0;
  if (std::fseek(file.get(), 0, SEEK_END) == 0) {
    const long size = std::ftell(file.get());
    if (size > 0) total = static_cast<std::uint64_t>(size);
    std::fseek(file.get(), 0, SEEK_SET);
  }

  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, kSeparator));
  if (!parser) return Error::internal("expat could not create a parser");
  State state;
  state.parser = parser.get();
  state.handler = &handler;
  state.limits = limits;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  XML_SetExternalEntityRefHandler(parser.get(), on_external_entity);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  constexpr std::size_t kChunk = 64 * 1024;
  std::uint64_t done_bytes = 0;
  for (;;) {
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunk));
    if (buffer == nullptr) return Error::internal("expat could not allocate a buffer");
    const std::size_t n = std::fread(buffer, 1, kChunk, file.get());
    if (n < kChunk && std::ferror(file.get())) return Error::invalid("file_not_found", "cannot read " + path);
    const bool last = n < kChunk && std::feof(file.get());
    const auto status = XML_ParseBuffer(parser.get(), static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    if (state.failure) return *state.failure;
    if (status != XML_STATUS_OK) {
      return Error::invalid(
          "invalid_xml",
          "the file is not well-formed XML: " + std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) +
              " at line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) + ", column " +
              std::to_string(XML_GetCurrentColumnNumber(parser.get())));
    }
    done_bytes += n;
    // Expat holds a whole tag (with its attributes), comment or processing
    // instruction in memory until it ends. Past max_token bytes without a
    // single event, the file is refused instead of buffered.
    const auto at = XML_GetCurrentByteIndex(parser.get());
    if (at >= 0 && done_bytes - static_cast<std::uint64_t>(at) > limits.max_token) {
      return Error::invalid("invalid_xml", "the file has a tag or comment longer than " +
                                               std::to_string(limits.max_token >> 20) + " MiB");
    }
    if (progress) progress(done_bytes, total);
    if (last) return {};
  }
}

}  // namespace sala::transfer
