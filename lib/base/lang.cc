#include "base/lang.h"

#include <cstdlib>

#include "base/text.h"

namespace passwd {

const char* LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "ja"; }

bool ParseLang(const std::string& code, Lang* lang) {
  if (code == "ja") {
    *lang = Lang::kJa;
  } else if (code == "en") {
    *lang = Lang::kEn;
  } else {
    return false;
  }
  return true;
}

namespace {

// The q-value of one Accept-Language element's parameters ("q=0.8"); 1 when
// absent, -1 when malformed.
double QValue(const std::string& params) {
  size_t start = 0;
  while (start <= params.size()) {
    size_t end = params.find(';', start);
    if (end == std::string::npos) end = params.size();
    std::string param = Trim(params.substr(start, end - start));
    if (param.size() > 2 && ToLowerAscii(param.substr(0, 2)) == "q=") {
      const char* text = param.c_str() + 2;
      char* stop = nullptr;
      double q = std::strtod(text, &stop);
      if (stop == text || *stop != '\0' || q < 0 || q > 1) return -1;
      return q;
    }
    start = end + 1;
  }
  return 1;
}

}  // namespace

Lang LangFromAcceptLanguage(const std::string& header) {
  double ja = -1, en = -1, any = -1;
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(start, end - start);
    start = end + 1;
    size_t semi = item.find(';');
    std::string range = ToLowerAscii(Trim(item.substr(0, semi)));
    double q = QValue(semi == std::string::npos ? "" : item.substr(semi + 1));
    if (q < 0) continue;
    std::string primary = range.substr(0, range.find('-'));
    // The first (most specific) mention of a language wins.
    if (primary == "ja" && ja < 0) ja = q;
    if (primary == "en" && en < 0) en = q;
    if (range == "*" && any < 0) any = q;
  }
  if (ja < 0) ja = any < 0 ? 0 : any;
  if (en < 0) en = any < 0 ? 0 : any;
  return en > 0 && en > ja ? Lang::kEn : Lang::kJa;
}

}  // namespace passwd
