#include "flow/htpasswd_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

namespace passwd {
namespace {

constexpr mode_t kHtpasswdMode = 0640;

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

}  // namespace

bool IsHtpasswdField(const std::string& s) {
  return !s.empty() &&
         s.find_first_of(std::string(":\n\r\0", 4)) == std::string::npos;
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

}  // namespace passwd
