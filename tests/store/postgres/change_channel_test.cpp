#include "store/postgres/change_channel.hpp"

#include <gtest/gtest.h>

namespace sala::pg {
namespace {

TEST(ChangeChannelTest, AnAnnouncementSurvivesTheTrip) {
  const store::ThreadChange change{SiteId{"news"}, "/2024/05/a story with spaces", CommentId{42}};
  auto decoded = decode_announcement(encode_announcement("abc123", change));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->instance, "abc123");
  ASSERT_TRUE(decoded->change);
  EXPECT_EQ(*decoded->change, change);

  const store::ThreadChange no_comment{SiteId{"news"}, "/b", std::nullopt};
  decoded = decode_announcement(encode_announcement("abc123", no_comment));
  ASSERT_TRUE(decoded && decoded->change);
  EXPECT_EQ(*decoded->change, no_comment);
}

TEST(ChangeChannelTest, AKeyTooLongToNameBecomesAnythingMayHaveChanged) {
  const store::ThreadChange change{SiteId{"news"}, std::string(9000, 'k'), CommentId{1}};
  const auto payload = encode_announcement("abc", change);
  EXPECT_LT(payload.size(), 8000u);
  auto decoded = decode_announcement(payload);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->change);
}

TEST(ChangeChannelTest, GarbageIsIgnored) {
  for (const char* payload : {"", " ", "abc", "abc x news /a", "abc 1 news", "abc -1 news /a", " 1 news /a"}) {
    EXPECT_FALSE(decode_announcement(payload)) << payload;
  }
}

TEST(ChangeChannelTest, ChannelsFollowTheSchemaAndFitAnIdentifier) {
  EXPECT_EQ(channel_for_schema("public"), "sala_changes");
  EXPECT_EQ(channel_for_schema("blog"), "sala_changes_blog");
  EXPECT_EQ(channel_for_schema(std::string(100, 's')).size(), 63u);
  EXPECT_NE(new_instance_id(), new_instance_id());
}

}  // namespace
}  // namespace sala::pg
