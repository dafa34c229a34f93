#include "web/request.h"

#include "base/paths.h"
#include "base/text.h"

#include <cstdlib>

namespace passwd {
namespace {

std::string Param(const RawRequest& raw, const char* name) {
  auto it = raw.params.find(name);
  return it == raw.params.end() ? "" : it->second;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status PercentDecode(const std::string& in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) {
        return Status::InvalidInput("truncated percent escape");
      }
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return Status::InvalidInput("bad percent escape");
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return Status::Ok();
}

}  // namespace

Status ParseUrlEncoded(const std::string& text,
                       std::map<std::string, std::string>* out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string::npos) amp = text.size();
    std::string pair = text.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) {
      if (amp == text.size()) break;
      continue;
    }
    size_t eq = pair.find('=');
    std::string name, value;
    Status s = PercentDecode(pair.substr(0, eq), &name);
    if (s.ok() && eq != std::string::npos) {
      s = PercentDecode(pair.substr(eq + 1), &value);
    }
    if (!s.ok()) return s;
    if (!IsValidUtf8Text(name) || !IsValidUtf8Text(value)) {
      return Status::InvalidInput("field is not valid UTF-8 text");
    }
    out->emplace(std::move(name), std::move(value));
  }
  return Status::Ok();
}

Status ParseCookieHeader(const std::string& header, bool secure_cookies,
                         std::map<std::string, std::string>* out) {
  out->clear();
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    if (semi == std::string::npos) semi = header.size();
    std::string pair = Trim(header.substr(pos, semi - pos));
    pos = semi + 1;
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    std::string name = pair.substr(0, eq);
    std::string value = pair.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!IsValidUtf8Text(name) || !IsValidUtf8Text(value)) continue;
    if (!out->emplace(name, std::move(value)).second) {
      for (const char* site_cookie : kSiteCookies) {
        if (name == ServedCookieName(site_cookie, secure_cookies)) {
          return Status::InvalidInput("cookie " + name + " sent twice");
        }
      }
    }
  }
  return Status::Ok();
}

Status Request::Parse(const RawRequest& raw, long max_body_bytes,
                      bool secure_cookies, Request* out) {
  out->method_ = Param(raw, "REQUEST_METHOD");
  out->client_address_ = Param(raw, "REMOTE_ADDR");
  out->request_id_ = Param(raw, "REQUEST_ID");
  out->https_ = Param(raw, "HTTPS") == "on";
  std::string uri = Param(raw, "DOCUMENT_URI");
  if (uri.empty()) uri = Param(raw, "SCRIPT_NAME");
  out->path_ = uri;
  out->secure_cookies_ = secure_cookies;
  out->lang_ = LangFromAcceptLanguage(Param(raw, "HTTP_ACCEPT_LANGUAGE"));
  Status s = ParseCookieHeader(Param(raw, "HTTP_COOKIE"), secure_cookies,
                               &out->cookies_);
  ParseLang(out->Cookie(kLangCookie), &out->lang_);
  if (!s.ok()) return s;

  s = ParseUrlEncoded(Param(raw, "QUERY_STRING"), &out->query_);
  if (!s.ok()) return s;

  long length = 0;
  std::string length_text = Param(raw, "CONTENT_LENGTH");
  if (!length_text.empty()) {
    char* end = nullptr;
    length = std::strtol(length_text.c_str(), &end, 10);
    if (*end != '\0' || length < 0) {
      return Status::InvalidInput("bad Content-Length");
    }
  }
  if (raw.body_truncated || length > max_body_bytes ||
      static_cast<long>(raw.body.size()) > max_body_bytes) {
    return Status::TooLarge("request body over " +
                            std::to_string(max_body_bytes) + " bytes");
  }
  if (out->method_ == "POST") {
    std::string type = Param(raw, "CONTENT_TYPE");
    std::string base = type.substr(0, type.find(';'));
    if (!raw.body.empty() &&
        Trim(base) != "application/x-www-form-urlencoded") {
      return Status::InvalidInput("unsupported content type");
    }
    s = ParseUrlEncoded(raw.body, &out->form_);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::string Request::Query(const std::string& name) const {
  auto it = query_.find(name);
  return it == query_.end() ? "" : it->second;
}

std::string Request::Form(const std::string& name) const {
  auto it = form_.find(name);
  return it == form_.end() ? "" : it->second;
}

bool Request::HasForm(const std::string& name) const {
  return form_.count(name) > 0;
}

std::string Request::Cookie(const std::string& name) const {
  auto it = cookies_.find(ServedCookieName(name, secure_cookies_));
  return it == cookies_.end() ? "" : it->second;
}

}  // namespace passwd
