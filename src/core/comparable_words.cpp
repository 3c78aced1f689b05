// Words as a word filter should compare them: "F.R.E.E  M0NEY", "frее mοney"
// (Cyrillic and Greek letters) and "fr33 moooney" all read "free money".
#include <memory>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include "core/text.hpp"

namespace sala::text {
namespace {

struct SpoofCloser {
  void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
};

// Digits and signs that stand for letters. i, l, 1, ! and | collapse into
// one letter, as do o and 0: a filter cannot know which one was meant, so
// both sides of a comparison are read the same way.
UChar32 unleet(UChar32 c) {
  switch (c) {
    case '0': return 'o';
    case '1': case '!': case '|': case 'i': return 'l';
    case '3': return 'e';
    case '4': case '@': return 'a';
    case '5': case '$': return 's';
    case '7': case '+': return 't';
    case '8': return 'b';
    case '9': return 'g';
    default: return c;
  }
}

}  // namespace

std::vector<std::string> comparable_words(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<USpoofChecker, SpoofCloser> checker(uspoof_open(&status));
  if (!checker || U_FAILURE(status)) return {};
  icu::UnicodeString input =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // As in name_skeleton: skeleton, fold, skeleton again ("M" and "m" only
  // meet after folding, and "m" reads as "rn" only in the second pass).
  icu::UnicodeString first;
  uspoof_getSkeletonUnicodeString(checker.get(), 0, input, first, &status);
  first.foldCase();
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(checker.get(), 0, first, skeleton, &status);
  if (U_FAILURE(status)) return {};
  skeleton.foldCase();

  std::vector<icu::UnicodeString> words(1);
  for (int32_t i = 0; i < skeleton.length();) {
    const UChar32 raw = skeleton.char32At(i);
    i += U16_LENGTH(raw);
    const UChar32 c = unleet(raw);
    if (u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_FORMAT_CHAR) continue;  // s̶t̶r̶i̶k̶e̶ and zero-widths
    if (!u_isalnum(c)) {
      if (!words.back().isEmpty()) words.emplace_back();
      continue;
    }
    words.back().append(c);
  }
  if (words.back().isEmpty()) words.pop_back();

  // "f r e e" and "f.r.e.e" are one word spelled out: runs of three or more
  // single letters are joined.
  std::vector<icu::UnicodeString> joined;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t run = i;
    while (run < words.size() && words[run].countChar32() == 1) ++run;
    if (run - i >= 3) {
      joined.emplace_back();
      for (std::size_t k = i; k < run; ++k) joined.back() += words[k];
      i = run;
    } else {
      joined.push_back(words[i++]);
    }
  }
  std::vector<std::string> out;
  for (const icu::UnicodeString& word : joined) {
    // "moooney" is "money": a letter said twice or more counts once.
    icu::UnicodeString once;
    for (int32_t k = 0; k < word.length();) {
      const UChar32 c = word.char32At(k);
      k += U16_LENGTH(c);
      if (once.isEmpty() || once.char32At(once.length() - 1) != c) once.append(c);
    }
    out.emplace_back();
    once.toUTF8String(out.back());
  }
  return out;
}

bool contains_words(const std::vector<std::string>& haystack, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > haystack.size()) return false;
  for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < needle.size() && all; ++k) all = haystack[start + k] == needle[k];
    if (all) return true;
  }
  return false;
}

}  // namespace sala::text
