#include "mail/smtp_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace passwd {
namespace {

// A one-connection SMTP server on 127.0.0.1 that answers each command with
// a scripted reply, so tests can see how SendMail reads each kind of
// failure without a real mail server.
class FakeSmtpServer {
 public:
  struct Script {
    std::string greeting = "220 fake.example.jp ESMTP";
    std::string mail_reply = "250 sender ok";
    std::string rcpt_reply = "250 recipient ok";
    std::string data_reply = "354 go ahead";
    std::string end_reply = "250 queued as 1";
    // Accepts the connection and then says nothing at all.
    bool silent = false;
  };

  explicit FakeSmtpServer(Script script) : script_(std::move(script)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    bool ok = listener_ >= 0 &&
              bind(listener_, reinterpret_cast<sockaddr*>(&address),
                   sizeof(address)) == 0 &&
              listen(listener_, 1) == 0 &&
              getsockname(listener_, reinterpret_cast<sockaddr*>(&address),
                          &length) == 0;
    BOOST_TEST_REQUIRE(ok, "cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~FakeSmtpServer() {
    if (thread_.joinable()) thread_.join();
    close(listener_);
  }

  FakeSmtpServer(const FakeSmtpServer&) = delete;
  FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

  std::string Url() const {
    return "smtp://127.0.0.1:" + std::to_string(port_) + "/test.example.jp";
  }

  // Waits for the session to end and returns the commands received and the
  // message as the server stored it (dot-stuffing undone).
  void Finish(std::vector<std::string>* commands, std::string* message) {
    if (thread_.joinable()) thread_.join();
    *commands = commands_;
    *message = message_;
  }

 private:
  // Waits up to 10 seconds for a readable socket, so no test hangs.
  static bool WaitReadable(int fd) {
    pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, 10000) == 1;
  }

  bool ReadLine(int fd, std::string* line) {
    while (true) {
      size_t end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        *line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return true;
      }
      char chunk[4096];
      if (!WaitReadable(fd)) return false;
      ssize_t n = read(fd, chunk, sizeof(chunk));
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  static void Reply(int fd, const std::string& reply) {
    std::string line = reply + "\r\n";
    ssize_t ignored = write(fd, line.data(), line.size());
    (void)ignored;
  }

  void Serve() {
    if (!WaitReadable(listener_)) return;
    int fd = accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    if (script_.silent) {
      char sink[256];
      while (WaitReadable(fd) && read(fd, sink, sizeof(sink)) > 0) {
      }
      close(fd);
      return;
    }
    Reply(fd, script_.greeting);
    std::string line;
    while (ReadLine(fd, &line)) {
      commands_.push_back(line);
      std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        Reply(fd, "250 fake.example.jp");
      } else if (verb == "MAIL") {
        Reply(fd, script_.mail_reply);
      } else if (verb == "RCPT") {
        Reply(fd, script_.rcpt_reply);
      } else if (verb == "DATA") {
        Reply(fd, script_.data_reply);
        if (script_.data_reply[0] != '3') continue;
        while (ReadLine(fd, &line) && line != ".") {
          if (!line.empty() && line[0] == '.') line.erase(0, 1);
          message_ += line + "\r\n";
        }
        Reply(fd, script_.end_reply);
      } else if (verb == "QUIT") {
        Reply(fd, "221 bye");
        break;
      } else if (verb == "RSET" || verb == "NOOP") {
        Reply(fd, "250 ok");
      } else {
        Reply(fd, "502 unknown command");
      }
    }
    close(fd);
  }

