#include "mail/mail_message.h"

#include <gmime/gmime.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace passwd {
namespace {

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};

// 2021/01/19 07:16:45 UTC, the seed's expiry example less nine hours.
constexpr int64_t kSeedTime = 1611040605;

MailMessage AccessCodeMail() {
  MailMessage m;
  m.from_address = "noreply@umin.ac.jp";
  m.from_display_name = "UMIN パスワード更新";
  m.to_address = "taro-yamada@example.ac.jp";
  m.subject = "【UMIN】アクセスコードのお知らせ";
  m.body =
      "下記アクセスコードを入力し、パスワード更新(再設定)をしてください。\n"
      "\n"
      "有効期限 2021/01/19 16:16:45\n"
      "\n"
      "アクセスコード\n"
      "6780703530\n"
      "\n"
      "このメールはUMIN "
      "IDのパスワード更新を行うためのアクセスコード通知です。"
      "本メールにお当たりが無い場合は、破棄してください。\n";
  m.date = std::chrono::system_clock::from_time_t(kSeedTime);
  m.message_id_domain = "umin.ac.jp";
  m.message_id_random = "3f2a9c0d1e4b5a6978877665544332211";
  return m;
}

// What a mail reader (GMime's parser) makes of a composed mail.
struct ParsedMail {
  std::string from_name;
  std::string from_address;
  std::string to_address;
  int to_count = 0;
  std::string subject;
  int64_t unix_time = 0;
  int64_t utc_offset_seconds = 0;
  std::string message_id;
  std::string mime_version;
  std::string mime_type;
  std::string charset;
  GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_DEFAULT;
  std::string body;
  bool has_bcc = false;
};

std::string OrEmpty(const char* text) { return text == nullptr ? "" : text; }

// Parses raw (as ComposeMail wrote it) back into its decoded fields.
bool ParseMail(const std::string& raw, ParsedMail* out) {
  GObjectPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GObjectPtr<GMimeMessage> message(
      g_mime_parser_construct_message(parser.get(), nullptr));
  if (message == nullptr) return false;

  InternetAddressList* from = g_mime_message_get_from(message.get());
  if (internet_address_list_length(from) != 1) return false;
  InternetAddress* sender = internet_address_list_get_address(from, 0);
  out->from_name = OrEmpty(internet_address_get_name(sender));
  out->from_address = OrEmpty(
      internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(sender)));
  InternetAddressList* to =
      g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_TO);
  out->to_count = internet_address_list_length(to);
  if (out->to_count > 0) {
    out->to_address = OrEmpty(internet_address_mailbox_get_addr(
        INTERNET_ADDRESS_MAILBOX(internet_address_list_get_address(to, 0))));
  }
  out->has_bcc =
      g_mime_object_get_header(GMIME_OBJECT(message.get()), "Bcc") != nullptr;
  out->subject = OrEmpty(g_mime_message_get_subject(message.get()));
  GDateTime* date = g_mime_message_get_date(message.get());
  if (date == nullptr) return false;
  out->unix_time = g_date_time_to_unix(date);
  out->utc_offset_seconds =
      g_date_time_get_utc_offset(date) / G_TIME_SPAN_SECOND;
  out->message_id = OrEmpty(g_mime_message_get_message_id(message.get()));
  out->mime_version = OrEmpty(
      g_mime_object_get_header(GMIME_OBJECT(message.get()), "MIME-Version"));

  GMimeObject* part = g_mime_message_get_mime_part(message.get());
  if (part == nullptr || !GMIME_IS_TEXT_PART(part)) return false;
  GMimeContentType* type = g_mime_object_get_content_type(part);
  std::unique_ptr<char, GFree> mime_type(
      g_mime_content_type_get_mime_type(type));
  out->mime_type = OrEmpty(mime_type.get());
  out->charset = OrEmpty(g_mime_content_type_get_parameter(type, "charset"));
  out->encoding = g_mime_part_get_content_encoding(GMIME_PART(part));
  std::unique_ptr<char, GFree> text(
      g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
  out->body = OrEmpty(text.get());
  return true;
}

std::string WithCrlf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

