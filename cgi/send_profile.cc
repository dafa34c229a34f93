// ID unknown: the user tells who they are; exactly one matching individual
// account gets an access code by mail.
#include <map>
#include <optional>
#include <vector>

#include "base/jst.h"
#include "domain/identity.h"
#include "flow/reset_flow.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/rate_limit.h"
#include "web/csrf.h"
#include "web/fcgi_main.h"
#include "web/flow_pages.h"

namespace passwd {
namespace {

struct ProfileForm {
  std::string family_name, given_name, family_reading, given_reading, gender,
      birth_date;
  FieldErrors errors;
};

ProfileForm ReadForm(const Request& request) {
  ProfileForm form;
  form.family_name = request.Form("family_name");
  form.given_name = request.Form("given_name");
  form.family_reading = request.Form("family_reading");
  form.given_reading = request.Form("given_reading");
  form.gender = request.Form("gender");
  form.birth_date = request.Form("birth_date");
  return form;
}

// Normalises every field into `identity`, collecting each field's error.
void Validate(ProfileForm* form, const Date& today, IdentityQuery* identity) {
  auto name = [&](const std::string& field, const std::string& value,
                  std::string* out) {
    if (!NormalizeName(value, out).ok()) form->errors[field] = {"required", {}};
  };
  auto reading = [&](const std::string& field, const std::string& value,
                     std::string* out) {
    if (!NormalizeReading(value, out).ok()) {
      form->errors[field] = {"hiragana", {}};
    }
  };
  name("family_name", form->family_name, &identity->family_name);
  name("given_name", form->given_name, &identity->given_name);
  reading("family_reading", form->family_reading, &identity->family_reading);
  reading("given_reading", form->given_reading, &identity->given_reading);
  if (!ParseGender(form->gender, &identity->gender)) {
    form->errors["gender"] = {"gender_empty", {}};
  }
  std::string birth_error =
      BirthDateError(form->birth_date, today, &identity->birth_date);
  if (!birth_error.empty()) form->errors["birth_date"] = {birth_error, {}};
}

Status RenderForm(const Request& request, Env* env, const ProfileForm& form,
                  Response* response) {
  Page page(request, "send_profile.tpl", "send_profile_title");
  auto* dict = page.dict();
  dict->SetValue("FAMILY_NAME", form.family_name);
  dict->SetValue("GIVEN_NAME", form.given_name);
  dict->SetValue("FAMILY_READING", form.family_reading);
  dict->SetValue("GIVEN_READING", form.given_reading);
  dict->SetValue("BIRTH_DATE", form.birth_date);
  Gender gender;
  if (ParseGender(form.gender, &gender)) {
    dict->ShowSection(gender == Gender::kMale ? "MALE_CHECKED"
                                              : "FEMALE_CHECKED");
  }
  ShowFieldErrors(page.lang(), form.errors, dict,
                  {{"family_name", "family_name"},
                   {"given_name", "given_name"},
                   {"family_reading", "family_reading"},
                   {"given_reading", "given_reading"},
                   {"gender", "gender_male"},
                   {"birth_date", "birth_date"}});
  Status s = AddCsrfField(env, request, &page, response);
  if (!s.ok()) return s;
  return page.RenderTo(env->config(), 200, response);
}

// The accounts born on the query's birth date whose stored identity
// matches `query`.
Status MatchingAccounts(SqlSession* session, const IdentityQuery& query,
                        std::vector<Account>* matches) {
  std::vector<Account> born_that_day;
  Status s = FindAccountsByBirthDate(session, FormatDate(query.birth_date),
                                     &born_that_day);
  if (!s.ok()) return s;
  for (const auto& account : born_that_day) {
    IdentityQuery stored;
    if (NormalisedIdentity(account, &stored) &&
        IdentityMatches(query, stored)) {
      matches->push_back(account);
    }
  }
  return Status::Ok();
}

// Audits why `matches` get no code: none, several, or a review category.
Status AuditRefusal(SqlSession* session, const Caller& caller,
                    std::chrono::system_clock::time_point now,
                    const std::vector<Account>& matches) {
  std::string detail = matches.empty() ? "no match"
                       : matches.size() > 1
                           ? std::to_string(matches.size()) + " matches"
                           : "review category " + matches[0].category;
  return AppendAudit(
      session, caller, now,
      {"send_refused", matches.size() == 1 ? matches[0].umin_id : "", "",
       "profile: " + detail});
}

// Within the client address's limit, sends a code when exactly one
// individual account matches `query`, or audits why none is sent;
// `*outcome` says which.
Status SendCodeForProfile(
    Env* env, SqlSession* session, const Caller& caller,
    const IdentityQuery& query, SendOutcome* outcome,
    std::optional<std::chrono::system_clock::time_point>* retry_at,
    std::string* flow_token) {
  auto now = env->Now();
  *outcome = SendOutcome::kRefused;
  RateEventBatch events;
  Status t = CountCodeRequest(env, session, caller, "", &events, retry_at);
  if (!t.ok()) return t;
  if (*retry_at) {
    *outcome = SendOutcome::kRateLimited;
    return t;
  }
  std::vector<Account> matches;
  t = MatchingAccounts(session, query, &matches);
  if (!t.ok()) return t;
  if (matches.size() != 1 || matches[0].NeedsReview()) {
    t = AuditRefusal(session, caller, now, matches);
  } else {
    // Lock the account row, as the ID-known path does, so the per-account
    // limit holds under parallel requests.
    std::optional<Account> account;
    t = FindAccount(session, matches[0].umin_id, /*for_update=*/true,
                    &account);
    if (t.ok() && !account) return Status::Internal("account vanished");
    if (t.ok()) {
      t = SendCodeWithinLimit(env, session, caller, *account, "profile",
                              &events, outcome, retry_at, flow_token);
    }
  }
  if (t.ok()) t = events.Record(session);
  return t;
}

}  // namespace

Status HandleSendProfile(const Request& request, Env* env, Response* response) {
  if (!request.IsPost()) {
    return RenderForm(request, env, ProfileForm{}, response);
  }
  Status s = CheckCsrf(env->config(), kPublicCsrf, request);
  if (!s.ok()) return s;
  ProfileForm form = ReadForm(request);
  IdentityQuery query;
  Validate(&form, JstDate(env->Now()), &query);
  if (!form.errors.empty()) return RenderForm(request, env, form, response);

  SendOutcome outcome = SendOutcome::kRefused;
  std::optional<std::chrono::system_clock::time_point> retry_at;
  std::string flow_token;
  s = env->db()->Transaction([&](SqlSession* session) {
    return SendCodeForProfile(env, session, request.caller(), query, &outcome,
                              &retry_at, &flow_token);
  });
  if (!s.ok()) return s;
  return AnswerCodeRequest(request, env, outcome, SendFailure::kByProfile, retry_at,
                           flow_token, response);
}

}  // namespace passwd

int main() {
  return passwd::RunPage(
      {"send_profile", {"GET", "POST"}, passwd::HandleSendProfile});
}
