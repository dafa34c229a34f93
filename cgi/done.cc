// The completion page. It changes nothing, so a reload is harmless.
#include "web/fcgi_main.h"

#include "mail/mail_texts.h"
#include "web/page.h"

namespace passwd {

Status HandleDone(const Request& /*request*/, Env* env, Response* response) {
  Page page("done.tpl", "パスワード更新完了");
  page.dict()->SetValue("DELAY", PropagationDelayText(env->config()));
  return page.RenderTo(env->config(), 200, response);
}

}  // namespace passwd

int main() { return passwd::RunPage({"done", {"GET"}, passwd::HandleDone}); }
