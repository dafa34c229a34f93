#include "base/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace passwd {
namespace {

// Longest text kept of an address that is not one (the subject columns
// hold 128 characters; an event name and a space come before it).
constexpr size_t kMaxUnparsedLength = 64;

// `text` without surrounding brackets ("[::1]") or a zone id ("%eth0").
std::string BareAddress(std::string text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  const size_t zone = text.find('%');
  if (zone != std::string::npos) text.resize(zone);
  return text;
}

}  // namespace

std::string ClientAddressGroup(const std::string& client_address) {
  char text[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, client_address.c_str(), &v4) == 1 &&
      inet_ntop(AF_INET, &v4, text, sizeof text) != nullptr) {
    return text;
  }
  in6_addr v6{};
  if (client_address.find(':') == std::string::npos ||
      inet_pton(AF_INET6, BareAddress(client_address).c_str(), &v6) != 1) {
    return client_address.substr(0, kMaxUnparsedLength);
  }
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, v6.s6_addr + 12, sizeof v4);
    if (inet_ntop(AF_INET, &v4, text, sizeof text) != nullptr) return text;
    return client_address.substr(0, kMaxUnparsedLength);
  }
  std::memset(v6.s6_addr + 8, 0, 8);  // keep the /64
  if (inet_ntop(AF_INET6, &v6, text, sizeof text) == nullptr) {
    return client_address.substr(0, kMaxUnparsedLength);
  }
  return std::string(text) + "/64";
}

}  // namespace passwd
