// The languages the public pages and the mails to users speak: Japanese,
// the default, and English (docs/i18n.md). A request carries its language
// (web/request.h, base/caller.h); nothing holds a process-wide one.
#ifndef PASSWD_LIB_BASE_LANG_H_
#define PASSWD_LIB_BASE_LANG_H_

#include <string>

namespace passwd {

enum class Lang { kJa, kEn };

// Every language, the default first.
inline constexpr Lang kLangs[] = {Lang::kJa, Lang::kEn};

// "ja" or "en": the catalogue's name, the cookie's value and <html lang>.
const char* LangCode(Lang lang);

// The language of code `code` ("ja", "en"); false for anything else.
bool ParseLang(const std::string& code, Lang* lang);

// The language an Accept-Language header asks for: English when the
// browser prefers English to Japanese by the q-values (a language it does
// not list counts as q=0, and "*" stands for any it does not list);
// Japanese otherwise, the header empty or malformed included.
Lang LangFromAcceptLanguage(const std::string& header);

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_LANG_H_
