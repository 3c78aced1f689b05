#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "store/batch_writer.hpp"

namespace sala::store {

// Queues `work` (Store& tx -> Result<T>) on the writer and calls
// `on_durable` with its result once that result is on disk, or with the
// error that kept it off disk (its own, or the shared commit's). The one
// way request handlers write.
//
// Both callables must be copyable; `on_durable` runs on the writer thread.
template <class T, class Work, class OnDurable>
void submit_write(BatchWriter& writer, Work work, OnDurable on_durable) {
  auto result = std::make_shared<std::optional<Result<T>>>();
  writer.submit(
      [result, work = std::move(work)](Store& tx) -> Result<void> {
        result->emplace(work(tx));
        if (!**result) return (*result)->error();
        return {};
      },
      [result, on_durable = std::move(on_durable)](const Result<void>& outcome) mutable {
        if (!outcome) return on_durable(Result<T>(outcome.error()));
        on_durable(std::move(**result));
      });
}

}  // namespace sala::store
