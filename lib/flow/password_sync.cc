#include "flow/password_sync.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "base/log_line.h"
#include "base/text.h"
#include "store/audit.h"

namespace passwd {
namespace {

const char kSupersedePending[] =
    "UPDATE password_sync_queue SET status = 'superseded', credential = NULL, "
    "last_error = 'superseded' WHERE umin_id = ? AND target = ? AND "
    "status = 'pending'";
const char kInsertChange[] =
    "INSERT INTO password_changes (umin_id, changed_at) VALUES (?, ?)";
const char kInsertSync[] =
    "INSERT INTO password_sync_queue (change_id, umin_id, target, "
    "credential, status, attempts, created_at) "
    "VALUES (?, ?, ?, ?, 'pending', 0, ?)";
// SKIP LOCKED: a row another worker is delivering right now is not ours.
// `id > ?` moves past the rows this pass already tried, so a failed row
// (still pending) is tried once per pass; `created_at <= ?` leaves rows
// from the future (tests with a shifted clock) alone.
const char kSelectNextPending[] =
    "SELECT id, umin_id, target, credential FROM password_sync_queue "
    "WHERE status = 'pending' AND id > ? AND created_at <= ? "
    "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";

// A pending row as kSelectNextPending reads it.
struct PendingSync {
  int64_t id = 0;
  std::string umin_id;
  std::string target;      // a SyncTarget's spec
  std::string credential;  // "" when there is none (NULL or cleared)
};

PendingSync FromRow(const SqlRow& row) {
  PendingSync pending;
  pending.id = row.Int(0);
  pending.umin_id = row.Text(1);
  pending.target = row.Text(2);
  pending.credential = row.Text(3);
  return pending;
}

const char kMarkDone[] =
    "UPDATE password_sync_queue SET status = 'delivered', credential = NULL, "
    "attempts = attempts + 1, last_error = '', done_at = ? WHERE id = ?";
const char kMarkRetry[] =
    "UPDATE password_sync_queue SET attempts = attempts + 1, "
    "last_error = ? WHERE id = ?";
const char kMarkFailed[] =
    "UPDATE password_sync_queue SET status = 'failed', credential = NULL, "
    "attempts = attempts + 1, last_error = ? WHERE id = ?";

// The metrics page's backlog, from the index on status.
const char kBacklog[] =
    "SELECT target, status, COUNT(*), MIN(created_at) "
    "FROM password_sync_queue WHERE status IN ('pending', 'failed') "
    "GROUP BY target, status";

const char kHtpasswd[] = "htpasswd";
// The name the worker's audit rows carry as their request id.
const char kAuditSource[] = "sync_worker";
// password_sync_queue.target and .last_error are VARCHAR(255).
constexpr size_t kMaxTargetLength = 255;
constexpr size_t kMaxErrorLength = 255;
constexpr mode_t kHtpasswdMode = 0640;

// True when `s` may be one field of an htpasswd line.
bool IsHtpasswdField(const std::string& s) {
  return !s.empty() &&
         s.find_first_of(std::string(":\n\r\0", 4)) == std::string::npos;
}

std::string ErrnoText(int error) { return std::strerror(error); }

Status IoError(const std::string& path, const std::string& what, int error) {
  return Status::Unavailable("htpasswd " + path + ": " + what + ": " +
                             ErrnoText(error));
}

// Closes a file descriptor on every return path.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting close's error (a write may only fail here).
  int Close() {
    int fd = fd_;
    fd_ = -1;
    return close(fd);
  }

 private:
  int fd_;
};

// Removes the temporary file unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

// Reads the whole file at `path`; *exists false (and no error) when it is
// missing. *group gets its group.
Status ReadExisting(const std::string& path, std::string* content, bool* exists,
                    gid_t* group) {
  content->clear();
  *exists = false;
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::Ok();
    return IoError(path, "cannot open", errno);
  }
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return IoError(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::Unavailable("htpasswd " + path + ": not a regular file");
  }
  *exists = true;
  *group = st.st_gid;
  char buffer[8192];
  for (;;) {
    ssize_t n = read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(path, "cannot read", errno);
    }
    if (n == 0) break;
    content->append(buffer, static_cast<size_t>(n));
  }
  return Status::Ok();
}

