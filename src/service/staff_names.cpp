#include "service/staff_names.hpp"

#include "core/text.hpp"

namespace sala::service {
namespace {

constexpr std::int64_t kRefreshMs = 5000;

}  // namespace

Result<void> StaffNames::check(store::Store& store, std::string_view name) {
  const Timestamp now = clock_.now();
  std::unique_lock lock(mutex_);
  if (loaded_at_ms_ < 0 || now.ms - loaded_at_ms_ >= kRefreshMs) {
    auto accounts = store.accounts().list();
    if (!accounts) return accounts.error();
    skeletons_.clear();
    for (const Account& account : *accounts) skeletons_.insert(text::name_skeleton(account.name));
    skeletons_.erase("");
    loaded_at_ms_ = now.ms;
  }
  const std::string skeleton = text::name_skeleton(name);
  if (!skeleton.empty() && skeletons_.contains(skeleton)) {
    return Error::unprocessable("author_reserved", "this name belongs to the site's staff; please choose another");
  }
  return {};
}

}  // namespace sala::service