  Script script_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string buffer_;
  std::vector<std::string> commands_;
  std::string message_;
};

// Never expected in a status message.
const char kBodySecret[] = "BODY-SECRET-6780703530";

std::string TestMessage() {
  return std::string(
             "From: noreply@umin.ac.jp\r\n"
             "To: taro@example.jp\r\n"
             "Subject: test\r\n"
             "\r\n"
             "access code ") +
         kBodySecret +
         "\r\n"
         ".\r\n"
         "..two dots\r\n"
         "last line\r\n";
}

BOOST_AUTO_TEST_SUITE(SmtpClientTest)

BOOST_AUTO_TEST_CASE(ClosedPortIsUnavailableQuickly) {
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:1";  // Nothing listens on port 1.
  settings.timeout_seconds = 5;
  auto start = std::chrono::steady_clock::now();
  Status s = SendMail(settings, "noreply@umin.ac.jp", "taro@example.jp",
                      TestMessage());
  auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  BOOST_TEST((s.code() == Status::Code::kUnavailable), s.ToString());
  BOOST_TEST(s.message().find(kBodySecret) == std::string::npos);
  BOOST_TEST(elapsed_ms < 3000);
}

BOOST_AUTO_TEST_CASE(DeliversMessageUnchanged) {
  FakeSmtpServer server({});
  SmtpSettings settings;
  settings.url = server.Url();
  settings.timeout_seconds = 10;
  Status s = SendMail(settings, "noreply@umin.ac.jp", "taro@example.jp",
                      TestMessage());
  BOOST_TEST(s.ok(), s.ToString());
  std::vector<std::string> commands;
  std::string message;
  server.Finish(&commands, &message);
  BOOST_TEST(message == TestMessage());
  bool saw_from = false;
  bool saw_rcpt = false;
  for (const std::string& c : commands) {
    saw_from |= c.rfind("MAIL FROM:<noreply@umin.ac.jp>", 0) == 0;
    saw_rcpt |= c == "RCPT TO:<taro@example.jp>";
  }
  BOOST_TEST(saw_from);
  BOOST_TEST(saw_rcpt);
  BOOST_TEST(!commands.empty());
  BOOST_TEST(commands.front() == "EHLO test.example.jp");
}

BOOST_AUTO_TEST_CASE(ClassifiesServerReplies) {
  struct Case {
    const char* name;
    FakeSmtpServer::Script script;
    Status::Code expected;
  };
  auto with = [](void (*edit)(FakeSmtpServer::Script*)) {
    FakeSmtpServer::Script script;
    edit(&script);
    return script;
  };
  const std::vector<Case> cases = {
      {"unknown recipient", with([](FakeSmtpServer::Script* s) {
         s->rcpt_reply = "550 5.1.1 no such user";
       }),
       Status::Code::kInvalidInput},
      {"greylisted recipient", with([](FakeSmtpServer::Script* s) {
         s->rcpt_reply = "450 4.2.0 greylisted, try later";
       }),
       Status::Code::kUnavailable},
      {"sender refused", with([](FakeSmtpServer::Script* s) {
         s->mail_reply = "553 5.7.1 sender rejected";
       }),
       Status::Code::kInvalidInput},
      {"sender deferred", with([](FakeSmtpServer::Script* s) {
         s->mail_reply = "451 4.3.0 local error";
       }),
       Status::Code::kUnavailable},
      {"DATA refused", with([](FakeSmtpServer::Script* s) {
         s->data_reply = "554 5.5.1 no valid recipients";
       }),
       Status::Code::kInvalidInput},
      {"message refused", with([](FakeSmtpServer::Script* s) {
         s->end_reply = "552 5.3.4 message too big";
       }),
       Status::Code::kInvalidInput},
      {"message deferred", with([](FakeSmtpServer::Script* s) {
         s->end_reply = "452 4.3.1 insufficient storage";
       }),
       Status::Code::kUnavailable},
      {"server busy", with([](FakeSmtpServer::Script* s) {
         s->greeting = "421 4.3.2 too busy";
       }),
       Status::Code::kUnavailable},
      {"no service", with([](FakeSmtpServer::Script* s) {
         s->greeting = "554 5.3.2 no SMTP service here";
       }),
       Status::Code::kUnavailable},
      {"silent server",
       with([](FakeSmtpServer::Script* s) { s->silent = true; }),
       Status::Code::kUnavailable},
  };
  for (const Case& c : cases) {
    FakeSmtpServer server(c.script);
    SmtpSettings settings;
    settings.url = server.Url();
    settings.timeout_seconds = 2;
    auto start = std::chrono::steady_clock::now();
    Status s = SendMail(settings, "noreply@umin.ac.jp", "taro@example.jp",
                        TestMessage());
    auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    BOOST_TEST_MESSAGE(c.name << ": " << s.ToString());
    BOOST_TEST((s.code() == c.expected), c.name << ": " << s.ToString());
    BOOST_TEST(s.message().find(kBodySecret) == std::string::npos, c.name);
    BOOST_TEST(elapsed_ms < 5000, c.name);
  }
}

BOOST_AUTO_TEST_CASE(RefusesBadArgumentsWithoutConnecting) {
  struct Case {
    const char* name;
    std::string url;
    std::string from;
    std::string to;
    std::string message;
    Status::Code expected;
  };
  const std::vector<Case> cases = {
      {"recipient injection", "smtp://127.0.0.1:1", "noreply@umin.ac.jp",
       "taro@example.jp>\r\nRCPT TO:<x@y.jp", TestMessage(),
       Status::Code::kInvalidInput},
      {"sender injection", "smtp://127.0.0.1:1", "noreply@umin.ac.jp\r\nRSET",
       "taro@example.jp", TestMessage(), Status::Code::kInvalidInput},
      {"empty message", "smtp://127.0.0.1:1", "noreply@umin.ac.jp",
       "taro@example.jp", "", Status::Code::kInvalidInput},
      {"not SMTP", "http://127.0.0.1:1/", "noreply@umin.ac.jp",
       "taro@example.jp", TestMessage(), Status::Code::kInternal},
      {"file URL", "file:///etc/passwd", "noreply@umin.ac.jp",
       "taro@example.jp", TestMessage(), Status::Code::kInternal},
      {"malformed URL", "smtp://[::1", "noreply@umin.ac.jp", "taro@example.jp",
       TestMessage(), Status::Code::kInternal},
  };
  for (const Case& c : cases) {
    SmtpSettings settings;
    settings.url = c.url;
    settings.timeout_seconds = 2;
    Status s = SendMail(settings, c.from, c.to, c.message);
    BOOST_TEST((s.code() == c.expected), c.name << ": " << s.ToString());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace passwd
