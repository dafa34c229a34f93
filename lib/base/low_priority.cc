#include "base/low_priority.h"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <system_error>
#include <thread>

namespace passwd {
namespace {

// The lowest priority setpriority(2) takes; a thread may always lower its
// own.
constexpr int kLowestPriority = 19;

class LowPriorityThread {
 public:
  // False when the thread could not be started.
  bool Start() {
    try {
      std::thread(&LowPriorityThread::Loop, this).detach();
      return true;
    } catch (const std::system_error&) {
      return false;
    }
  }

  Status Run(const std::function<Status()>& work) {
    std::packaged_task<Status()> task(work);
    std::future<Status> done = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(task));
    }
    wake_.notify_one();
    return done.get();
  }

 private:
  void Loop() {
    // On Linux a thread's nice value is its own (its thread id names it).
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kLowestPriority);
    // SCHED_IDLE, which any thread may take for itself: the scheduler gives
    // the thread a fifth of nice 19's weight, and a request's thread that
    // wakes up takes its CPU at once rather than after a time slice.
    const sched_param idle{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
    for (;;) {
      std::packaged_task<Status()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [this] { return !queue_.empty(); });
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<Status()>> queue_;
};

}  // namespace

Status RunAtLowPriority(const std::function<Status()>& work) {
  // Never destroyed: the detached thread uses it until the process ends.
  static LowPriorityThread* const thread = [] {
    auto* t = new LowPriorityThread;
    if (!t->Start()) {
      delete t;
      return static_cast<LowPriorityThread*>(nullptr);
    }
    return t;
  }();
  if (!thread) return work();
  return thread->Run(work);
}

}  // namespace passwd
