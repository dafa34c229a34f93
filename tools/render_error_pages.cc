// Writes the static error pages nginx serves for its own errors (and when
// the application cannot be reached), from the same templates and
// catalogues as the application's error pages: render_error_pages OUTDIR
// [CONFIG] writes the Japanese set into OUTDIR and the English one into
// OUTDIR/en (nginx picks one by the language cookie, then Accept-Language;
// nginx/passwd-http.conf.in).
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "base/catalogue.h"
#include "base/config.h"
#include "web/page.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s OUTDIR [CONFIG]\n", argv[0]);
    return 2;
  }
  passwd::Config config;
  passwd::Status s = argc == 3 ? passwd::LoadConfigFile(argv[2], &config)
                               : passwd::ParseConfig("", "defaults", &config);
  if (s.ok()) {
    s = passwd::LoadCatalogues(config.catalogue_dir, config.templates_dir);
  }
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  passwd::SetTemplatesDir(config.templates_dir);
  for (passwd::Lang lang : passwd::kLangs) {
    std::string dir = argv[1];
    if (lang != passwd::Lang::kJa) {
      dir += std::string("/") + passwd::LangCode(lang);
      mkdir(dir.c_str(), 0755);
    }
    // The page does not know its address: its language link is relative
    // ("?lang=en"), back to the address that failed.
    const passwd::PageLang where = {lang, "", true};
    for (int status : {400, 403, 404, 405, 413, 429, 500, 502, 503}) {
      passwd::Response response;
      passwd::RenderErrorPage(config, where, status, "", &response);
      std::string path = dir + "/" + std::to_string(status) + ".html";
      std::ofstream out(path, std::ios::binary);
      out << response.body();
      if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return 1;
      }
    }
  }
  return 0;
}
