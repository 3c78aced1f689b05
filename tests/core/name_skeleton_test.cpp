#include <gtest/gtest.h>

#include "core/text.hpp"

namespace sala::text {
namespace {

TEST(NameSkeletonTest, LookalikesOfOneNameShareItsSkeleton) {
  const std::string desk = name_skeleton("Sala Desk");
  ASSERT_FALSE(desk.empty());
  for (const char* lookalike : {"sala desk", "SALA DESK", "Sala-Desk", "S a l a  D e s k", "SaIa Desk",
                                "\xEF\xBC\xB3\xEF\xBD\x81\xEF\xBD\x8C\xEF\xBD\x81 Desk",  // fullwidth "Ｓａｌａ"
                                "S\xD0\xB0la Desk"}) {                                     // Cyrillic a
    EXPECT_EQ(name_skeleton(lookalike), desk) << lookalike;
  }
}

TEST(NameSkeletonTest, DifferentNamesStayDifferent) {
  EXPECT_NE(name_skeleton("Sala Desk"), name_skeleton("Sala Dusk"));
  EXPECT_NE(name_skeleton("Dara"), name_skeleton("Dana"));
  // Khmer names keep their own letters.
  EXPECT_NE(name_skeleton("\xE1\x9E\x9F\xE1\x9E\xBB\xE1\x9E\x81\xE1\x9E\xB6"), "");
}

TEST(NameSkeletonTest, InvisibleCharactersDoNotSeparateNames) {
  EXPECT_EQ(name_skeleton("Sala\xE2\x80\x8B Desk"), name_skeleton("Sala Desk"));  // zero-width space
}

TEST(NameSkeletonTest, TextThatIsNotUtf8HasNoSkeleton) {
  EXPECT_EQ(name_skeleton("\xFF\xFE"), "");
}

TEST(LowerAsciiTest, LowersAsciiLettersOnly) {
  EXPECT_EQ(lower_ascii("Ada@Example.ORG"), "ada@example.org");
  EXPECT_EQ(lower_ascii("\xC3\x89"), "\xC3\x89");
}

}  // namespace
}  // namespace sala::text
