#include "mail/mail_message.h"

#include <glib.h>
#include <gmime/gmime.h>

#include <cstdint>
#include <memory>
#include <mutex>

#include "base/text.h"

namespace passwd {
namespace {

// Longest Message-ID left side accepted.
constexpr size_t kMaxMessageIdRandomLength = 64;
// RFC 2047 caps an encoded-word at 75 characters and RFC 5322 asks for lines
// of at most 78: 42 bytes of UTF-8 make a 68-character 'B' word that fits
// after "Subject: ", 45 bytes a 72-character one that fits after "From: "
// (so a display name of up to 15 Japanese characters stays one word, which
// some readers' address parsers handle better than several).
constexpr size_t kSubjectWordMaxBytes = 42;
constexpr size_t kDisplayNameWordMaxBytes = 45;
// Longest ASCII Subject or display name written without encoded-words: with
// "Subject: " or "From: " and an address it stays within 78 characters, so
// GMime never folds it.
constexpr size_t kPlainHeaderTextMaxBytes = 40;
// The Date header shows Japan Standard Time, which has no daylight saving.
constexpr int kJstOffsetSeconds = 9 * 60 * 60;

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

struct GDateTimeUnref {
  void operator()(GDateTime* date) const { g_date_time_unref(date); }
};
struct GTimeZoneUnref {
  void operator()(GTimeZone* zone) const { g_time_zone_unref(zone); }
};
struct FormatOptionsFree {
  void operator()(GMimeFormatOptions* options) const {
    g_mime_format_options_free(options);
  }
};

// g_mime_init must precede every other GMime call and is not safe to race;
// the process keeps GMime for its whole life, so g_mime_shutdown never runs.
void EnsureGMimeInitialized() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

bool IsMessageIdRandom(const std::string& random) {
  if (random.empty() || random.size() > kMaxMessageIdRandomLength) {
    return false;
  }
  if (random.front() == '.' || random.back() == '.') return false;
  if (random.find("..") != std::string::npos) return false;
  for (char c : random) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '-' && c != '_') return false;
  }
  return true;
}

// Checks that text is UTF-8 of at most max_bytes with no control character
// (C0, DEL, C1); a body may also hold tabs and line breaks.
Status ValidateText(const std::string& text, const char* field,
                    size_t max_bytes, bool multiline) {
  if (text.size() > max_bytes) {
    return Status::InvalidInput(std::string(field) + " is too long");
  }
  // With an explicit length g_utf8_validate also refuses embedded NULs.
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()),
                       nullptr)) {
    return Status::InvalidInput(std::string(field) + " is not valid UTF-8");
  }
  const char* end = text.data() + text.size();
  for (const char* p = text.data(); p < end; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    bool allowed_break = multiline && (c == '\t' || c == '\r' || c == '\n');
    bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control && !allowed_break) {
      return Status::InvalidInput(std::string(field) +
                                  " holds a control character");
    }
  }
  return Status::Ok();
}

bool IsAscii(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Appends one RFC 2047 encoded-word for the UTF-8 bytes [start, stop).
void AppendEncodedWord(const char* start, const char* stop, char encoding,
                       std::string* raw) {
  *raw += raw->empty() ? " " : "\n ";
  *raw += "=?UTF-8?";
  *raw += encoding;
  *raw += '?';
  if (encoding == 'B') {
    GCharPtr base64(g_base64_encode(reinterpret_cast<const guchar*>(start),
                                    static_cast<gsize>(stop - start)));
    *raw += base64.get();
  } else {
    // Letters and digits stand for themselves in a 'Q' word anywhere, even
    // in a phrase; every other byte is written as =XX.
    static const char kHex[] = "0123456789ABCDEF";
    for (const char* p = start; p < stop; ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      if (IsAsciiAlnum(*p)) {
        *raw += *p;
      } else {
        *raw += '=';
        *raw += kHex[c >> 4];
        *raw += kHex[c & 0xf];
      }
    }
  }
  *raw += "?=";
}

// Returns text (valid UTF-8) as a folded run of RFC 2047 encoded-words in
// GMime's raw header value form (leading space, "\n " between words). Each
// word holds whole characters, at most max_bytes of them (see above); GMime's
// own encoder puts up to 38 characters in one word, 160 characters for
// Japanese. Decoders such as GMime's join the base64 of adjacent 'B' words
// before decoding it, so a 'B' word followed by another must not end in '='
// padding, i.e. must carry a multiple of 3 bytes; when it cannot (or only by
// dropping more than a character), the next character goes alone in a 'Q'
// word, which ends the run.
std::string EncodeWords(const std::string& text, size_t max_bytes) {
  std::string raw;
  const char* const end = text.data() + text.size();
  const char* start = text.data();
  while (start < end) {
    const char* longest = start;
    const char* aligned = start;
    for (const char* p = start; p < end;) {
      const char* next = g_utf8_next_char(p);
      if (static_cast<size_t>(next - start) > max_bytes) break;
      p = next;
      longest = p;
      if ((p - start) % 3 == 0) aligned = p;
    }
    if (longest == end) {
      AppendEncodedWord(start, end, 'B', &raw);
      break;
    }
    if (aligned > start && longest - aligned <= 4) {
      AppendEncodedWord(start, aligned, 'B', &raw);
      start = aligned;
      continue;
    }
    AppendEncodedWord(start, longest, 'B', &raw);
    const char* next = g_utf8_next_char(longest);
    AppendEncodedWord(longest, next, 'Q', &raw);
    start = next;
  }
  return raw;
}

// True when GMime must not write text as it is: it is not ASCII; or it holds
// "=?", which a reader would take for the start of an encoded-word; or its
// spaces would not survive: GMime folds a long header at a space into a line
// break and a tab (a display name then reads back with them), and a reader
// drops spaces at the ends and may collapse runs. Encoded-words carry every
// byte, so such text is encoded even when it is ASCII.
bool NeedsEncodedWords(const std::string& text) {
  if (!IsAscii(text) || text.find("=?") != std::string::npos) return true;
  if (text.size() > kPlainHeaderTextMaxBytes) return true;
  if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) {
    return true;
  }
  return text.find("  ") != std::string::npos;
}

