#include "base/enum_table.h"
#include "store/operator_notes.h"


namespace passwd {
namespace {

const char kInsertNote[] =
    "INSERT INTO operator_notes (request_id, operator_id, kind, body, "
    "created_at) VALUES (?, ?, ?, ?, ?)";
const char kNotes[] =
    "SELECT n.created_at, n.kind, n.body, o.display_name, o.login "
    "FROM operator_notes n JOIN operators o ON o.id = n.operator_id "
    "WHERE n.request_id = ? ORDER BY n.id";
const char kDeleteNotesOfRequest[] =
    "DELETE FROM operator_notes WHERE request_id = ?";

struct KindText {
  OperatorNoteKind value;
  const char* text;  // as stored
};
constexpr KindText kKinds[] = {
    {OperatorNoteKind::kNote, "note"},
    {OperatorNoteKind::kRejection, "rejection"},
    {OperatorNoteKind::kClosing, "closing"},
};

// The kind of a stored value; a value this code does not know reads as a
// plain note, as the page has always shown one.
OperatorNoteKind KindOf(const std::string& text) {
  OperatorNoteKind kind = OperatorNoteKind::kNote;
  (void)ParseEntryText(kKinds, text, &kind);
  return kind;
}

OperatorNote NoteFromRow(const SqlRow& row) {
  OperatorNote n;
  n.created_at = row.Text(0);
  n.kind = KindOf(row.Text(1));
  n.body = row.Text(2);
  n.operator_name = row.Text(3);
  n.operator_login = row.Text(4);
  return n;
}

}  // namespace

const char* OperatorNoteKindValue(OperatorNoteKind kind) {
  return EntryOf(kKinds, kind).text;
}

Status AddOperatorNote(SqlSession* session, int64_t request_id,
                       int64_t operator_id, OperatorNoteKind kind,
                       const std::string& body,
                       std::chrono::system_clock::time_point now) {
  return session->Execute(
      kInsertNote,
      {request_id, operator_id, std::string(OperatorNoteKindValue(kind)), body,
       SqlTime(now)});
}

Status ListOperatorNotes(SqlSession* session, int64_t request_id,
                         std::vector<OperatorNote>* notes) {
  std::vector<SqlRow> rows;
  Status s = session->Query(kNotes, {request_id}, &rows);
  for (const auto& row : rows) notes->push_back(NoteFromRow(row));
  return s;
}

Status DeleteOperatorNotesOfRequest(SqlSession* session, int64_t request_id) {
  return session->Execute(kDeleteNotesOfRequest, {request_id});
}

}  // namespace passwd
