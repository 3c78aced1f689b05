#include "store/migration_plan.hpp"

#include <gtest/gtest.h>

namespace sala::store {
namespace {

std::vector<std::int64_t> versions(const std::vector<Migration>& list) {
  std::vector<std::int64_t> out;
  for (const auto& m : list) out.push_back(m.version);
  return out;
}

const std::vector<Migration> kAll = {{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}};

TEST(MigrationPlan, AFreshDatabaseGetsEveryMigrationInOrder) {
  auto plan = missing_migrations(kAll, {});
  ASSERT_TRUE(plan);
  EXPECT_EQ(versions(*plan), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

TEST(MigrationPlan, AGapBelowTheHighestAppliedIsFilled) {
  // Two changes developed side by side: 4 landed on a database before 3 existed.
  auto plan = missing_migrations(kAll, {1, 2, 4});
  ASSERT_TRUE(plan);
  EXPECT_EQ(versions(*plan), (std::vector<std::int64_t>{3}));
  auto none = missing_migrations(kAll, {1, 2, 3, 4});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(MigrationPlan, AnUnknownVersionMeansANewerSalaWroteTheDatabase) {
  auto plan = missing_migrations(kAll, {1, 2, 3, 4, 5});
  ASSERT_FALSE(plan);
  EXPECT_STREQ(plan.error().wire_code(), "database_too_new");
}

}  // namespace
}  // namespace sala::store
