// A worker's claim on a mail or a delivery row (sql/012_leases.sql): who
// holds it and until when. The mail-sender and the sync-worker claim rows
// the same way, so both take their claims from here.
#ifndef PASSWD_LIB_BASE_LEASE_H_
#define PASSWD_LIB_BASE_LEASE_H_

#include <chrono>
#include <string>

#include "base/config.h"

namespace passwd {

struct Lease {
  std::string owner;  // WorkerLeaseOwner: "<host_name>:<pid>"
  std::chrono::system_clock::time_point until;
};

// This process's claim taken at `now`, for worker_lease_seconds.
inline Lease NewLease(const Config& config,
                      std::chrono::system_clock::time_point now) {
  return {WorkerLeaseOwner(config),
          now + std::chrono::seconds(config.worker_lease_seconds)};
}

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_LEASE_H_
