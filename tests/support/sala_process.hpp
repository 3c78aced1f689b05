#pragma once

// Runs the real `sala` binary as a child process: started with fork/exec,
// its stdout and stderr captured to files, stopped with SIGTERM or killed
// with SIGKILL, and always reaped. Every wait has a deadline. Test failures
// raised here carry the child's stderr, which is usually the whole story.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sala::test {

// How a child process ended.
struct ProcessExit {
  bool is_signal = false;
  int value = 0;  // the exit code, or the signal number

  bool is_clean() const { return !is_signal && value == 0; }
  std::string describe() const;
};

class SalaProcess {
 public:
  // Starts `binary` with `args` (not including argv[0]). Its stdout and
  // stderr go to `log_base` + ".out" and ".err"; stdin is `stdin_path`.
  SalaProcess(std::string binary, const std::vector<std::string>& args,
              std::filesystem::path log_base, const std::filesystem::path& stdin_path = "/dev/null");
  // Kills (SIGKILL) and reaps the child if it is still there.
  ~SalaProcess();
  SalaProcess(const SalaProcess&) = delete;
  SalaProcess& operator=(const SalaProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Waits until `ready_file` holds the base URL the server writes once it
  // accepts connections, and returns the port from it. nullopt (with a test
  // failure that quotes stderr) when the child exits first or the deadline
  // passes.
  std::optional<std::uint16_t> wait_ready(const std::filesystem::path& ready_file,
                                          std::chrono::milliseconds timeout);

  // Waits for the child to exit and reaps it; nullopt at the deadline.
  std::optional<ProcessExit> wait_exit(std::chrono::milliseconds timeout);
  // True while the child has not exited (reaps it if it has).
  bool is_running();

  // SIGTERM, then wait_exit(timeout).
  std::optional<ProcessExit> terminate(std::chrono::milliseconds timeout);
  // SIGKILL and reap; returns at once if the child already exited.
  ProcessExit kill();

  std::string stdout_text() const;
  std::string stderr_text() const;
  // Both logs, labelled, for failure messages.
  std::string logs() const;

 private:
  std::optional<ProcessExit> try_reap();

  pid_t pid_ = -1;
  int pidfd_ = -1;  // readable once the child exits; -1 where unsupported
  std::optional<ProcessExit> exit_;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// The result of a command run to completion.
struct CommandResult {
  ProcessExit exit;
  std::string out;
  std::string err;
};

// Runs `binary args...` to completion (killed at the deadline, which fails
// the test), with its logs under `log_base`.
CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::filesystem::path& log_base,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Polls `done` every few milliseconds until it holds or `timeout` passes;
// returns whether it held. For conditions with no event to block on.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);

// run_command with `input` on the command's standard input (as a file, so
// the command sees it end).
CommandResult run_command_with_input(const std::string& binary, const std::vector<std::string>& args,
                                     const std::filesystem::path& log_base, const std::string& input,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

std::string read_file(const std::filesystem::path& path);

}  // namespace sala::test
