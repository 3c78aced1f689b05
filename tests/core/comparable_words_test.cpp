#include <gtest/gtest.h>

#include "core/text.hpp"

namespace sala::text {
namespace {

using Words = std::vector<std::string>;

bool has(std::string_view text, std::string_view phrase) {
  return contains_words(comparable_words(text), comparable_words(phrase));
}

TEST(ComparableWordsTest, DisguisesReadAsThePlainWords) {
  for (const char* disguised : {"free money", "FREE MONEY", "Fr33 M0n3y", "f r e e money", "F.R.E.E money", "freeee mooooney", "fr\xD0\xB5\xD0\xB5 money",
                                "f\u0336r\u0336e\u0336e\u0336 money", "free\xE2\x80\x8B money"}) {
    EXPECT_TRUE(has(std::string("click here for ") + disguised + " now", "free money")) << disguised;
  }
}

TEST(ComparableWordsTest, WholeWordsOnlySoPlaceNamesSurvive) {
  EXPECT_FALSE(has("I grew up in Scunthorpe", "cunt"));
  EXPECT_FALSE(has("a classic assessment", "ass"));
  EXPECT_TRUE(has("what an ass", "ass"));
  EXPECT_FALSE(has("money free", "free money")) << "a phrase keeps its order";
}

TEST(ComparableWordsTest, KhmerAndOtherScriptsKeepTheirWords) {
  const Words khmer = comparable_words("\xE1\x9E\x9F\xE1\x9E\xBD\xE1\x9E\x9F\xE1\x9F\x92\xE1\x9E\x8A\xE1\x9E\xB8 world");
  ASSERT_EQ(khmer.size(), 2U);
  EXPECT_EQ(khmer[1], "world");
}

TEST(ComparableWordsTest, NothingComparesEqualToAnEmptyPhrase) {
  EXPECT_FALSE(has("anything", ""));
  EXPECT_FALSE(has("anything", "- . -"));
}

}  // namespace
}  // namespace sala::text