// Replaces the folded raw value of the named header with raw_value (GMime
// form, see EncodeWords); GMime re-parses it, so its view stays in step.
Status SetRawHeader(GMimeObject* object, const char* name,
                    const std::string& raw_value) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  GMimeHeader* header = g_mime_header_list_get_header(headers, name);
  if (header == nullptr) {
    return Status::Internal(std::string("GMime lost the ") + name + " header");
  }
  g_mime_header_set_raw_value(header, (raw_value + "\n").c_str());
  return Status::Ok();
}

// Returns body with every line ending (CRLF, CR or LF) made CRLF, the
// canonical form of text that base64 must carry, ending in a line break.
std::string CanonicalLineEndings(const std::string& body) {
  std::string out;
  out.reserve(body.size() + body.size() / 16 + 2);
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\r') {
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out;
}

Status ValidateMessage(const MailMessage& message) {
  Status s = ValidateMailAddress(message.from_address);
  if (!s.ok()) return Status::InvalidInput("From: " + s.message());
  s = ValidateMailAddress(message.to_address);
  if (!s.ok()) return Status::InvalidInput("To: " + s.message());
  s = ValidateText(message.from_display_name, "display name",
                   kMaxMailDisplayNameBytes, /*multiline=*/false);
  if (!s.ok()) return s;
  if (message.subject.empty()) {
    return Status::InvalidInput("subject is empty");
  }
  s = ValidateText(message.subject, "subject", kMaxMailSubjectBytes,
                   /*multiline=*/false);
  if (!s.ok()) return s;
  s = ValidateText(message.body, "body", kMaxMailBodyBytes,
                   /*multiline=*/true);
  if (!s.ok()) return s;
  if (!IsMailHostName(message.message_id_domain)) {
    return Status::InvalidInput("Message-ID domain is not a host name");
  }
  if (!IsMessageIdRandom(message.message_id_random)) {
    return Status::InvalidInput("Message-ID left side is malformed");
  }
  return Status::Ok();
}

// The address as a header writes it: a validated address holds only atext
// and dots, but its local part may have dots at its ends or two in a row
// (old Japanese mobile addresses, domain/mail_address), which is no RFC 5322
// dot-atom and which readers such as GMime cannot parse; such a local part
// is written as a quoted string, "taro..yamada."@example.jp. The SMTP
// envelope keeps the address as it is.
std::string HeaderAddress(const std::string& address) {
  const size_t at = address.rfind('@');
  const std::string local = address.substr(0, at);
  const bool dot_atom = !local.empty() && local.front() != '.' &&
                        local.back() != '.' &&
                        local.find("..") == std::string::npos;
  if (dot_atom) return address;
  return "\"" + local + "\"" + address.substr(at);
}

