// The new password: allowed only on a verified flow, for 10 minutes after
// the code was verified; every broken rule is reported at once.
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "base/catalogue.h"
#include "base/low_priority.h"
#include "base/paths.h"
#include "domain/dictionary.h"
#include "domain/password_hash.h"
#include "domain/password_policy.h"
#include "flow/password_sync.h"
#include "flow/reset_flow.h"
#include "store/audit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"

namespace passwd {
namespace {

// The word list, loaded once per process on first use (by whichever of the
// process's threads comes first).
Status LoadedDictionary(const Config& config, const Dictionary** dict) {
  static std::mutex mu;
  static std::unique_ptr<Dictionary> loaded;
  std::lock_guard<std::mutex> lock(mu);
  if (!loaded) {
    Status s = Dictionary::Load(config.dictionary_path, &loaded);
    if (!s.ok()) return s;
  }
  *dict = loaded.get();
  return Status::Ok();
}

Status RenderForm(const Request& request, Env* env,
                  const std::vector<PolicyViolation>& violations,
                  Response* response) {
  Page page(request, "new_password.tpl", "new_password_title");
  for (const char* name : PasswordRuleNames()) {
    auto* item = page.dict()->AddSectionDictionary("RULE");
    item->SetValue("NAME", name);
    item->SetValue("TEXT",
                   Text(page.lang(), std::string("password_rule_") + name));
  }
  // Each field's messages in one box its input names (aria-describedby);
  // the summary at the top links to the field of each, password first.
  ctemplate::TemplateDictionary* password_errors = nullptr;
  ctemplate::TemplateDictionary* confirmation_errors = nullptr;
  std::vector<ErrorLink> password_links, confirmation_links;
  for (const auto& v : violations) {
    const bool confirmation = v.rule == PolicyRule::kConfirmation;
    const std::string message = Text(
        page.lang(), std::string("password_error_") + PolicyRuleName(v.rule));
    auto*& box = confirmation ? confirmation_errors : password_errors;
    if (!box) {
      box = page.dict()->AddSectionDictionary(
          confirmation ? "CONFIRMATION_ERRORS" : "PASSWORD_ERRORS");
    }
    box->AddSectionDictionary(confirmation ? "CONFIRMATION_ERROR"
                                           : "PASSWORD_ERROR")
        ->SetValue("MESSAGE", message);
    (confirmation ? confirmation_links : password_links)
        .push_back({confirmation ? "password_confirmation" : "password",
                    message});
  }
  password_links.insert(password_links.end(), confirmation_links.begin(),
                        confirmation_links.end());
  ShowErrorSummary(password_links, page.dict());
  Status s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The page for a flow that cannot take a password (yet, or any more).
Status RenderNotVerified(const Request& request, Env* env,
                         const std::optional<ResetFlow>& flow,
                         Response* response) {
  if (!flow || flow->state == FlowState::kDone) {
    response->ClearCookie(kFlowCookie, kPublicPrefix);
    return Status::Forbidden("no verified flow for this browser");
  }
  if (AwaitsCode(*flow, env->Now())) {
    response->Redirect(kCodePath);
    return Status::Ok();
  }
  if (flow->state == FlowState::kLocked) return RenderLocked(request, env, response);
  Status s = env->db()->Transaction([&](SqlSession* session) {
    return ExpireFlow(env, session, request.caller(), *flow);
  });
  if (!s.ok()) return s;
  return RenderExpired(request, env, response);
}

std::string RuleNames(const std::vector<PolicyViolation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    if (!out.empty()) out += ",";
    out += PolicyRuleName(v.rule);
  }
  return out;
}

// The new password as stored (scrypt) and as the SHA-512-crypt hash every
// propagation target takes (sync_crypt_rounds rounds), computed here while
// the password is in memory.
Status HashNewPassword(Env* env, const std::string& password,
                       std::string* password_hash,
                       SyncCredentials* credentials) {
  std::string salt, crypt_salt;
  ScryptParams params;
  params.log2_n = static_cast<int>(env->config().scrypt_log2_n);
  Status s = env->RandomBytes(kScryptSaltLength, &salt);
  if (s.ok()) s = env->RandomBytes(16, &crypt_salt);
  if (!s.ok()) return s;
  // Both hashes are made to be slow: on the process's low-priority thread,
  // so that a burst of new passwords takes the CPU only when no other
  // request wants it (docs/performance.md).
  const unsigned long rounds =
      static_cast<unsigned long>(env->config().sync_crypt_rounds);
  return RunAtLowPriority([&] {
    Status hashed = HashPassword(password, salt, params, password_hash);
    if (!hashed.ok()) return hashed;
    return Sha512CryptHash(password, crypt_salt, rounds,
                           &credentials->sha512_crypt);
  });
}

}  // namespace

Status HandleNewPassword(const Request& request, Env* env, Response* response) {
  std::string token = request.Cookie(kFlowCookie);
  std::optional<ResetFlow> flow;
  Status s = ReadFlow(env, token, &flow);
  if (!s.ok()) return s;
  if (!flow || !CanSetPassword(*flow, env->Now())) {
    return RenderNotVerified(request, env, flow, response);
  }
  if (!request.IsPost()) return RenderForm(request, env, {}, response);

  s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  const Dictionary* dict = nullptr;
  s = LoadedDictionary(env->config(), &dict);
  if (!s.ok()) return s;
  std::string password = request.Form("password");
  std::vector<PolicyViolation> violations = CheckPassword(
      password, request.Form("password_confirmation"), flow->umin_id, *dict);
  if (!violations.empty()) {
    s = env->db()->Transaction([&](SqlSession* session) {
      return AppendAudit(session, request.caller(), env->Now(),
                         {"password_refused", flow->umin_id, "",
                          "rules " + RuleNames(violations)});
    });
    if (!s.ok()) return s;
    return RenderForm(request, env, violations, response);
  }

  // Hash outside the transaction: scrypt takes a while and holds no lock.
  std::string password_hash;
  SyncCredentials credentials;
  s = HashNewPassword(env, password, &password_hash, &credentials);
  if (!s.ok()) return s;

  bool completed = false;
  s = env->db()->Transaction([&](SqlSession* session) {
    return CompletePasswordChange(env, session, request.caller(), *flow,
                                  password_hash, credentials, &completed);
  });
  if (!s.ok()) return s;
  if (!completed) {
    // The flow ran out (or was closed by a parallel submit) meanwhile.
    s = ReadFlow(env, token, &flow);
    if (!s.ok()) return s;
    return RenderNotVerified(request, env, flow, response);
  }
  response->ClearCookie(kFlowCookie, kPublicPrefix);
  response->Redirect(kDonePath);
  return Status::Ok();
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"new_password", {"GET", "POST"}, passwd::HandleNewPassword});
}
