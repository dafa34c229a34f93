// Text helpers every layer shares: the one place for trimming, ASCII case
// folding, control characters and counting UTF-8 characters, so no two
// modules disagree on what a space or a character is.
#ifndef PASSWD_LIB_BASE_TEXT_H_
#define PASSWD_LIB_BASE_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace passwd {

// True for an ASCII letter or digit.
bool IsAsciiAlnum(char c);

// `c` with A-Z made a-z; every other byte unchanged.
char ToLowerAscii(char c);

// `text` with A-Z made a-z; every other byte (UTF-8 included) unchanged.
std::string ToLowerAscii(const std::string& text);

// `text` without surrounding white space: ASCII space, tab, CR, LF, VT, FF
// and the ideographic space U+3000 that Japanese input methods type.
std::string Trim(const std::string& text);

// True when `text` holds a C0 control character (tab and line breaks
// included) or DEL.
bool HasControlCharacter(const std::string& text);

// True when `s` is well-formed UTF-8 (no overlong form, surrogate or value
// past U+10FFFF) without NUL or other C0 controls other than tab, CR and LF.
bool IsValidUtf8Text(const std::string& s);

// Counts the characters (code points) of well-formed UTF-8 `text`.
size_t Utf8Length(const std::string& text);

// Cuts `text` to at most `max_chars` characters (UTF-8), never inside one.
std::string Utf8Prefix(const std::string& text, size_t max_chars);

// `lines` joined with "\n" between them ("" for none); SplitLines reads it
// back. For a short list kept in one column (the lines hold no "\n").
std::string JoinLines(const std::vector<std::string>& lines);

// The lines of `text` split at "\n"; none for "".
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_TEXT_H_