// Adds a From or To mailbox, and writes its header value itself: GMime
// would write an IDNA domain ("xn--...") in Unicode, raw UTF-8 in a header,
// so the address goes in exactly as the envelope has it (HeaderAddress). A
// display name that NeedsEncodedWords is encoded by EncodeWords, any other
// goes in as a quoted string.
Status AddMailbox(GMimeMessage* message, GMimeAddressType type,
                  const char* header_name, const std::string& display_name,
                  const std::string& envelope_address) {
  const std::string address = HeaderAddress(envelope_address);
  GObjectPtr<InternetAddress> mailbox(internet_address_mailbox_new(
      display_name.empty() ? nullptr : display_name.c_str(), address.c_str()));
  internet_address_set_charset(mailbox.get(), "UTF-8");
  internet_address_list_add(g_mime_message_get_addresses(message, type),
                            mailbox.get());
  std::string raw;
  if (display_name.empty()) {
    raw = " " + address;
  } else if (NeedsEncodedWords(display_name)) {
    raw = EncodeWords(display_name, kDisplayNameWordMaxBytes) + "\n <" +
          address + ">";
  } else {
    raw = " \"";
    for (char c : display_name) {
      if (c == '"' || c == '\\') raw += '\\';
      raw += c;
    }
    raw += "\"\n <" + address + ">";
  }
  return SetRawHeader(GMIME_OBJECT(message), header_name, raw);
}

Status SetDate(GMimeMessage* message,
               std::chrono::system_clock::time_point date) {
  int64_t seconds =
      std::chrono::floor<std::chrono::seconds>(date.time_since_epoch()).count();
  std::unique_ptr<GDateTime, GDateTimeUnref> utc(
      g_date_time_new_from_unix_utc(seconds));
  if (utc == nullptr) return Status::InvalidInput("date is out of range");
  std::unique_ptr<GTimeZone, GTimeZoneUnref> jst(
      g_time_zone_new_offset(kJstOffsetSeconds));
  std::unique_ptr<GDateTime, GDateTimeUnref> local(
      g_date_time_to_timezone(utc.get(), jst.get()));
  if (local == nullptr) return Status::InvalidInput("date is out of range");
  g_mime_message_set_date(message, local.get());
  return Status::Ok();
}

GObjectPtr<GMimePart> MakeBodyPart(const std::string& body) {
  std::string canonical = CanonicalLineEndings(body);
  GObjectPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(canonical.data(), canonical.size()));
  GObjectPtr<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(
      stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  GObjectPtr<GMimePart> part(
      GMIME_PART(g_mime_text_part_new_with_subtype("plain")));
  g_mime_part_set_content(part.get(), content.get());
  // The charset is stated, never guessed: GMime's guess for Japanese text
  // could pick ISO-2022-JP and transcode the body.
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset",
                                           "UTF-8");
  g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

}  // namespace

Status ComposeMail(const MailMessage& message, std::string* rfc5322) {
  Status s = ValidateMessage(message);
  if (!s.ok()) return s;
  EnsureGMimeInitialized();

  GObjectPtr<GMimeMessage> mime(g_mime_message_new(/*pretty_headers=*/TRUE));
  s = AddMailbox(mime.get(), GMIME_ADDRESS_TYPE_FROM, "From",
                 message.from_display_name, message.from_address);
  if (!s.ok()) return s;
  s = AddMailbox(mime.get(), GMIME_ADDRESS_TYPE_TO, "To", "",
                 message.to_address);
  if (!s.ok()) return s;
  g_mime_message_set_subject(mime.get(), message.subject.c_str(), "UTF-8");
  if (NeedsEncodedWords(message.subject)) {
    s = SetRawHeader(GMIME_OBJECT(mime.get()), "Subject",
                     EncodeWords(message.subject, kSubjectWordMaxBytes));
    if (!s.ok()) return s;
  }
  s = SetDate(mime.get(), message.date);
  if (!s.ok()) return s;
  std::string message_id =
      message.message_id_random + "@" + message.message_id_domain;
  g_mime_message_set_message_id(mime.get(), message_id.c_str());
  // RFC 3834: tells auto-responders (vacation replies) not to answer.
  g_mime_object_set_header(GMIME_OBJECT(mime.get()), "Auto-Submitted",
                           "auto-generated", nullptr);

  GObjectPtr<GMimePart> body = MakeBodyPart(message.body);
  g_mime_message_set_mime_part(mime.get(), GMIME_OBJECT(body.get()));

  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> options(
      g_mime_format_options_new());
  g_mime_format_options_set_newline_format(options.get(),
                                           GMIME_NEWLINE_FORMAT_DOS);
  GCharPtr text(
      g_mime_object_to_string(GMIME_OBJECT(mime.get()), options.get()));
  if (text == nullptr) return Status::Internal("GMime could not write mail");
  rfc5322->assign(text.get());
  return Status::Ok();
}

}  // namespace passwd
