#include "mail/smtp_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "mail/mail_message.h"

namespace passwd {
namespace {

constexpr long kDefaultTimeoutSeconds = 30;

struct CurlEasyCleanup {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct CurlSlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// curl_global_init must run once before any other libcurl call; a static's
// initialiser runs exactly once even when threads race to it.
CURLcode InitializeCurlOnce() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

// The message being uploaded and how much of it libcurl has taken.
struct Upload {
  const std::string* message;
  size_t offset;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user_data) {
  Upload* upload = static_cast<Upload*>(user_data);
  size_t n = std::min(size * count, upload->message->size() - upload->offset);
  std::memcpy(buffer, upload->message->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Sets every option; CURLOPT_* setters fail only for a libcurl built without
// a feature or out of memory, which makes the settings unusable here.
CURLcode Configure(CURL* curl, const SmtpSettings& settings,
                   const std::string& mail_from, curl_slist* recipients,
                   Upload* upload, char* error_buffer) {
  long timeout = settings.timeout_seconds >= 1 ? settings.timeout_seconds
                                               : kDefaultTimeoutSeconds;
  CURLcode c = CURLE_OK;
  auto set = [&c](CURLcode result) {
    if (c == CURLE_OK) c = result;
  };
  set(curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer));
  set(curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str()));
  // A URL from configuration still must not reach anything but SMTP.
  set(curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps"));
  // Signals would disturb a FastCGI process or the sender's worker loop.
  set(curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout));
  set(curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout));
  if (settings.starttls) {
    set(curl_easy_setopt(curl, CURLOPT_USE_SSL,
                         static_cast<long>(CURLUSESSL_ALL)));
  }
  if (!settings.username.empty() || !settings.password.empty()) {
    set(curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str()));
    set(curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str()));
  }
  set(curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str()));
  set(curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients));
  set(curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L));
  set(curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMessage));
  set(curl_easy_setopt(curl, CURLOPT_READDATA, upload));
  set(curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                       static_cast<curl_off_t>(upload->message->size())));
  return c;
}

bool IsSettingsError(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_UNKNOWN_OPTION:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_FAILED_INIT:
      return true;
    default:
      return false;
  }
}

// Names the failure for logs: libcurl's own text and the last SMTP reply
// code, never a URL (it may hold credentials) nor any message text.
std::string Describe(CURLcode code, const char* error_buffer, long reply) {
  std::string text = "SMTP: ";
  text += error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  text += " (curl " + std::to_string(static_cast<int>(code));
  if (reply != 0) text += ", reply " + std::to_string(reply);
  text += ")";
  return text;
}

}  // namespace

Status SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                const std::string& recipient, const std::string& rfc5322) {
  Status s = ValidateMailAddress(envelope_from);
  if (!s.ok()) return Status::InvalidInput("envelope sender: " + s.message());
  s = ValidateMailAddress(recipient);
  if (!s.ok()) return Status::InvalidInput("recipient: " + s.message());
  if (rfc5322.empty()) return Status::InvalidInput("message is empty");

  CURLcode init = InitializeCurlOnce();
  if (init != CURLE_OK) {
    return Status::Internal(std::string("curl_global_init failed: ") +
                            curl_easy_strerror(init));
  }
  std::unique_ptr<CURL, CurlEasyCleanup> curl(curl_easy_init());
  if (curl == nullptr) return Status::Internal("curl_easy_init failed");

  std::unique_ptr<curl_slist, CurlSlistFree> recipients(
      curl_slist_append(nullptr, ("<" + recipient + ">").c_str()));
  if (recipients == nullptr) return Status::Internal("out of memory");
  std::string mail_from = "<" + envelope_from + ">";
  Upload upload{&rfc5322, 0};
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURLcode code = Configure(curl.get(), settings, mail_from, recipients.get(),
                            &upload, error_buffer);
  if (code != CURLE_OK) {
    return Status::Internal(Describe(code, error_buffer, 0));
  }

  code = curl_easy_perform(curl.get());
  if (code == CURLE_OK) return Status::Ok();

  long reply = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply);
  curl_off_t uploaded = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_SIZE_UPLOAD_T, &uploaded);
  std::string description = Describe(code, error_buffer, reply);
  if (IsSettingsError(code)) return Status::Internal(description);
  // libcurl reports a refused MAIL FROM, RCPT TO or DATA as a send error,
  // and a refused message (after its final ".") as a weird reply once the
  // upload is done. A 5xx anywhere else (the greeting, HELO, AUTH) is about
  // the server or our account with it, not this mail: retry it later.
  bool permanent = reply >= 500 && reply <= 599 &&
                   (code == CURLE_SEND_ERROR ||
                    (code == CURLE_WEIRD_SERVER_REPLY && uploaded > 0));
  if (permanent) return Status::InvalidInput(description);
  return Status::Unavailable(description);
}

}  // namespace passwd
