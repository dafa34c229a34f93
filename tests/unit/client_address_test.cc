// base/client_address.h: the rate-limit subject of a client address.
#include "base/client_address.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace passwd {
namespace {

BOOST_AUTO_TEST_CASE(GroupsIpv6By64AndKeepsIpv4) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      // IPv4 as it is.
      {"127.0.0.1", "127.0.0.1"},
      {"192.0.2.200", "192.0.2.200"},
      // IPv6: one /64, whatever the form it is written in.
      {"2001:db8:1:2::10", "2001:db8:1:2::/64"},
      {"2001:db8:1:2::11", "2001:db8:1:2::/64"},
      {"2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
      {"2001:0DB8:0001:0002:0000:0000:0000:0010", "2001:db8:1:2::/64"},
      {"2001:db8:1:3::10", "2001:db8:1:3::/64"},
      {"2001:db8::1", "2001:db8::/64"},
      {"::1", "::/64"},
      {"::", "::/64"},
      {"fd00::2", "fd00::/64"},
      // A zone id or brackets are dropped.
      {"fe80::fc:ff:fe00:1%eth0", "fe80::/64"},
      {"[2001:db8:1:2::10]", "2001:db8:1:2::/64"},
      // IPv4-mapped IPv6 is the IPv4 address.
      {"::ffff:192.0.2.1", "192.0.2.1"},
      {"::FFFF:c000:0201", "192.0.2.1"},
      // Not an address: unchanged (a worker has none), at most 64 bytes.
      {"", ""},
      {"unix:", "unix:"},
      {"not an address", "not an address"},
      {"2001:db8::1::2", "2001:db8::1::2"},
      {"192.168.001.001", "192.168.001.001"},
      {"1.2.3.4.5", "1.2.3.4.5"},
      {"2001:db8:1:2::10%", "2001:db8:1:2::/64"},
      {"[2001:db8::1", "[2001:db8::1"},
      {std::string(100, ':'), std::string(64, ':')},
      {std::string(100, 'x'), std::string(64, 'x')},
  };
  for (const Case& c : cases) {
    BOOST_TEST(ClientAddressGroup(c.in) == c.out, c.in);
  }
}

BOOST_AUTO_TEST_CASE(GroupingIsIdempotentOnAddresses) {
  for (const std::string& address :
       std::vector<std::string>{"192.0.2.1", "::ffff:192.0.2.1"}) {
    const std::string group = ClientAddressGroup(address);
    BOOST_TEST(ClientAddressGroup(group) == group, address);
  }
}

}  // namespace
}  // namespace passwd
