// Writes the static error pages nginx serves for its own errors (and when
// the application cannot be reached), from the same templates and texts as
// the application's error pages: render_error_pages OUTDIR [CONFIG].
#include <cstdio>
#include <fstream>

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
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  passwd::SetTemplatesDir(config.templates_dir);
  for (int status : {400, 403, 404, 405, 413, 429, 500, 502, 503}) {
    passwd::Response response;
    passwd::RenderErrorPage(config, status, "", &response);
    std::string path =
        std::string(argv[1]) + "/" + std::to_string(status) + ".html";
    std::ofstream out(path, std::ios::binary);
    out << response.body();
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
