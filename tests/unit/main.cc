// The one translation unit that defines the Boost.Test module; every
// tests/unit/*_test.cc adds its suites to it.
#define BOOST_TEST_MODULE passwd
#include <boost/test/unit_test.hpp>
