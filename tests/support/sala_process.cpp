#include "support/sala_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

namespace sala::test {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// The step of the few waits that have nothing to block on.
constexpr milliseconds kPollStep{5};

int remaining_ms(SteadyClock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - SteadyClock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

ProcessExit to_exit(int status) {
  if (WIFSIGNALED(status)) return {true, WTERMSIG(status)};
  return {false, WEXITSTATUS(status)};
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  const long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
  return static_cast<int>(fd);
#else
  (void)pid;
  return -1;
#endif
}

// "http://127.0.0.1:PORT\n" -> PORT.
std::optional<std::uint16_t> port_of(const std::string& base_url) {
  if (base_url.empty() || base_url.back() != '\n') return std::nullopt;  // not complete yet
  const auto colon = base_url.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  unsigned port = 0;
  const char* first = base_url.data() + colon + 1;
  const char* last = base_url.data() + base_url.size() - 1;
  if (std::from_chars(first, last, port).ptr != last || port == 0 || port > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(port);
}

}  // namespace

std::string ProcessExit::describe() const {
  return is_signal ? "killed by signal " + std::to_string(value) + " (" + strsignal(value) + ")"
                   : "exited with code " + std::to_string(value);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SalaProcess::SalaProcess(std::string binary, const std::vector<std::string>& args,
                         std::filesystem::path log_base, const std::filesystem::path& stdin_path)
    : out_path_(log_base.string() + ".out"), err_path_(log_base.string() + ".err") {
  // Everything the child needs is prepared before fork(): between fork and
  // exec only async-signal-safe calls are allowed, and the test may have
  // other threads.
  std::vector<std::string> argv_text{binary};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int in_fd = ::open(stdin_path.c_str(), O_RDONLY | O_CLOEXEC);
  const int out_fd = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const pid_t parent = ::getpid();
  if (in_fd >= 0 && out_fd >= 0 && err_fd >= 0) {
    pid_ = ::fork();
    if (pid_ == 0) {
      // If the test process dies (a crash, a ctest timeout), so does the server.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(126);
      ::dup2(in_fd, 0);
      ::dup2(out_fd, 1);
      ::dup2(err_fd, 2);
      ::execv(argv[0], argv.data());
      const char message[] = "exec failed\n";
      [[maybe_unused]] auto n = ::write(2, message, sizeof message - 1);
      ::_exit(127);
    }
  }
  for (int fd : {in_fd, out_fd, err_fd}) {
    if (fd >= 0) ::close(fd);
  }
  if (pid_ > 0) {
    pidfd_ = open_pidfd(pid_);
  } else {
    ADD_FAILURE() << "could not start " << binary << ": " << std::strerror(errno);
  }
}

SalaProcess::~SalaProcess() {
  if (pid_ > 0 && !exit_) kill();
  if (pidfd_ >= 0) ::close(pidfd_);
}

std::optional<ProcessExit> SalaProcess::try_reap() {
  if (exit_ || pid_ <= 0) return exit_;
  int status = 0;
  pid_t r = 0;
  do {
    r = ::waitpid(pid_, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) exit_ = to_exit(status);
  return exit_;
}

bool SalaProcess::is_running() { return pid_ > 0 && !try_reap(); }

std::optional<ProcessExit> SalaProcess::wait_exit(milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  for (;;) {
    if (auto done = try_reap()) return done;
    if (pid_ <= 0 || SteadyClock::now() >= deadline) return std::nullopt;
    if (pidfd_ >= 0) {
      pollfd p{pidfd_, POLLIN, 0};
      ::poll(&p, 1, remaining_ms(deadline));
    } else {
      std::this_thread::sleep_for(std::min<milliseconds>(kPollStep, milliseconds(remaining_ms(deadline))));
    }
  }
}

std::optional<ProcessExit> SalaProcess::terminate(milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  if (!exit_) ::kill(pid_, SIGTERM);
  return wait_exit(timeout);
}

ProcessExit SalaProcess::kill() {
  if (pid_ <= 0) return {};
  if (exit_) return *exit_;
  ::kill(pid_, SIGKILL);
  // SIGKILL cannot be caught, so this wait ends; the deadline only guards a
  // process stuck in the kernel (a dead disk).
  if (auto done = wait_exit(std::chrono::seconds(30))) return *done;
  ADD_FAILURE() << "process " << pid_ << " did not die after SIGKILL";
  return {true, SIGKILL};
}

std::optional<std::uint16_t> SalaProcess::wait_ready(const std::filesystem::path& ready_file,
                                                     milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = SteadyClock::now() + timeout;
  for (;;) {
    std::error_code ec;
    if (std::filesystem::exists(ready_file, ec)) {
      if (auto port = port_of(read_file(ready_file))) return port;
    }
    if (auto done = try_reap()) {
      ADD_FAILURE() << "the server " << done->describe() << " before it was ready\n" << logs();
      return std::nullopt;
    }
    if (SteadyClock::now() >= deadline) {
      ADD_FAILURE() << "the server did not write " << ready_file << " within " << timeout.count()
                    << " ms\n"
                    << logs();
      return std::nullopt;
    }
    std::this_thread::sleep_for(kPollStep);
  }
}

std::string SalaProcess::stdout_text() const { return read_file(out_path_); }
std::string SalaProcess::stderr_text() const { return read_file(err_path_); }

std::string SalaProcess::logs() const {
  return "--- stderr of pid " + std::to_string(pid_) + " ---\n" + stderr_text() +
         "--- stdout ---\n" + stdout_text() + "--- end ---";
}

namespace {

CommandResult finish(SalaProcess& process, milliseconds timeout) {
  CommandResult result;
  if (auto done = process.wait_exit(timeout)) {
    result.exit = *done;
  } else {
    result.exit = process.kill();
    ADD_FAILURE() << "command did not finish within " << timeout.count() << " ms\n" << process.logs();
  }
  result.out = process.stdout_text();
  result.err = process.stderr_text();
  return result;
}

}  // namespace

CommandResult run_command_with_input(const std::string& binary, const std::vector<std::string>& args,
                                     const std::filesystem::path& log_base, const std::string& input,
                                     milliseconds timeout) {
  const std::filesystem::path in = log_base.string() + ".in";
  std::ofstream(in, std::ios::binary) << input;
  SalaProcess process(binary, args, log_base, in);
  return finish(process, timeout);
}

CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::filesystem::path& log_base, milliseconds timeout) {
  SalaProcess process(binary, args, log_base);
  return finish(process, timeout);
}

bool wait_until(const std::function<bool()>& done, milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  for (;;) {
    if (done()) return true;
    if (SteadyClock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollStep);
  }
}

}  // namespace sala::test