// `content` with the line of `user` set to "user:hash": the first line of
// that user is replaced, any later one dropped (so no stale hash can match),
// every other line kept as it was; a new user is appended.
std::string WithEntry(const std::string& content, const std::string& user,
                      const std::string& hash) {
  const std::string prefix = user + ":";
  const std::string entry = prefix + hash + "\n";
  std::string out;
  out.reserve(content.size() + entry.size());
  bool replaced = false;
  size_t from = 0;
  while (from < content.size()) {
    size_t end = content.find('\n', from);
    if (end == std::string::npos) end = content.size();
    const std::string line = content.substr(from, end - from);
    if (line.compare(0, prefix.size(), prefix) == 0) {
      if (!replaced) out += entry;
      replaced = true;
    } else {
      out += line;
      out += '\n';
    }
    from = end + 1;
  }
  if (!replaced) out += entry;
  return out;
}

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(path, "cannot write", errno);
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// InvalidInput unless `user` and `hash` may be the fields of an htpasswd
// line and `path` is an absolute file path.
Status CheckHtpasswdEntry(const std::string& path, const std::string& user,
                          const std::string& hash) {
  if (!IsHtpasswdField(user)) {
    return Status::InvalidInput(
        "htpasswd: a user name must be non-empty "
        "without ':' or a line break");
  }
  if (!IsHtpasswdField(hash)) {
    return Status::InvalidInput(
        "htpasswd: a hash must be non-empty "
        "without ':' or a line break");
  }
  size_t slash = path.rfind('/');
  if (path.empty() || path.front() != '/' || slash + 1 == path.size()) {
    return Status::InvalidInput("htpasswd: not an absolute file path: " + path);
  }
  return Status::Ok();
}

// An htpasswd file's path (checked by CheckHtpasswdEntry), its folder, and
// the mkostemp pattern of a temporary file beside it.
struct HtpasswdPath {
  explicit HtpasswdPath(const std::string& file) : path(file) {
    size_t slash = path.rfind('/');
    folder = slash == 0 ? "/" : path.substr(0, slash);
    temp_pattern = folder + (slash == 0 ? "" : "/") + "." +
                   path.substr(slash + 1) + ".XXXXXX";
  }
  std::string path;
  std::string folder;
  std::string temp_pattern;
};

// Replaces the file with `content` through a temporary file beside it
// (mode 0640, the old file's `group` when there was one), fsynced and
// renamed over it.
Status ReplaceFile(const HtpasswdPath& where, const std::string& content,
                   std::optional<gid_t> group) {
  const std::string& path = where.path;
  std::string temp_path = where.temp_pattern;
  FileDescriptor temp(mkostemp(&temp_path[0], O_CLOEXEC));
  if (temp.get() < 0) {
    return IoError(path, "cannot create a temporary file", errno);
  }
  TemporaryFile remove_unless_renamed(temp_path);
  // Explicit mode, whatever the umask; the old file's group, so the web
  // server that reads it through its group still can.
  if (fchmod(temp.get(), kHtpasswdMode) != 0) {
    return IoError(path, "cannot set the mode", errno);
  }
  struct stat temp_stat;
  if (fstat(temp.get(), &temp_stat) != 0) {
    return IoError(path, "cannot stat the temporary file", errno);
  }
  if (group && temp_stat.st_gid != *group &&
      fchown(temp.get(), static_cast<uid_t>(-1), *group) != 0) {
    return IoError(path, "cannot keep the file's group", errno);
  }
  Status s = WriteAll(temp.get(), content, path);
  if (!s.ok()) return s;
  if (fsync(temp.get()) != 0) return IoError(path, "cannot fsync", errno);
  if (temp.Close() != 0) return IoError(path, "cannot close", errno);
  if (rename(temp_path.c_str(), path.c_str()) != 0) {
    return IoError(path, "cannot rename the temporary file", errno);
  }
  remove_unless_renamed.Release();
  return Status::Ok();
}

