// The mail-sender worker: delivers the outbox over SMTP, pass after pass,
// every mail_poll_seconds. A database or mail server outage only delays
// mail; a stop signal ends it once the mail in hand is done.
//   mail_sender [--once]    (configuration from PASSWD_CONFIG)
// --once runs a single pass and exits 0, or 1 when the database failed.
#include "base/worker.h"
#include "mail/mail_transport.h"
#include "mail/outbox.h"

namespace passwd {
namespace {

Status DeliverPass(Env* env, const std::function<bool()>& keep_going,
                   PassResult* result) {
  DeliveryReport r;
  Status s = DeliverDueMail(env, SendOutboxMail, keep_going, &r);
  if (r.sent + r.retried + r.failed + r.expired > 0) {
    result->summary = "sent " + std::to_string(r.sent) + ", retried " +
                      std::to_string(r.retried) + ", failed " +
                      std::to_string(r.failed) + ", expired " +
                      std::to_string(r.expired);
  }
  return s;
}

}  // namespace
}  // namespace passwd

int main(int argc, char** argv) {
  return passwd::RunWorker(
      {"mail_sender",
       [](const passwd::Config& c) { return c.mail_poll_seconds; }, nullptr,
       passwd::DeliverPass},
      argc, argv);
}
