// The top page: what a UMIN ID and the general password are, and the two
// ways in (ID known / ID unknown).
#include "web/fcgi_main.h"

#include "web/page.h"

namespace passwd {

Status HandleIndex(const Request& request, Env* env, Response* response) {
  Page page(request, "index.tpl", "index_title");
  return page.RenderTo(env->config(), 200, response);
}

}  // namespace passwd

int main() {
  // Never reads the database: a thread per CPU (PageSpec::uses_database).
  return passwd::RunPage({"index", {"GET"}, passwd::HandleIndex,
                          passwd::DbAccount::kPages, /*uses_database=*/false});
}