// The credential a target of `kind` takes; "" when there is none.
std::string CredentialFor(const std::string& kind,
                          const SyncCredentials& credentials) {
  if (kind == kHtpasswd) return credentials.sha512_crypt;
  return "";
}

// Hands `credential` of `umin_id` to `target`.
Status Deliver(const SyncTarget& target, const std::string& umin_id,
               const std::string& credential) {
  if (target.kind == kHtpasswd) {
    return WriteHtpasswdEntry(target.path, umin_id, credential);
  }
  return Status::Internal("no delivery for target kind " + target.kind);
}

// A failure description fit for last_error, the audit and the log:
// printable ASCII only and short. Only our own messages come here, and
// they name paths and system errors, never a credential.
std::string ShortError(const Status& s) {
  return s.ToShortAscii(kMaxErrorLength);
}

// What became of the row a delivery transaction took.
enum class SyncResult { kNothingPending, kDelivered, kRetry, kFailed };

// What a delivery did, kept across a re-run of the same transaction (after a
// deadlock) so the target is not written twice for one row.
struct DeliveryAttempt {
  int64_t id = 0;
  Status status;
};

// One row's handling, for the report and the log after the commit.
struct RowResult {
  SyncResult result = SyncResult::kNothingPending;
  int64_t id = 0;
  std::string umin_id;
  std::string target;
  std::string error;
};

// The configured target whose spec is `spec`; null when there is none.
const SyncTarget* FindTarget(const std::vector<SyncTarget>& targets,
                             const std::string& spec) {
  const SyncTarget* target = nullptr;
  for (const SyncTarget& t : targets) {
    if (t.spec == spec) target = &t;
  }
  return target;
}

// Hands the row to its target, once per row however often the transaction
// runs.
Status DeliverRow(const std::vector<SyncTarget>& targets,
                  const PendingSync& row,
                  std::optional<DeliveryAttempt>* last_delivery) {
  if (row.credential.empty()) {
    // Nothing to hand over, now or later: give up on the row.
    return Status::Internal("no credential");
  }
  const SyncTarget* target = FindTarget(targets, row.target);
  if (target == nullptr) {
    // Kept for when the target is configured again.
    return Status::NotFound("target not configured");
  }
  if (!last_delivery->has_value() || (*last_delivery)->id != row.id) {
    DeliveryAttempt attempt;
    attempt.id = row.id;
    attempt.status = Deliver(*target, row.umin_id, row.credential);
    *last_delivery = std::move(attempt);
  }
  return (*last_delivery)->status;
}

// Records what `delivery` did to `row` and its audit event.
Status RecordDelivery(Env* env, SqlSession* session, const PendingSync& row,
                      const Status& delivery, RowResult* result) {
  AuditEvent event;
  event.umin_id = row.umin_id;
  if (delivery.ok()) {
    Status s = session->Execute(kMarkDone, {SqlTime(env->Now()), row.id});
    if (!s.ok()) return s;
    event.event = "password_synced";
    event.detail = row.target;
    result->result = SyncResult::kDelivered;
  } else {
    result->error = delivery.code() == Status::Code::kNotFound
                        ? delivery.message()
                        : ShortError(delivery);
    const bool give_up = row.credential.empty();
    Status s = session->Execute(give_up ? kMarkFailed : kMarkRetry,
                                {result->error, row.id});
    if (!s.ok()) return s;
    event.event = "password_sync_failed";
    event.detail = row.target + ": " + result->error;
    result->result = give_up ? SyncResult::kFailed : SyncResult::kRetry;
  }
  return AppendAudit(session, {"", kAuditSource}, env->Now(), event);
}

