// Configuration parsing (base/config): ParseConfig never crashes or throws
// and is deterministic; the judgement of a parsed configuration never
// throws; filling the missing secrets keeps a good file good, and filling
// them again changes nothing (it is idempotent).
#include "base/config.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace passwd;
  const std::string text = passwd_fuzz::AsString(data, size);

  Config config, again;
  const Status status = ParseConfig(text, "fuzz", &config);
  const Status status_again = ParseConfig(text, "fuzz", &again);
  FUZZ_CHECK(status.code() == status_again.code());
  FUZZ_CHECK(status.message() == status_again.message());
  FUZZ_CHECK(status.ok() || status.code() == Status::Code::kInvalidInput);
  if (status.ok()) {
    const std::vector<std::string> problems = ConfigProblems(config);
    FUZZ_CHECK(problems == ConfigProblems(again));
    FUZZ_CHECK(config.sync_targets.size() == again.sync_targets.size());
    FUZZ_CHECK(DbHostList(config.db_host) == DbHostList(again.db_host));
  }

  std::string filled;
  std::vector<std::string> written;
  if (!FillMissingSecrets(text, &filled, &written).ok()) return 0;
  if (status.ok()) {
    Config filled_config;
    FUZZ_CHECK(ParseConfig(filled, "fuzz", &filled_config).ok());
  }
  std::string twice;
  std::vector<std::string> written_twice;
  FUZZ_CHECK(FillMissingSecrets(filled, &twice, &written_twice).ok());
  FUZZ_CHECK(written_twice.empty());
  FUZZ_CHECK(twice == filled);
  return 0;
}
