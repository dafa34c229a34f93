#include "store/operator_requests.h"

#include <vector>

#include "base/jst.h"

namespace passwd {
namespace {

const char kReceiptTaken[] =
    "SELECT id FROM operator_requests WHERE receipt_number = ?";
const char kInsertRequest[] =
    "INSERT INTO operator_requests (receipt_number, umin_id, family_name, "
    "given_name, family_reading, given_reading, birth_date, affiliation, "
    "contact_mail, reason, message, priority, status, client_address, "
    "created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)";
const char kReceiptContact[] =
    "SELECT contact_mail FROM operator_requests WHERE receipt_number = ?";

// A drawn receipt number is taken about once in a million; five draws in a
// row being taken means something else is wrong.
constexpr int kReceiptDraws = 5;
}  // namespace

Status SubmitOperatorRequest(Env* env, SqlSession* session,
                             const NewOperatorRequest& request,
                             const std::string& client_address,
                             std::string* receipt, int64_t* id) {
  auto now = env->Now();
  // A plain read: a locking one would make concurrent submissions of the
  // same day, whose numbers share an index gap, deadlock each other.
  receipt->clear();
  for (int draw = 0; draw < kReceiptDraws && receipt->empty(); ++draw) {
    std::string drawn;
    Status s = GenerateReceiptNumber(
        [env](size_t n, std::string* out) { return env->RandomBytes(n, out); },
        JstDate(now), &drawn);
    std::vector<SqlRow> rows;
    if (s.ok()) s = session->Query(kReceiptTaken, {drawn}, &rows);
    if (!s.ok()) return s;
    if (rows.empty()) *receipt = drawn;
  }
  if (receipt->empty()) {
    return Status::Internal("no free receipt number after several draws");
  }
  auto or_null = [](const std::string& s) -> SqlValue {
    if (s.empty()) return nullptr;
    return s;
  };
  Status s = session->Execute(
      kInsertRequest,
      {*receipt, or_null(request.umin_id), request.family_name,
       request.given_name, request.family_reading, request.given_reading,
       or_null(request.birth_date), request.affiliation, request.contact_mail,
       std::string(OperatorRequestReasonValue(request.reason)), request.message,
       int64_t{request.priority ? 1 : 0}, client_address, SqlTime(now),
       SqlTime(now)});
  uint64_t inserted = 0;
  if (s.ok()) s = session->LastInsertId(&inserted);
  if (s.ok()) *id = static_cast<int64_t>(inserted);
  return s;
}

Status FindReceiptContact(SqlSession* session, const std::string& receipt,
                          std::optional<std::string>* contact_mail) {
  contact_mail->reset();
  if (receipt.empty() || receipt.size() > kReceiptNumberMaxLength) {
    return Status::Ok();
  }
  std::vector<SqlRow> rows;
  Status s = session->Query(kReceiptContact, {receipt}, &rows);
  if (s.ok() && !rows.empty()) *contact_mail = rows[0].Text(0);
  return s;
}

}  // namespace passwd
