// The completion page. It changes nothing, so a reload is harmless.
#include "web/fcgi_main.h"

#include "base/catalogue.h"
#include "mail/mail_texts.h"
#include "web/page.h"

namespace passwd {

Status HandleDone(const Request& request, Env* env, Response* response) {
  Page page(request, "done.tpl", "done_title");
  const std::map<std::string, std::string> delay = {
      {"delay", PropagationDelayText(env->config(), page.lang())}};
  page.dict()->SetValue("DONE_USABLE",
                        FormatText(page.lang(), "done_usable", delay));
  page.dict()->SetValue("DONE_PROPAGATION",
                        FormatText(page.lang(), "done_propagation", delay));
  return page.RenderTo(env->config(), 200, response);
}

}  // namespace passwd

int main() {
  // Never reads the database: a thread per CPU (PageSpec::uses_database).
  return passwd::RunPage({"done", {"GET"}, passwd::HandleDone,
                          passwd::DbAccount::kPages, /*uses_database=*/false});
}
