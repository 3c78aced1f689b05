#include "domain/sort.hpp"

#include <gtest/gtest.h>

namespace sala {
namespace {

TEST(SortTest, ParsesOnlyTheThreeSorts) {
  EXPECT_EQ(parse_sort("newest"), Sort::newest);
  EXPECT_EQ(parse_sort("oldest"), Sort::oldest);
  EXPECT_EQ(parse_sort("votes"), Sort::votes);
  for (const char* bad : {"", "Newest", "created;DELETE", "score", "votes "}) {
    EXPECT_FALSE(parse_sort(bad)) << bad;
  }
}

TEST(SortTest, CursorsRoundTrip) {
  for (const PageCursor& c : {PageCursor{Sort::newest, 1'700'000'000'000, CommentId{42}},
                              PageCursor{Sort::votes, -3, CommentId{7}},
                              PageCursor{Sort::oldest, 0, CommentId{1}}}) {
    auto text = encode_cursor(c);
    auto back = decode_cursor(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, c);
  }
}

TEST(SortTest, MalformedCursorsAreRejected) {
  const auto good = encode_cursor({Sort::newest, 5, CommentId{9}});
  for (const std::string& bad :
       {std::string(), std::string("!!!!"), good + "A", good.substr(1), std::string(200, 'A'),
        encode_cursor({Sort::newest, 5, CommentId{0}})}) {
    EXPECT_FALSE(decode_cursor(bad)) << bad;
  }
}

}  // namespace
}  // namespace sala