// Takes the oldest pending row after `after_id`, delivers it and records
// the result and its audit event, all in the caller's transaction.
// result->result stays kNothingPending when no row is left.
Status DeliverOne(Env* env, SqlSession* session,
                  const std::vector<SyncTarget>& targets, int64_t after_id,
                  std::optional<DeliveryAttempt>* last_delivery,
                  RowResult* result) {
  *result = RowResult();
  std::vector<SqlRow> rows;
  Status s = session->Query(kSelectNextPending, {after_id, SqlTime(env->Now())},
                            &rows);
  if (!s.ok() || rows.empty()) return s;
  const PendingSync row = FromRow(rows[0]);
  result->id = row.id;
  result->umin_id = row.umin_id;
  result->target = row.target;
  const Status delivery = DeliverRow(targets, row, last_delivery);
  return RecordDelivery(env, session, row, delivery, result);
}

}  // namespace

Status ParseSyncTargets(const std::string& setting,
                        std::vector<SyncTarget>* targets) {
  targets->clear();
  if (Trim(setting).empty()) return Status::Ok();
  std::vector<SyncTarget> parsed;
  std::set<std::string> seen;
  size_t from = 0;
  for (;;) {
    size_t comma = setting.find(',', from);
    const std::string entry = Trim(setting.substr(
        from, comma == std::string::npos ? std::string::npos : comma - from));
    const std::string quoted = "sync_targets entry \"" + entry + "\"";
    if (entry.empty()) {
      return Status::InvalidInput("sync_targets: an empty entry");
    }
    if (entry.size() > kMaxTargetLength || HasControlCharacter(entry)) {
      return Status::InvalidInput(quoted + ": too long or not printable");
    }
    size_t colon = entry.find(':');
    if (colon == std::string::npos) {
      return Status::InvalidInput(quoted + ": expected kind:path");
    }
    SyncTarget target;
    target.spec = entry;
    target.kind = entry.substr(0, colon);
    target.path = entry.substr(colon + 1);
    if (target.kind != kHtpasswd) {
      return Status::InvalidInput(quoted + ": unknown kind \"" + target.kind +
                                  "\" (known: htpasswd)");
    }
    if (target.path.size() < 2 || target.path.front() != '/' ||
        target.path.back() == '/') {
      return Status::InvalidInput(quoted +
                                  ": the path must be an absolute file path");
    }
    if (!seen.insert(target.spec).second) {
      return Status::InvalidInput(quoted + ": listed twice");
    }
    parsed.push_back(std::move(target));
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  *targets = std::move(parsed);
  return Status::Ok();
}

Status WriteHtpasswdEntry(const std::string& path, const std::string& user,
                          const std::string& hash) {
  Status s = CheckHtpasswdEntry(path, user, hash);
  if (!s.ok()) return s;
  const HtpasswdPath where(path);
  // A lock file beside the target rather than the target itself: the rename
  // replaces the target's inode, and a writer waiting on the old one would
  // then go on with stale content.
  const std::string lock_path = path + ".lock";
  FileDescriptor lock(
      open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kHtpasswdMode));
  if (lock.get() < 0) return IoError(path, "cannot open its lock file", errno);
  while (flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return IoError(path, "cannot lock", errno);
  }

  std::string content;
  bool exists = false;
  gid_t group = 0;
  s = ReadExisting(path, &content, &exists, &group);
  if (!s.ok()) return s;
  s = ReplaceFile(where, WithEntry(content, user, hash),
                  exists ? std::optional<gid_t>(group) : std::nullopt);
  if (!s.ok()) return s;
  // The rename is durable only once the folder is on disk too.
  FileDescriptor dir(
      open(where.folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || fsync(dir.get()) != 0) {
    return IoError(path, "cannot fsync the folder", errno);
  }
  return Status::Ok();
}

Status EnqueuePasswordSync(Env* env, SqlSession* session,
                           const std::string& umin_id,
                           const SyncCredentials& credentials) {
  std::vector<SyncTarget> targets;
  Status s = ParseSyncTargets(env->config().sync_targets, &targets);
  if (!s.ok()) return s;
  if (targets.empty()) return Status::Ok();
  if (!IsHtpasswdField(umin_id)) {
    return Status::InvalidInput("password sync: not a UMIN ID");
  }
  const std::string now = SqlTime(env->Now());
  s = session->Execute(kInsertChange, {umin_id, now});
  uint64_t change_id = 0;
  if (s.ok()) s = session->LastInsertId(&change_id);
  if (!s.ok()) return s;
  for (const SyncTarget& target : targets) {
    const std::string credential = CredentialFor(target.kind, credentials);
    if (!IsHtpasswdField(credential)) {
      return Status::InvalidInput("password sync: no credential for " +
                                  target.kind);
    }
    // Only the newest password matters: an older one still waiting for
    // this target is dropped (its credential wiped) instead of delivered.
    s = session->Execute(kSupersedePending, {umin_id, target.spec});
    if (!s.ok()) return s;
    s = session->Execute(kInsertSync,
                         {static_cast<int64_t>(change_id), umin_id,
                          target.spec, credential, now});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status DeliverPasswordSync(Env* env, SyncReport* report) {
  return DeliverPasswordSync(
      env, [] { return true; }, report);
}

Status DeliverPasswordSync(Env* env, const std::function<bool()>& keep_going,
                           SyncReport* report) {
  std::vector<SyncTarget> targets;
  Status s = ParseSyncTargets(env->config().sync_targets, &targets);
  if (!s.ok()) return s;
  int64_t after_id = 0;
  while (keep_going()) {
    RowResult result;
    std::optional<DeliveryAttempt> last_delivery;
    s = env->db()->Transaction([&](SqlSession* session) {
      return DeliverOne(env, session, targets, after_id, &last_delivery,
                        &result);
    });
    if (!s.ok()) return s;
    // Which row, account and target, never the credential.
    auto line = [&result](const char* level, const char* outcome) {
      return FormatLogLine({{"level", level},
                            {"event", "password_sync_failed"},
                            {"row", std::to_string(result.id)},
                            {"umin_id", result.umin_id},
                            {"target", result.target},
                            {"outcome", outcome},
                            {"detail", result.error}});
    };
    switch (result.result) {
      case SyncResult::kNothingPending:
        return Status::Ok();
      case SyncResult::kDelivered:
        ++report->delivered;
        break;
      case SyncResult::kRetry:
        ++report->failed;
        env->Log(line("warning", "retry_next_round"));
        break;
      case SyncResult::kFailed:
        ++report->failed;
        env->Log(line("error", "failed"));
        break;
    }
    after_id = result.id;
  }
  return Status::Ok();
}

Status ReadDeliveryBacklog(Env* env, SqlSession* session,
                           std::vector<DeliveryBacklog>* backlog) {
  backlog->clear();
  std::vector<SyncTarget> targets;
  Status s = ParseSyncTargets(env->config().sync_targets, &targets);
  if (!s.ok()) return s;
  std::map<std::string, DeliveryBacklog> by_target;
  for (const SyncTarget& target : targets) {
    by_target[target.spec].target = target.spec;
  }
  std::vector<SqlRow> rows;
  s = session->Query(kBacklog, {}, &rows);
  for (const SqlRow& row : rows) {
    if (!s.ok()) break;
    DeliveryBacklog& entry = by_target[row.Text(0)];
    entry.target = row.Text(0);
    if (row.Text(1) == "failed") {
      entry.failed = row.Int(2);
      continue;
    }
    entry.pending = row.Int(2);
    std::chrono::system_clock::time_point oldest;
    s = ParseSqlTime(row.Text(3), &oldest);
    if (s.ok()) entry.oldest_pending = oldest;
  }
  for (const auto& named : by_target) backlog->push_back(named.second);
  return s;
}

}  // namespace passwd