// Returns every RFC 2047 encoded-word ("=?charset?X?text?=") in header.
std::vector<std::string> EncodedWords(const std::string& header) {
  std::vector<std::string> words;
  size_t start = 0;
  while ((start = header.find("=?", start)) != std::string::npos) {
    size_t charset_end = header.find('?', start + 2);
    if (charset_end == std::string::npos) break;
    size_t close = header.find("?=", charset_end + 3);
    if (close == std::string::npos) break;
    words.push_back(header.substr(start, close + 2 - start));
    start = close + 2;
  }
  return words;
}

BOOST_AUTO_TEST_SUITE(MailMessageTest)

BOOST_AUTO_TEST_CASE(JapaneseMailRoundTripsThroughGMime) {
  MailMessage m = AccessCodeMail();
  std::string raw;
  Status s = ComposeMail(m, &raw);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());

  ParsedMail parsed;
  BOOST_TEST_REQUIRE(ParseMail(raw, &parsed));
  BOOST_TEST(parsed.from_name == m.from_display_name);
  BOOST_TEST(parsed.from_address == m.from_address);
  BOOST_TEST(parsed.to_count == 1);
  BOOST_TEST(parsed.to_address == m.to_address);
  BOOST_TEST(!parsed.has_bcc);
  BOOST_TEST(parsed.subject == m.subject);
  BOOST_TEST(parsed.unix_time == kSeedTime);
  BOOST_TEST(parsed.utc_offset_seconds == 9 * 3600);
  BOOST_TEST(parsed.message_id ==
             m.message_id_random + "@" + m.message_id_domain);
  BOOST_TEST(parsed.mime_version == "1.0");
  BOOST_TEST(parsed.mime_type == "text/plain");
  BOOST_TEST(parsed.charset == "UTF-8");
  BOOST_TEST(parsed.encoding == GMIME_CONTENT_ENCODING_BASE64);
  BOOST_TEST(parsed.body == WithCrlf(m.body));
}

BOOST_AUTO_TEST_CASE(WireFormatIsSmtpSafe) {
  MailMessage m = AccessCodeMail();
  // Long enough that GMime alone would write one 160-character word.
  m.subject =
      "【UMIN】パスワード更新のためのアクセスコードのお知らせ"
      "（有効期限までにパスワードを更新してください）";
  m.from_display_name =
      "大学病院医療情報ネットワーク パスワード更新受付（自動送信）";
  std::string raw;
  Status s = ComposeMail(m, &raw);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());

  // Only ASCII, every line ends in CRLF, no line over RFC 5322's 78.
  size_t line_start = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    BOOST_TEST_REQUIRE(c < 0x80);
    BOOST_TEST_REQUIRE(c != '\0');
    if (c == '\r') {
      BOOST_TEST_REQUIRE((i + 1 < raw.size() && raw[i + 1] == '\n'));
    }
    if (c == '\n') {
      BOOST_TEST_REQUIRE((i > 0 && raw[i - 1] == '\r'));
      BOOST_TEST(i - 1 - line_start <= 78u, "line too long at " << i);
      line_start = i + 1;
    }
  }
  BOOST_TEST(raw.size() >= 2u);
  BOOST_TEST(raw.substr(raw.size() - 2) == "\r\n");

  // RFC 2047: no encoded-word over 75 characters.
  std::vector<std::string> words =
      EncodedWords(raw.substr(0, raw.find("\r\n\r\n")));
  BOOST_TEST(words.size() > 2u);
  for (const std::string& word : words) {
    BOOST_TEST(word.size() <= 75u, word);
  }

  // Each header line as it must appear, whole, somewhere in the header.
  std::string header = "\r\n" + raw.substr(0, raw.find("\r\n\r\n") + 2);
  for (const std::string& line : {
           std::string("Date: Tue, 19 Jan 2021 16:16:45 +0900"),
           std::string("To: taro-yamada@example.ac.jp"),
           "Message-Id: <" + m.message_id_random + "@umin.ac.jp>",
           std::string("MIME-Version: 1.0"),
           std::string("Content-Type: text/plain; charset=UTF-8"),
           std::string("Content-Transfer-Encoding: base64"),
       }) {
    BOOST_TEST(header.find("\r\n" + line + "\r\n") != std::string::npos, line);
  }
  BOOST_TEST(header.find("Bcc") == std::string::npos);

  ParsedMail parsed;
  BOOST_TEST_REQUIRE(ParseMail(raw, &parsed));
  BOOST_TEST(parsed.subject == m.subject);
  BOOST_TEST(parsed.from_name == m.from_display_name);
}

