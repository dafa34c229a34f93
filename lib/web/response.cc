#include "web/response.h"

#include <strings.h>

#include <algorithm>

#include "base/paths.h"

namespace passwd {
namespace {

std::string WithoutLineBreaks(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
  }
  return out;
}

// Headers every dynamic response carries. Scripts only from our own
// static files (static/passwd.js), never inline.
constexpr const char* kSecurityHeaders[][2] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};

}  // namespace

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 303:
      return "See Other";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

void Response::SetHeader(const std::string& name, const std::string& value) {
  std::string clean_name = WithoutLineBreaks(name);
  std::string clean_value = WithoutLineBreaks(value);
  for (auto& header : headers_) {
    if (strcasecmp(header.first.c_str(), clean_name.c_str()) == 0) {
      header.second = clean_value;
      return;
    }
  }
  headers_.emplace_back(clean_name, clean_value);
}

std::string Response::Header(const std::string& name) const {
  for (const auto& header : headers_) {
    if (strcasecmp(header.first.c_str(), name.c_str()) == 0) {
      return header.second;
    }
  }
  return "";
}

void Response::SetCookie(const std::string& name, const std::string& value,
                         const std::string& path, long max_age_seconds) {
  cookies_.push_back({WithoutLineBreaks(name), WithoutLineBreaks(value),
                      WithoutLineBreaks(path), max_age_seconds});
}

void Response::SetPreferenceCookie(const std::string& name,
                                   const std::string& value,
                                   const std::string& path,
                                   long max_age_seconds) {
  cookies_.push_back({WithoutLineBreaks(name), WithoutLineBreaks(value),
                      WithoutLineBreaks(path), max_age_seconds, true});
}

void Response::ClearCookie(const std::string& name, const std::string& path) {
  SetCookie(name, "", path, 0);
}

void Response::KeepClearedCookiesOf(const Response& other) {
  for (const CookieSpec& cookie : other.cookies_) {
    if (cookie.max_age == 0) cookies_.push_back(cookie);
  }
}

void Response::Redirect(const std::string& location) {
  status_ = 303;
  SetHeader("Location", location);
}

void Response::SetHtml(std::string html) {
  body_ = std::move(html);
  SetHeader("Content-Type", "text/html; charset=UTF-8");
}

void Response::SetText(std::string text) {
  body_ = std::move(text);
  SetHeader("Content-Type", "text/plain; charset=UTF-8");
}

bool Response::CookiesSecure(bool https, SecureCookies secure) {
  return secure == SecureCookies::kAlways ||
         (secure == SecureCookies::kAuto && https);
}

std::string Response::Serialize(bool https, SecureCookies secure) const {
  const bool secure_flag = CookiesSecure(https, secure);
  std::string out = "Status: " + std::to_string(status_) + " " +
                    ReasonPhrase(status_) + "\r\n";
  bool has_cache_control = false;
  for (const auto& header : headers_) {
    if (strcasecmp(header.first.c_str(), "Cache-Control") == 0) {
      has_cache_control = true;
    }
    out += header.first + ": " + header.second + "\r\n";
  }
  // Every dynamic page is personal or part of a flow: never cache it.
  if (!has_cache_control) out += "Cache-Control: no-store\r\n";
  for (const auto& header : kSecurityHeaders) {
    out += std::string(header[0]) + ": " + header[1] + "\r\n";
  }
  for (const auto& c : cookies_) {
    out += "Set-Cookie: " + ServedCookieName(c.name, secure_flag) + "=" +
           c.value + "; Path=" + ServedCookiePath(c.path, secure_flag);
    if (c.max_age >= 0) out += "; Max-Age=" + std::to_string(c.max_age);
    out += c.lax ? "; HttpOnly; SameSite=Lax" : "; HttpOnly; SameSite=Strict";
    if (secure_flag) out += "; Secure";
    out += "\r\n";
  }
  if (Header("Content-Type").empty() && !body_.empty()) {
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
  }
  out += "\r\n";
  out += body_;
  return out;
}

}  // namespace passwd
