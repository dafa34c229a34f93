// Hands a page process's FastCGI connections to its worker threads. nginx
// keeps its connections to the pages open between requests (fastcgi_keep_conn
// with an upstream keepalive pool, nginx/passwd-upstreams.conf): an idle kept
// connection waits in the process's epoll set, never in a thread, so a
// process never leaves a request unserved behind an idle connection. Only a
// thread with nothing to do waits for events, so a process whose threads are
// all busy (or a stopped process) takes no new connection: it stays queued
// on the socket for the page's other processes (docs/performance.md).
#ifndef PASSWD_LIB_WEB_FCGI_DISPATCHER_H_
#define PASSWD_LIB_WEB_FCGI_DISPATCHER_H_

#include <mutex>

namespace passwd {

class FcgiDispatcher {
 public:
  // The connections a process keeps open at most (libfcgi closes a
  // connection with select(), which takes descriptors below FD_SETSIZE).
  static constexpr int kMaxConnections = 512;

  // `listen_fd`: the listening socket all the page's processes share.
  explicit FcgiDispatcher(int listen_fd);
  ~FcgiDispatcher();
  FcgiDispatcher(const FcgiDispatcher&) = delete;
  FcgiDispatcher& operator=(const FcgiDispatcher&) = delete;

  // False when the process could not set up its event set.
  bool ok() const { return epoll_fd_ >= 0; }

  // The calling worker's next connection with a request (or its end) to
  // read, new or kept; accepts new connections into the set on the way.
  // Blocks until there is one; -1 when waiting failed.
  int Next();
  // The worker is done with `fd`, which libfcgi kept open for the next
  // request: it waits in the event set again.
  void Keep(int fd);
  // The worker is done with a connection libfcgi closed.
  void Closed();

  // Makes every Next() return -1 from now on: the process stops taking
  // requests once each thread has finished its own. Safe in a signal
  // handler.
  void Stop();

 private:
  // Watches the listening socket for one more connection (one-shot: only
  // one thread of the process is woken for it).
  void ArmListener();

  const int listen_fd_;
  int epoll_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd in the set, readable once Stop() ran
  std::mutex mu_;
  int open_ = 0;            // connections open
  bool listening_ = false;  // the listener is armed
};

}  // namespace passwd

#endif  // PASSWD_LIB_WEB_FCGI_DISPATCHER_H_
