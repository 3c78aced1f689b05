#pragma once

// Shared by the end-to-end tests: starting `sala serve` on a free port and
// reading the JSON it answers with.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/sala_process.hpp"

namespace sala::test {

// Set by CMake to the `sala` target's file, so the tests always run the
// binary built with them.
inline constexpr const char* kSalaBinary = SALA_BINARY;

// A server start can include creating and migrating the database.
inline constexpr std::chrono::seconds kStartTimeout{20};

// A running `sala serve` and the port it took.
struct StartedServer {
  std::unique_ptr<SalaProcess> process;
  std::uint16_t port = 0;
};

// Starts `sala serve --db DB_URL --listen 127.0.0.1:0 --ready-file F`
// plus `extra_args` (e.g. --config), and waits until it accepts
// connections. Its ready file and logs are `dir`/`name`.*. port is 0 (and
// the test has failed, quoting stderr) when it did not come up.
inline StartedServer start_sala_server_on(const std::filesystem::path& dir, const std::string& name,
                                          const std::string& db_url,
                                          const std::vector<std::string>& extra_args = {}) {
  const std::filesystem::path ready = dir / (name + ".ready");
  std::filesystem::remove(ready);
  std::vector<std::string> args{"serve", "--db", db_url, "--listen",
                                "127.0.0.1:0", "--ready-file", ready.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  StartedServer out;
  out.process = std::make_unique<SalaProcess>(kSalaBinary, args, dir / name);
  out.port = out.process->wait_ready(ready, kStartTimeout).value_or(0);
  return out;
}

inline StartedServer start_sala_server(const std::filesystem::path& dir, const std::string& name,
                                       const std::filesystem::path& db,
                                       const std::vector<std::string>& extra_args = {}) {
  return start_sala_server_on(dir, name, "sqlite:" + db.string(), extra_args);
}

// The body as JSON; null (and a test failure) when it is not JSON.
inline boost::json::value json_of(const HttpResponse& response) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(response.body, ec);
  if (ec) {
    ADD_FAILURE() << "not JSON: " << response.describe();
    return nullptr;
  }
  return v;
}

// The member at `path` ("comment.id"), or null when any step is missing.
inline const boost::json::value& member(const boost::json::value& v, std::string_view path) {
  static const boost::json::value kNull;
  const boost::json::value* at = &v;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    const auto* object = at->if_object();
    if (object == nullptr) return kNull;
    const auto* next = object->if_contains(key);
    if (next == nullptr) return kNull;
    at = next;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return *at;
}

inline std::string string_at(const boost::json::value& v, std::string_view path) {
  const auto& m = member(v, path);
  return m.is_string() ? std::string(m.get_string()) : std::string();
}

// -1 when the member is missing or not an integer.
inline std::int64_t int_at(const boost::json::value& v, std::string_view path) {
  const auto& m = member(v, path);
  return m.is_int64() ? m.get_int64() : -1;
}

// The wire code of an API error reply ({"error":{"code":...}}).
inline std::string error_code(const HttpResponse& response) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(response.body, ec);
  return ec ? std::string() : string_at(v, "error.code");
}

}  // namespace sala::test
