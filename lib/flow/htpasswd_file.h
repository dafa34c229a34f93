// The htpasswd propagation target: one file of "user:hash" lines, rewritten
// atomically, for the web services that check passwords against it.
#ifndef PASSWD_LIB_FLOW_HTPASSWD_FILE_H_
#define PASSWD_LIB_FLOW_HTPASSWD_FILE_H_

#include <string>

#include "base/status.h"

namespace passwd {

// True when `s` may be one field of an htpasswd line: not empty, without
// ':', a line break or NUL.
bool IsHtpasswdField(const std::string& s);

// Sets the line of `user` in the htpasswd file at `path` to "user:hash",
// keeping every other line and their order (the file is created when
// missing): the new content goes to a temporary file beside it (mode 0640,
// the old file's group) that is fsynced and renamed over it, under an flock
// on "<path>.lock" so two writers never interleave. InvalidInput when
// `user` or `hash` is empty or holds ':', a line break or NUL; Unavailable
// when the folder or the file cannot be read or written.
Status WriteHtpasswdEntry(const std::string& path, const std::string& user,
                          const std::string& hash);

}  // namespace passwd

#endif  // PASSWD_LIB_FLOW_HTPASSWD_FILE_H_