struct TextCase {
  const char* display_name;
  const char* subject;
};

BOOST_AUTO_TEST_CASE(HeaderTextRoundTrips) {
  const std::vector<TextCase> cases = {
      {"", "Access code"},
      {"UMIN", "【UMIN】パスワード更新完了のお知らせ"},
      {"UMIN \"Support\" (auto), <x>", "a: b; c, \"d\" =?UTF-8?B?QQ==?="},
      {"UMIN センター", "UMIN ID umin101-test のパスワードを更新しました"},
      {"é", "Ünïcödé ASCII-like subject"},
      {"あ", "あ"},
      {"😀 絵文字", "件名 😀 with emoji and   spaces"},
      // Byte counts that leave no 3-byte-aligned split among whole
      // characters (1 + 3n, 2 + 3n, 4 + 3n), across several words.
      {"a大学病院医療情報ネットワーク大学病院医療情報ネットワーク",
       "aアクセスコードのお知らせアクセスコードのお知らせアクセスコード"},
      {"éパスワード更新パスワード更新パスワード更新パスワード更新",
       "😀パスワード更新パスワード更新パスワード更新パスワード更新"},
      {"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "éééééééééééééééééééééééééééééééééé"},
  };
  for (const TextCase& c : cases) {
    MailMessage m = AccessCodeMail();
    m.from_display_name = c.display_name;
    m.subject = c.subject;
    std::string raw;
    Status s = ComposeMail(m, &raw);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
    ParsedMail parsed;
    BOOST_TEST_REQUIRE(ParseMail(raw, &parsed));
    BOOST_TEST(parsed.from_name == c.display_name);
    BOOST_TEST(parsed.from_address == m.from_address);
    BOOST_TEST(parsed.subject == c.subject);
  }
}

// Random mixes of 1- to 4-byte characters and spaces exercise every way
// the encoder can split text into words.
BOOST_AUTO_TEST_CASE(RandomHeaderTextRoundTrips) {
  const std::vector<std::string> alphabet = {
      "a", "Z", "7",  " ",  "_",  "=",  "?",  "\"", "(", "<",
      "é", "ß", "あ", "ン", "漢", "【", "）", "😀",  "𠮷"};
  std::mt19937 random(20210119);
  for (int round = 0; round < 300; ++round) {
    std::string subject;
    std::string display_name;
    size_t subject_chars = 1 + random() % 100;
    size_t name_chars = random() % 50;
    for (size_t i = 0; i < subject_chars; ++i) {
      subject += alphabet[random() % alphabet.size()];
    }
    for (size_t i = 0; i < name_chars; ++i) {
      display_name += alphabet[random() % alphabet.size()];
    }
    // Leading, trailing and doubled spaces do not survive any header
    // unfolding, so the generated text avoids them.
    auto tidy = [](std::string text) {
      std::string out;
      for (char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += c;
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out.empty() ? std::string("x") : out;
    };
    subject = tidy(subject);
    display_name = tidy(display_name);

    MailMessage m = AccessCodeMail();
    m.subject = subject;
    m.from_display_name = display_name;
    std::string raw;
    Status s = ComposeMail(m, &raw);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
    ParsedMail parsed;
    BOOST_TEST_REQUIRE(ParseMail(raw, &parsed));
    BOOST_TEST(parsed.subject == subject);
    BOOST_TEST(parsed.from_name == display_name);
    std::string header = raw.substr(0, raw.find("\r\n\r\n") + 2);
    size_t line_start = 0;
    for (size_t end = header.find("\r\n"); end != std::string::npos;
         end = header.find("\r\n", line_start)) {
      BOOST_TEST(end - line_start <= 78u, header.substr(line_start, end));
      line_start = end + 2;
    }
    for (const std::string& word : EncodedWords(header)) {
      BOOST_TEST(word.size() <= 75u, word);
    }
  }
}

BOOST_AUTO_TEST_CASE(BodyLineEndingsBecomeCrlf) {
  struct Case {
    std::string body;
    std::string decoded;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"一行", "一行\r\n"},
      {"a\nb\n", "a\r\nb\r\n"},
      {"a\r\nb", "a\r\nb\r\n"},
      {"a\rb\r\rc", "a\r\nb\r\n\r\nc\r\n"},
      {"tab\there\n.\nFrom x\n", "tab\there\r\n.\r\nFrom x\r\n"},
  };
  for (const Case& c : cases) {
    MailMessage m = AccessCodeMail();
    m.body = c.body;
    std::string raw;
    Status s = ComposeMail(m, &raw);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
    ParsedMail parsed;
    BOOST_TEST_REQUIRE(ParseMail(raw, &parsed));
    BOOST_TEST(parsed.body == c.decoded);
  }
}

// Found by tests/fuzz/mail_fuzz (corpus file "regress-dotted-local-part"):
// an address whose local part is no dot-atom (old Japanese mobile
// addresses) went into To as it is, which GMime and other readers cannot
// parse, so the mail arrived without a readable recipient. The header now
// quotes such a local part.
BOOST_AUTO_TEST_CASE(DottedLocalPartsAreQuotedInHeaders) {
  const std::vector<std::string> addresses = {
      "taro..yamada@docomo.ne.jp", "taro.@ezweb.ne.jp", ".taro@example.jp"};
  for (const std::string& address : addresses) {
    BOOST_TEST_CONTEXT(address) {
      MailMessage m = AccessCodeMail();
      m.to_address = address;
      m.from_address = address;
      std::string raw;
      BOOST_TEST(ComposeMail(m, &raw).ok());
      const std::string quoted =
          "\"" + address.substr(0, address.rfind('@')) + "\"" +
          address.substr(address.rfind('@'));
      BOOST_TEST(raw.find("To: " + quoted + "\r\n") != std::string::npos);
      BOOST_TEST(raw.find("<" + quoted + ">") != std::string::npos);
      ParsedMail parsed;
      BOOST_TEST(ParseMail(raw, &parsed));
      BOOST_TEST(parsed.to_count == 1);
      BOOST_TEST(parsed.to_address == quoted);
      BOOST_TEST(parsed.from_address == quoted);
    }
  }
  // A dot-atom stays unquoted.
  std::string raw;
  BOOST_TEST(ComposeMail(AccessCodeMail(), &raw).ok());
  BOOST_TEST(raw.find("To: taro-yamada@example.ac.jp\r\n") != std::string::npos);
}

// Found by tests/fuzz/mail_fuzz (corpus files "regress-idn-domain-in-unicode"
// and "regress-long-ascii-display-name"): GMime wrote an IDNA domain into To
// in Unicode, raw UTF-8, and folded a long ASCII display name at a space
// into a line break that read back as part of the name.
BOOST_AUTO_TEST_CASE(IdnDomainsStayAsciiInHeaders) {
  // GMime wrote b@example.⠕⠞ for the second (valid punycode, which GLib
  // reads back the same).
  for (const std::string address :
       {"taro@xn--wgv71a119e.jp", "b@example.xn--sjis"}) {
    BOOST_TEST_CONTEXT(address) {
      MailMessage m = AccessCodeMail();
      m.to_address = address;
      std::string raw;
      BOOST_TEST(ComposeMail(m, &raw).ok());
      BOOST_TEST(raw.find("To: " + address + "\r\n") != std::string::npos);
      bool ascii = true;
      for (unsigned char c : raw) ascii = ascii && c < 0x80;
      BOOST_TEST(ascii);
    }
  }
}

BOOST_AUTO_TEST_CASE(LongAndSpacedAsciiTextReadsBackTheSame) {
  const std::vector<std::string> texts = {
      "UMIN password renewal service of the University Hospital Network",
      "two  spaces", "trailing space ", "Quoted \"name\" with \\ backslash"};
  for (const std::string& text : texts) {
    BOOST_TEST_CONTEXT(text) {
      MailMessage m = AccessCodeMail();
      m.from_display_name = text;
      m.subject = text;
      std::string raw;
      BOOST_TEST(ComposeMail(m, &raw).ok());
      ParsedMail parsed;
      BOOST_TEST(ParseMail(raw, &parsed));
      BOOST_TEST(parsed.subject == text);
      // A reader drops spaces at the ends of a display name.
      const std::string trimmed = text.substr(0, text.find_last_not_of(' ') + 1);
      BOOST_TEST(parsed.from_name == trimmed);
    }
  }
}

BOOST_AUTO_TEST_CASE(RefusesInjectionAndBadFields) {
  struct Case {
    const char* name;
    void (*spoil)(MailMessage*);
  };
  const std::vector<Case> cases = {
      {"to CRLF Bcc",
       [](MailMessage* m) { m->to_address = "a@b.jp\r\nBcc: x@y.jp"; }},
      {"to brief's example",
       [](MailMessage* m) { m->to_address = "a@b\r\nBcc: x@y"; }},
      {"to LF", [](MailMessage* m) { m->to_address = "a@b.jp\nBcc: x@y.jp"; }},
      {"to list", [](MailMessage* m) { m->to_address = "a@b.jp, x@y.jp"; }},
      {"to display", [](MailMessage* m) { m->to_address = "A <a@b.jp>"; }},
      {"from CRLF",
       [](MailMessage* m) { m->from_address = "a@b.jp\r\nBcc: x@y.jp"; }},
      {"from empty", [](MailMessage* m) { m->from_address = ""; }},
      {"display CRLF",
       [](MailMessage* m) { m->from_display_name = "UMIN\r\nBcc: x@y.jp"; }},
      {"display LF", [](MailMessage* m) { m->from_display_name = "UMIN\n"; }},
      {"display NUL",
       [](MailMessage* m) { m->from_display_name = std::string("U\0M", 3); }},
      {"display C1",
       [](MailMessage* m) { m->from_display_name = "U\xC2\x85M"; }},
      {"subject CRLF",
       [](MailMessage* m) { m->subject = "件名\r\nBcc: x@y.jp"; }},
      {"subject CR", [](MailMessage* m) { m->subject = "件名\rBcc: x@y.jp"; }},
      {"subject tab", [](MailMessage* m) { m->subject = "a\tb"; }},
      {"subject DEL", [](MailMessage* m) { m->subject = "a\x7f"; }},
      {"subject empty", [](MailMessage* m) { m->subject = ""; }},
      {"subject bad UTF-8", [](MailMessage* m) { m->subject = "a\xff"; }},
      {"subject overlong UTF-8",
       [](MailMessage* m) { m->subject = "\xC0\x8A"; }},
      {"subject too long",
       [](MailMessage* m) { m->subject = std::string(401, 'a'); }},
      {"body NUL", [](MailMessage* m) { m->body = std::string("a\0b", 3); }},
      {"body ESC", [](MailMessage* m) { m->body = "a\x1b[31m"; }},
      {"body bad UTF-8", [](MailMessage* m) { m->body = "\xe3\x81"; }},
      {"body too long",
       [](MailMessage* m) { m->body = std::string(256 * 1024 + 1, 'a'); }},
      {"message id random CRLF",
       [](MailMessage* m) { m->message_id_random = "x>\r\nBcc: x@y.jp"; }},
      {"message id random @",
       [](MailMessage* m) { m->message_id_random = "a@b"; }},
      {"message id random empty",
       [](MailMessage* m) { m->message_id_random = ""; }},
      {"message id domain CRLF",
       [](MailMessage* m) { m->message_id_domain = "umin.ac.jp\r\nBcc: x"; }},
      {"message id domain bracket",
       [](MailMessage* m) { m->message_id_domain = "umin.ac.jp>"; }},
  };
  for (const Case& c : cases) {
    MailMessage m = AccessCodeMail();
    c.spoil(&m);
    std::string raw = "untouched";
    Status s = ComposeMail(m, &raw);
    BOOST_TEST((s.code() == Status::Code::kInvalidInput), c.name);
    BOOST_TEST(raw == "untouched", c.name);
  }
}

BOOST_AUTO_TEST_CASE(DateIsShownInJst) {
  struct Case {
    int64_t unix_time;
    const char* header;
  };
  const std::vector<Case> cases = {
      {kSeedTime, "\r\nDate: Tue, 19 Jan 2021 16:16:45 +0900\r\n"},
      // 15:30 UTC on New Year's Eve is already New Year's Day in Japan.
      {1704036600, "\r\nDate: Mon, 01 Jan 2024 00:30:00 +0900\r\n"},
      {0, "\r\nDate: Thu, 01 Jan 1970 09:00:00 +0900\r\n"},
  };
  for (const Case& c : cases) {
    MailMessage m = AccessCodeMail();
    m.date = std::chrono::system_clock::from_time_t(c.unix_time);
    std::string raw;
    Status s = ComposeMail(m, &raw);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
    BOOST_TEST(("\r\n" + raw).find(c.header) != std::string::npos, raw);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
