// What the database tests share: the running stack's configuration and an
// Env whose clock a test can move, so its rows stay out of the running
// workers' way.
#ifndef PASSWD_TESTS_DB_DB_FIXTURE_H_
#define PASSWD_TESTS_DB_DB_FIXTURE_H_

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "base/config.h"
#include "base/env.h"

namespace passwd {

// The configuration named by PASSWD_CONFIG (the dev stack's); fails the test
// when it cannot be read.
inline Config TestConfig() {
  Config config;
  Status s = LoadConfigFromEnvironment(&config);
  BOOST_REQUIRE_MESSAGE(s.ok(), "PASSWD_CONFIG: " + s.ToString());
  return config;
}

// The process Env with its clock moved by a settable shift.
class ShiftedEnv : public ProcessEnv {
 public:
  using ProcessEnv::ProcessEnv;
  std::chrono::system_clock::time_point Now() override {
    return ProcessEnv::Now() + shift_;
  }
  void set_shift(std::chrono::seconds shift) { shift_ = shift; }

 private:
  std::chrono::seconds shift_{0};
};

}  // namespace passwd

#endif  // PASSWD_TESTS_DB_DB_FIXTURE_H_
