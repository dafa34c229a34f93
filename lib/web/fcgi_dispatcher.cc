#include "web/fcgi_dispatcher.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace passwd {
namespace {

// Arms `fd` in `epoll_fd` for one readable event (EPOLL_CTL_ADD or _MOD).
int Arm(int epoll_fd, int fd, int op) {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLONESHOT;
  ev.data.fd = fd;
  return epoll_ctl(epoll_fd, op, fd, &ev);
}

}  // namespace

FcgiDispatcher::FcgiDispatcher(int listen_fd) : listen_fd_(listen_fd) {
  // Non-blocking, so that when another process of the page took the
  // connection epoll announced, accept() returns at once.
  const int flags = fcntl(listen_fd_, F_GETFL);
  if (flags >= 0) fcntl(listen_fd_, F_SETFL, flags | O_NONBLOCK);
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || stop_fd_ < 0) {
    if (epoll_fd_ >= 0) close(epoll_fd_);
    epoll_fd_ = -1;
    return;
  }
  // Level-triggered and never read: once stopped, every thread sees it.
  epoll_event stop{};
  stop.events = EPOLLIN;
  stop.data.fd = stop_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, stop_fd_, &stop);
  Arm(epoll_fd_, listen_fd_, EPOLL_CTL_ADD);
  listening_ = true;
}

FcgiDispatcher::~FcgiDispatcher() {
  if (epoll_fd_ >= 0) close(epoll_fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
}

void FcgiDispatcher::Stop() {
  const uint64_t one = 1;
  if (write(stop_fd_, &one, sizeof one) < 0) return;
}

void FcgiDispatcher::ArmListener() {
  // Under mu_.
  if (listening_ || open_ >= kMaxConnections) return;
  Arm(epoll_fd_, listen_fd_, EPOLL_CTL_MOD);
  listening_ = true;
}

int FcgiDispatcher::Next() {
  for (;;) {
    epoll_event ev{};
    const int n = epoll_wait(epoll_fd_, &ev, 1, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) continue;
    if (ev.data.fd == stop_fd_) return -1;
    if (ev.data.fd != listen_fd_) return ev.data.fd;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    {
      std::lock_guard<std::mutex> lock(mu_);
      listening_ = false;
      if (fd >= 0) ++open_;
      ArmListener();
    }
    // A new connection waits in the set for its first request like a kept
    // one: a client that connects and sends nothing holds no thread.
    // (EAGAIN: another process of the page took it first.)
    if (fd >= 0) Arm(epoll_fd_, fd, EPOLL_CTL_ADD);
  }
}

void FcgiDispatcher::Keep(int fd) { Arm(epoll_fd_, fd, EPOLL_CTL_MOD); }

void FcgiDispatcher::Closed() {
  // Closing the descriptor took it out of the set.
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  ArmListener();
}

}  // namespace passwd
