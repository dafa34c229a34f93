// base/low_priority: hashing runs on one thread of its own, at SCHED_IDLE
// and nice 19, one piece of work at a time, and its status and exceptions
// come back.
#include "base/low_priority.h"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_SUITE(low_priority)

BOOST_AUTO_TEST_CASE(work_runs_on_another_thread_at_the_lowest_priority) {
  const pid_t caller = gettid();
  pid_t worker = 0;
  int nice = 0;
  int policy = -1;
  Status s = RunAtLowPriority([&] {
    worker = gettid();
    errno = 0;
    nice = getpriority(PRIO_PROCESS, static_cast<id_t>(worker));
    policy = sched_getscheduler(worker);
    return Status::Ok();
  });
  BOOST_TEST(s.ok());
  BOOST_TEST(worker != 0);
  BOOST_TEST(worker != caller);
  BOOST_TEST(nice == 19);
  BOOST_TEST(policy == SCHED_IDLE);
  // The caller's own priority is untouched.
  BOOST_TEST(getpriority(PRIO_PROCESS, static_cast<id_t>(caller)) == 0);
}

BOOST_AUTO_TEST_CASE(one_piece_of_work_at_a_time_and_each_status_back) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::vector<std::thread> callers;
  std::vector<Status> results(6);
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&, i] {
      results[i] = RunAtLowPriority([&, i] {
        const int now = ++running;
        if (now > most) most = now;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --running;
        return i % 2 ? Status::Internal("odd") : Status::Ok();
      });
    });
  }
  for (auto& t : callers) t.join();
  BOOST_TEST(most.load() == 1);
  for (int i = 0; i < 6; ++i) BOOST_TEST(results[i].ok() == (i % 2 == 0));
}

BOOST_AUTO_TEST_CASE(an_exception_reaches_the_caller) {
  BOOST_CHECK_THROW(RunAtLowPriority([]() -> Status {
                      throw std::runtime_error("hash failed");
                    }),
                    std::runtime_error);
  // The thread goes on working.
  BOOST_TEST(RunAtLowPriority([] { return Status::Ok(); }).ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
