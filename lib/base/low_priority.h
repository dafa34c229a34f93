// Work that must not slow the requests around it: a page process's password
// hashing (scrypt, SHA-512-crypt), run on one thread of the process at the
// lowest CPU priority, one piece of work at a time.
#ifndef PASSWD_LIB_BASE_LOW_PRIORITY_H_
#define PASSWD_LIB_BASE_LOW_PRIORITY_H_

#include <functional>

#include "base/status.h"

namespace passwd {

// Runs `work` on the process's low-priority thread (Linux's SCHED_IDLE
// policy, and nice 19 where that is refused; started on first use) and returns its status once it has run; calls from several
// threads wait their turn. So a burst of hashing takes the CPU only when
// no request of any page wants it, and holds one hash's memory at a time.
// A failure to start the thread runs `work` on the caller's thread.
Status RunAtLowPriority(const std::function<Status()>& work);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_LOW_PRIORITY_H_
