#include "store/postgres/pg_change_feed.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/postgres/change_channel.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/wal_position.hpp"

namespace sala::pg {
namespace {

// With nothing heard for this long, the feed checks its connection is alive
// (a server that vanished without closing the socket says nothing).
constexpr int kQuietCheckMs = 5000;
constexpr auto kFirstRetry = std::chrono::milliseconds(100);
constexpr auto kLastRetry = std::chrono::milliseconds(3000);

Result<std::unique_ptr<Connection>> listening(const std::string& url, const std::string& channel) {
  auto c = Connection::open(url);
  if (!c) return c.error();
  // LISTEN takes an identifier, not a parameter; libpq quotes it.
  char* quoted = PQescapeIdentifier((*c)->handle(), channel.data(), channel.size());
  if (quoted == nullptr) return Error::internal("postgres: cannot quote the channel name");
  const std::string sql = std::string("LISTEN ") + quoted;
  PQfreemem(quoted);
  if (auto done = (*c)->exec(sql); !done) return done.error();
  return std::move(*c);
}

class PgChangeFeed final : public store::ChangeFeed {
 public:
  PgChangeFeed(std::string url, std::string channel, std::string own_instance,
               store::ChangeHandlers handlers, std::shared_ptr<WritePositions> positions,
               std::unique_ptr<Connection> connection, int wake[2])
      : url_(std::move(url)),
        channel_(std::move(channel)),
        own_instance_(std::move(own_instance)),
        handlers_(std::move(handlers)),
        positions_(std::move(positions)),
        connection_(std::move(connection)),
        wake_read_(wake[0]),
        wake_write_(wake[1]),
        thread_([this] { run(); }) {}

  ~PgChangeFeed() override {
    stopping_ = true;
    const char byte = 0;
    (void)!::write(wake_write_, &byte, 1);
    thread_.join();
    ::close(wake_read_);
    ::close(wake_write_);
  }

 private:
  // Waits for the socket (or nothing, fd -1) or the stop signal; true if stopping.
  bool wait(int fd, int timeout_ms, bool& is_readable) {
    pollfd fds[2] = {{wake_read_, POLLIN, 0}, {fd, POLLIN, 0}};
    const int n = ::poll(fds, fd >= 0 ? 2 : 1, timeout_ms);
    is_readable = n > 0 && fd >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    return stopping_ || (n > 0 && (fds[0].revents & POLLIN) != 0);
  }

  void deliver() {
    for (;;) {
      std::vector<Announcement> heard;
      while (PGnotify* n = PQnotifies(connection_->handle())) {
        auto a = decode_announcement(n->extra ? n->extra : "");
        PQfreemem(n);
        if (a && a->instance != own_instance_) heard.push_back(std::move(*a));
      }
      if (heard.empty()) return;
      if (positions_) note_positions(heard);
      for (const auto& a : heard) {
        if (a.change) {
          if (handlers_.changed) handlers_.changed(*a.change);
        } else if (handlers_.missed) {
          handlers_.missed();
        }
      }
      // More may have come in with the answer about the position.
    }
  }

  // Before the handlers drop cached pages: a read that follows must already
  // know the replica is not yet good enough for these threads.
  void note_positions(const std::vector<Announcement>& heard) {
    auto at = insert_position(*connection_);
    if (!at) {
      positions_->pin_everything();  // until the reconnection below says where we are
      return;
    }
    for (const auto& a : heard) {
      if (a.change) {
        positions_->record(*a.change, *at);
      } else {
        positions_->record_everything(*at);
      }
    }
  }

  // After (re)connecting: whatever happened before now is covered.
  bool note_everything() {
    if (!positions_) return true;
    auto at = insert_position(*connection_);
    if (!at) return false;
    positions_->record_everything(*at);
    return true;
  }

  void run() {
    auto pause = kFirstRetry;
    while (!stopping_) {
      if (!connection_) {
        auto c = listening(url_, channel_);
        if (!c) {
          bool ignored = false;
          if (wait(-1, static_cast<int>(pause.count()), ignored)) return;
          pause = std::min(pause * 2, kLastRetry);
          continue;
        }
        connection_ = std::move(*c);
        pause = kFirstRetry;
        if (!note_everything()) {
          connection_.reset();
          continue;
        }
        if (handlers_.missed) handlers_.missed();
      }
      bool is_readable = false;
      if (wait(PQsocket(connection_->handle()), kQuietCheckMs, is_readable)) return;
      if (is_readable) {
        if (PQconsumeInput(connection_->handle()) == 0) {
          connection_.reset();
          continue;
        }
        deliver();
      } else if (!connection_->exec("SELECT 1")) {
        connection_.reset();
        continue;
      } else {
        deliver();  // notifications may arrive along with the answer
      }
      if (connection_->is_broken()) connection_.reset();
    }
  }

  const std::string url_;
  const std::string channel_;
  const std::string own_instance_;
  const store::ChangeHandlers handlers_;
  const std::shared_ptr<WritePositions> positions_;  // null: no replica to route reads to
  std::unique_ptr<Connection> connection_;
  const int wake_read_;
  const int wake_write_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace

Result<std::unique_ptr<store::ChangeFeed>> open_change_feed(const std::string& url,
                                                            const std::string& channel,
                                                            const std::string& own_instance,
                                                            store::ChangeHandlers handlers,
                                                            std::shared_ptr<WritePositions> positions) {
  auto c = listening(url, channel);
  if (!c) return c.error();
  if (positions) {
    // Writes between opening the store and LISTEN were announced to nobody here.
    auto at = insert_position(**c);
    if (!at) return at.error();
    positions->record_everything(*at);
  }
  int wake[2];
  if (::pipe(wake) != 0) return Error::internal("cannot make a pipe for the change feed");
  return std::unique_ptr<store::ChangeFeed>(new PgChangeFeed(
      url, channel, own_instance, std::move(handlers), std::move(positions), std::move(*c), wake));
}

}  // namespace sala::pg
