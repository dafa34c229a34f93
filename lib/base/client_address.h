// The client address as rate limits and the audit log's bound see it: one
// IPv4 address, or one IPv6 /64 (a single host or site usually holds a whole
// /64, so limiting its addresses one at a time would be no limit).
#ifndef PASSWD_LIB_BASE_CLIENT_ADDRESS_H_
#define PASSWD_LIB_BASE_CLIENT_ADDRESS_H_

#include <string>

namespace passwd {

// The rate-limit subject of `client_address` (nginx's REMOTE_ADDR): an IPv4
// address in dotted decimal as it is ("192.0.2.1"); an IPv6 address
// normalised and masked to its /64 ("2001:db8:1:2::/64" for
// "2001:0DB8:1:2:0:0:0:10", a zone id "%eth0" or brackets dropped); an
// IPv4-mapped IPv6 address as its IPv4 address ("::ffff:192.0.2.1" is
// "192.0.2.1"). Anything else (empty for a worker, a Unix socket's
// "unix:") is returned unchanged, at most 64 bytes of it, so it still
// limits itself.
std::string ClientAddressGroup(const std::string& client_address);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_CLIENT_ADDRESS_H_
