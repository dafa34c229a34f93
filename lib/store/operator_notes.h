// The operator_notes table, its one owner: what operators wrote on a
// request (notes, the reason of a rejection, a closing note).
#ifndef PASSWD_LIB_STORE_OPERATOR_NOTES_H_
#define PASSWD_LIB_STORE_OPERATOR_NOTES_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "base/database.h"
#include "base/status.h"

namespace passwd {

// What a note is; the values are operator_notes.kind's.
enum class OperatorNoteKind {
  kNote,       // note: written on the request page
  kRejection,  // rejection: the reason mailed to the applicant
  kClosing,    // closing: written when closing the request
};

// The kind as stored, e.g. "rejection".
const char* OperatorNoteKindValue(OperatorNoteKind kind);

// A note as the request page shows it.
struct OperatorNote {
  std::string created_at;  // SQL time text (UTC)
  OperatorNoteKind kind = OperatorNoteKind::kNote;
  std::string body;
  std::string operator_name, operator_login;
};

// Adds a note of `kind` by `operator_id` to request `request_id`.
Status AddOperatorNote(SqlSession* session, int64_t request_id,
                       int64_t operator_id, OperatorNoteKind kind,
                       const std::string& body,
                       std::chrono::system_clock::time_point now);

// Reads the notes of request `request_id`, oldest first.
Status ListOperatorNotes(SqlSession* session, int64_t request_id,
                         std::vector<OperatorNote>* notes);

// Deletes every note on request `request_id`, so that the request itself
// can be deleted (the housekeeper's retention of closed requests).
Status DeleteOperatorNotesOfRequest(SqlSession* session, int64_t request_id);

}  // namespace passwd

#endif  // PASSWD_LIB_STORE_OPERATOR_NOTES_H_
