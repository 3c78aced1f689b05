#include "domain/comment_tree.hpp"

#include <gtest/gtest.h>

namespace sala {
namespace {

Comment make(std::int64_t id, std::optional<std::int64_t> parent, std::int64_t created,
             CommentState state = CommentState::approved) {
  Comment c;
  c.id = CommentId{id};
  if (parent) c.parent = CommentId{*parent};
  c.created = Timestamp{created};
  c.state = state;
  return c;
}

std::vector<std::int64_t> ids(const DisplayedRoot& root) {
  std::vector<std::int64_t> out;
  for (auto& r : root.replies) out.push_back(r.comment.id.value);
  return out;
}

TEST(CommentTreeTest, RepliesFollowTheirParentOldestFirst) {
  auto roots = arrange_thread({make(1, {}, 1)},
                              {make(4, 2, 40), make(2, 1, 20), make(3, 1, 30), make(5, 2, 35)});
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(ids(roots[0]), (std::vector<std::int64_t>{2, 5, 4, 3}));
  EXPECT_EQ(roots[0].replies[0].depth, 1);
  EXPECT_EQ(roots[0].replies[1].depth, 2);
}

TEST(CommentTreeTest, DeletedCommentsWithVisibleRepliesBecomePlaceholders) {
  auto roots = arrange_thread(
      {make(1, {}, 1, CommentState::deleted), make(2, {}, 2, CommentState::deleted)},
      {make(3, 1, 3), make(4, 2, 4, CommentState::pending)});
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0].root.comment.id.value, 1);
  EXPECT_TRUE(roots[0].root.is_placeholder);
  EXPECT_EQ(ids(roots[0]), (std::vector<std::int64_t>{3}));
}

TEST(CommentTreeTest, PendingRepliesAreLeftOut) {
  auto roots = arrange_thread({make(1, {}, 1)}, {make(2, 1, 2, CommentState::pending), make(3, 2, 3)});
  ASSERT_EQ(roots.size(), 1u);
  // 3 is approved below a pending parent: the parent shows as a placeholder only.
  ASSERT_EQ(roots[0].replies.size(), 2u);
  EXPECT_TRUE(roots[0].replies[0].is_placeholder);
  EXPECT_FALSE(roots[0].replies[1].is_placeholder);
}

TEST(CommentTreeTest, AVeryDeepChainNeedsNoRecursion) {
  std::vector<Comment> replies;
  for (std::int64_t i = 2; i <= 100'000; ++i) replies.push_back(make(i, i - 1, i));
  auto roots = arrange_thread({make(1, {}, 1)}, std::move(replies));
  ASSERT_EQ(roots.size(), 1u);
  ASSERT_EQ(roots[0].replies.size(), 99'999u);
  EXPECT_EQ(roots[0].replies.back().depth, 99'999);
}

TEST(CommentTreeTest, OrphansAndCyclesAreIgnored) {
  auto roots = arrange_thread({make(1, {}, 1)}, {make(2, 77, 2), make(3, 4, 3), make(4, 3, 4)});
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_TRUE(roots[0].replies.empty());
}

}  // namespace
}  // namespace sala
