// Confusable skeletons (Unicode TS #39) for names that must not pass for
// someone else's: a reader cannot post as "Sa1a Staff" while "Sala Staff"
// is a moderator.
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

// Keeps letters and digits only, so spacing, punctuation and combining marks
// cannot make two names differ.
icu::UnicodeString letters_and_digits(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    if (u_isalnum(c)) out.append(c);
    i += U16_LENGTH(c);
  }
  return out;
}

}  // namespace

std::string name_skeleton(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  // A checker is cheap to keep and not safe to share while configuring; one per thread.
  thread_local std::unique_ptr<USpoofChecker, SpoofCloser> checker(uspoof_open(&status));
  if (!checker || U_FAILURE(status)) return {};
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (text.indexOf(static_cast<UChar>(0xFFFD)) >= 0) return {};
  // Skeleton before folding ("I" looks like "l", "i" does not), then again
  // after it, since folding can make new lookalikes.
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(checker.get(), 0, text, skeleton, &status);
  skeleton.foldCase();
  icu::UnicodeString again;
  uspoof_getSkeletonUnicodeString(checker.get(), 0, skeleton, again, &status);
  if (U_FAILURE(status)) return {};
  skeleton = again.foldCase();
  std::string out;
  letters_and_digits(skeleton).toUTF8String(out);
  return out;
}

}  // namespace sala::text
