#pragma once

#include <atomic>
#include <chrono>

#include "core/time.hpp"

namespace sala {

// Where "now" comes from. Services take a Clock& so tests can pin time.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    using namespace std::chrono;
    return {duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
  }
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = {1'700'000'000'000}) : now_(start.ms) {}
  Timestamp now() const override { return {now_.load()}; }
  void advance(std::chrono::milliseconds d) { now_ += d.count(); }
  void set(Timestamp t) { now_ = t.ms; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace sala
