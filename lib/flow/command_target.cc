#include "flow/command_target.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

extern char** environ;

namespace passwd {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor on every return path.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { Reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset(int fd = -1) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// Replaces each occurrence of `secret` in `text` with "[hash]".
std::string Scrubbed(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at)) {
    text.replace(at, secret.size(), "[hash]");
  }
  return text;
}

// The child's side, between fork and exec: async-signal-safe calls only.
[[noreturn]] void RunChild(int input, int output, const char* path,
                           char* const* argv) {
  setpgid(0, 0);  // its own group, so a timeout kills what it started too
  signal(SIGPIPE, SIG_DFL);
  if (dup2(input, 0) < 0 || dup2(output, 1) < 0 || dup2(output, 2) < 0) {
    _exit(127);
  }
  close_range(3, ~0U, 0);
  execve(path, argv, environ);
  _exit(127);
}

// Reads the child's output until it closes it or `deadline` passes; true
// when it closed in time.
bool ReadOutput(int fd, Clock::time_point deadline, std::string* kept) {
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (left.count() <= 0) return false;
    struct pollfd p = {fd, POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return ready == 0 ? false : true;
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    const size_t room = kMaxCommandOutput + 256 -
                        std::min(kMaxCommandOutput + 256, kept->size());
    kept->append(buffer, std::min(room, static_cast<size_t>(n)));
  }
}

// Waits for `pid` until `deadline`; true with `*status` when it ended.
bool WaitUntil(pid_t pid, Clock::time_point deadline, int* status) {
  for (;;) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;
    if (Clock::now() >= deadline) return false;
    usleep(20000);
  }
}

}  // namespace

Status RunTargetCommand(const SyncTargetConfig& target,
                        const std::string& umin_id,
                        const std::string& sha512_crypt, std::string* output) {
  output->clear();
  const std::string what = "command " + target.name;
  // Standard input is a socket so that writing to a child that exited
  // early gives EPIPE (MSG_NOSIGNAL), not a SIGPIPE for the worker.
  int in_pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) {
    return Status::Unavailable(what + ": socketpair: " + strerror(errno));
  }
  Fd in_ours(in_pair[0]), in_child(in_pair[1]);
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    return Status::Unavailable(what + ": pipe: " + strerror(errno));
  }
  Fd out_ours(out_pipe[0]), out_child(out_pipe[1]);
  std::string path = target.path, id = umin_id;
  char* const argv[] = {path.data(), id.data(), nullptr};
  const pid_t pid = fork();
  if (pid < 0) return Status::Unavailable(what + ": fork: " + strerror(errno));
  if (pid == 0) RunChild(in_child.get(), out_child.get(), path.c_str(), argv);
  setpgid(pid, pid);  // as the child does, whichever runs first
  in_child.Reset();
  out_child.Reset();
  const auto deadline =
      Clock::now() + std::chrono::seconds(TargetTimeoutSeconds(target));
  const std::string line = sha512_crypt + "\n";
  // A short line fits in the socket's buffer: this never blocks for long.
  (void)!send(in_ours.get(), line.data(), line.size(), MSG_NOSIGNAL);
  in_ours.Reset();
  std::string kept;
  const bool closed = ReadOutput(out_ours.get(), deadline, &kept);
  int status = 0;
  const bool ended = closed && WaitUntil(pid, deadline, &status);
  if (!ended) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  kept = Scrubbed(kept, sha512_crypt);
  if (kept.size() > kMaxCommandOutput) kept.resize(kMaxCommandOutput);
  *output = kept;
  if (!ended) {
    return Status::Unavailable(what + ": killed after " +
                               std::to_string(TargetTimeoutSeconds(target)) +
                               " s (timeout_seconds)");
  }
  if (WIFSIGNALED(status)) {
    return Status::Unavailable(what + ": killed by signal " +
                               std::to_string(WTERMSIG(status)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return Status::Unavailable(what + ": exit status " + std::to_string(code) +
                               (code == 127 ? " (cannot be run?)" : ""));
  }
  return Status::Ok();
}

}  // namespace passwd
