// The health check for monitoring: 200 "ok" when the database answers and
// has every migration this build knows, 503 otherwise. The body says nothing
// more (no version, no error), and the check writes nothing: no audit row,
// no rate-limit row, so a monitor polling it leaves no trace.
#include "web/fcgi_main.h"

#include "store/schema_migrations.h"

namespace passwd {

Status HandleHealth(const Request& /*request*/, Env* env, Response* response) {
  bool current = false;
  Status s = env->db()->Read([&current](SqlSession* session) {
    return SchemaIsCurrent(session, &current);
  });
  const bool healthy = s.ok() && current;
  // Answered here, not as an error Status: RunPage would render the 503
  // page, which says more than a monitor needs.
  response->SetStatus(healthy ? 200 : 503);
  response->SetText(healthy ? "ok\n" : "unavailable\n");
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage({"health", {"GET"}, passwd::HandleHealth});
}
