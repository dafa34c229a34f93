// Mail composition with user-supplied fields (mail/mail_message,
// mail/mail_texts): the composed mail, parsed back with GMime, has the same
// From, To, Subject, Message-ID and body. The first byte picks the mode:
// - even: a MailMessage from the input's NUL-separated fields display name,
//   subject, body, To address, From address, Message-ID left side and
//   domain; when ComposeMail accepts them, they read back the same;
// - odd: the service's own mails (the access-code and the completion mail)
//   with the input's recipient, UMIN ID and not-me link, composed the way
//   the outbox composes them; a valid recipient and printable ASCII ID and
//   link always compose, and the ID and link appear in the body.
#include <gmime/gmime.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/config.h"
#include "domain/mail_address.h"
#include "fuzz_support.h"
#include "mail/mail_message.h"
#include "mail/mail_texts.h"
#include "mail/outbox.h"

namespace {

struct Parsed {
  std::string from_name, from_address, to_address, subject, message_id, body;
  int from_count = 0, to_count = 0;
};

std::string Str(const char* s) { return s == nullptr ? "" : s; }

// One mailbox of an address list, or empty strings.
void Mailbox(InternetAddressList* list, int* count, std::string* name,
             std::string* address) {
  *count = list == nullptr ? 0 : internet_address_list_length(list);
  if (*count < 1) return;
  InternetAddress* first = internet_address_list_get_address(list, 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(first)) return;
  *name = Str(internet_address_get_name(first));
  *address =
      Str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(first)));
}

bool ParseBack(const std::string& rfc5322, Parsed* out) {
  GMimeStream* stream =
      g_mime_stream_mem_new_with_buffer(rfc5322.data(), rfc5322.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  g_object_unref(stream);
  if (message == nullptr) return false;
  std::string unused;
  Mailbox(g_mime_message_get_from(message), &out->from_count, &out->from_name,
          &out->from_address);
  Mailbox(g_mime_message_get_to(message), &out->to_count, &unused,
          &out->to_address);
  out->subject = Str(g_mime_message_get_subject(message));
  out->message_id = Str(g_mime_message_get_message_id(message));
  GMimeObject* body = g_mime_message_get_body(message);
  bool ok = body != nullptr && GMIME_IS_TEXT_PART(body);
  if (ok) {
    char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(body));
    out->body = Str(text);
    g_free(text);
  }
  g_object_unref(message);
  return ok;
}

// The address without the quotes of a quoted local part ("a..b"@c.jp, the
// header form of a local part that is no dot-atom), its domain in ASCII and
// lower case (GMime reads an IDNA domain into Unicode).
std::string Unquoted(const std::string& address) {
  std::string out = address;
  const size_t close = address.rfind("\"@");
  if (!address.empty() && address[0] == '"' && close != std::string::npos) {
    out = address.substr(1, close - 1) + address.substr(close + 1);
  }
  const size_t at = out.rfind('@');
  if (at == std::string::npos) return out;
  char* ascii = g_hostname_to_ascii(out.c_str() + at + 1);
  std::string domain = Str(ascii);
  g_free(ascii);
  for (char& c : domain) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out.substr(0, at + 1) + domain;
}

std::string TrimSpaces(const std::string& s) {
  const size_t begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

// Every line ending made CRLF, a final one added: what the body carries.
std::string Crlf(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') {
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (body[i] == '\n') {
      out += "\r\n";
    } else {
      out += body[i];
    }
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out;
}

void CheckRoundTrip(const passwd::MailMessage& message) {
  std::string rfc5322;
  if (!passwd::ComposeMail(message, &rfc5322).ok()) return;
  Parsed parsed;
  FUZZ_CHECK(ParseBack(rfc5322, &parsed));
  if (std::getenv("FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr,
                 "--- composed:\n%s--- read back: name [%s] from [%s] "
                 "to [%s] subject [%s] id [%s]\n",
                 rfc5322.c_str(), parsed.from_name.c_str(),
                 parsed.from_address.c_str(), parsed.to_address.c_str(),
                 parsed.subject.c_str(), parsed.message_id.c_str());
  }
  FUZZ_CHECK(parsed.from_count == 1);
  FUZZ_CHECK(parsed.to_count == 1);
  // A reader's address parser (GMime's) drops spaces at the ends of a
  // display name even inside an encoded-word; all else reads back the same.
  FUZZ_CHECK(parsed.from_name == TrimSpaces(message.from_display_name));
  FUZZ_CHECK(Unquoted(parsed.from_address) == Unquoted(message.from_address));
  FUZZ_CHECK(Unquoted(parsed.to_address) == Unquoted(message.to_address));
  FUZZ_CHECK(parsed.subject == message.subject);
  FUZZ_CHECK(parsed.message_id ==
             message.message_id_random + "@" + message.message_id_domain);
  FUZZ_CHECK(parsed.body == Crlf(message.body));
  // Every line of the mail is short enough for SMTP (RFC 5322: 998).
  size_t line = 0;
  for (char c : rfc5322) {
    line = c == '\n' ? 0 : line + 1;
    FUZZ_CHECK(line <= 998);
  }
}

bool PrintableAscii(const std::string& s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  if (size == 0) return 0;
  const auto date =
      std::chrono::system_clock::time_point(std::chrono::seconds(1796000000));

  if ((data[0] & 1) == 0) {
    std::vector<std::string> f = passwd_fuzz::Fields(data + 1, size - 1, 7);
    MailMessage message;
    message.from_display_name = f[0];
    message.subject = f[1];
    message.body = f[2];
    message.to_address = f[3].empty() ? "user@example.org" : f[3];
    message.from_address = f[4].empty() ? "passwd-noreply@umin.ac.jp" : f[4];
    message.message_id_random = f[5].empty() ? "0123abcd" : f[5];
    message.message_id_domain = f[6].empty() ? "umin.ac.jp" : f[6];
    message.date = date;
    CheckRoundTrip(message);
    return 0;
  }

  std::vector<std::string> f = passwd_fuzz::Fields(data + 1, size - 1, 3);
  const std::string& recipient = f[0];
  const std::string& umin_id = f[1];
  const std::string& not_me_url = f[2];
  const Config config;
  const OutboxMail mails[] = {
      AccessCodeMail(config, recipient, "0123456789", date, not_me_url),
      PasswordChangedMail(config, recipient, umin_id, not_me_url)};
  for (const OutboxMail& mail : mails) {
    MailMessage message;
    message.from_address = config.mail_from_address;
    message.from_display_name = config.mail_from_name;
    message.to_address = mail.recipient;
    message.subject = mail.subject;
    message.body = mail.body;
    message.date = date;
    message.message_id_domain = "umin.ac.jp";
    message.message_id_random = "00112233445566778899aabbccddeeff";
    std::string rfc5322;
    const Status status = ComposeMail(message, &rfc5322);
    if (ValidateMailAddress(recipient).ok() && PrintableAscii(umin_id) &&
        PrintableAscii(not_me_url)) {
      FUZZ_CHECK(status.ok());
      FUZZ_CHECK(mail.body.find(not_me_url) != std::string::npos);
      if (mail.kind == "password_changed") {
        FUZZ_CHECK(mail.body.find(umin_id) != std::string::npos);
      }
    }
    CheckRoundTrip(message);
  }
  return 0;
}
