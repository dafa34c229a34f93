// Text helpers every layer shares: the one place for trimming, case folding
// and character counting, so no two modules disagree on what a space is.
#ifndef PASSWD_LIB_BASE_TEXT_H_
#define PASSWD_LIB_BASE_TEXT_H_

#include <string>

namespace passwd {

// True for an ASCII letter or digit.
bool IsAsciiAlnum(char c);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_TEXT_H_
