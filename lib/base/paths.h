// Every URL path and cookie name of the site, in one place: pages redirect
// to them, mails link to them, cookies are scoped by them. They sit in base/
// because mails and flows build links too, not only the web layer.
#ifndef PASSWD_LIB_BASE_PATHS_H_
#define PASSWD_LIB_BASE_PATHS_H_

#include <string>

namespace passwd {

// The public pages (cgi-open-bin layout of the legacy site).
inline constexpr char kPublicPrefix[] = "/cgi-open-bin/passwd/";
inline constexpr char kIndexPath[] = "/cgi-open-bin/passwd/index";
inline constexpr char kCodePath[] = "/cgi-open-bin/passwd/code";
inline constexpr char kNewPasswordPath[] = "/cgi-open-bin/passwd/new_password";
inline constexpr char kDonePath[] = "/cgi-open-bin/passwd/done";
inline constexpr char kOperatorRequestPath[] =
    "/cgi-open-bin/passwd/operator_request";
inline constexpr char kNotMePath[] = "/cgi-open-bin/passwd/not_me";
inline constexpr char kOperatorLinkPath[] =
    "/cgi-open-bin/passwd/operator_link";

// The operator console.
inline constexpr char kAdminPrefix[] = "/cgi-bin/passwd-admin/";
inline constexpr char kAdminLoginPath[] = "/cgi-bin/passwd-admin/login";
inline constexpr char kAdminHomePath[] = "/cgi-bin/passwd-admin/queue";
inline constexpr char kAdminRequestPath[] = "/cgi-bin/passwd-admin/request";
inline constexpr char kAdminAddressChangePath[] =
    "/cgi-bin/passwd-admin/address_change";
inline constexpr char kAdminAuditPath[] = "/cgi-bin/passwd-admin/audit";
// One account: its password changes and their deliveries, flows, requests,
// mails and audit rows (GET ?id=<umin_id>).
inline constexpr char kAdminAccountPath[] = "/cgi-bin/passwd-admin/account";
// Deliveries that failed, and (POST id=<password_sync_queue.id>,
// csrf_token=...) the audited "retry now".
inline constexpr char kAdminDeliveriesPath[] =
    "/cgi-bin/passwd-admin/deliveries";
inline constexpr char kAdminDeliveryRetryPath[] =
    "/cgi-bin/passwd-admin/delivery_retry";
// Mails that failed, and (POST id=<mail_outbox.id>, csrf_token=...) the
// audited "retry now".
inline constexpr char kAdminMailsPath[] = "/cgi-bin/passwd-admin/mails";
inline constexpr char kAdminMailRetryPath[] =
    "/cgi-bin/passwd-admin/mail_retry";
// Prometheus text exposition; behind the console's address allow-list, no
// session.
inline constexpr char kAdminMetricsPath[] = "/cgi-bin/passwd-admin/metrics";

// Cookies: the public ones are scoped to kPublicPrefix, the console's to
// kAdminPrefix (on plain HTTP; see ServedCookieName). The code names them
// by these base names; ServedCookieName and ServedCookiePath decide, for
// reading and writing alike, what the browser holds.
inline constexpr char kFlowCookie[] = "passwd_flow";
inline constexpr char kReceiptCookie[] = "passwd_receipt";
inline constexpr char kPublicCsrfCookie[] = "passwd_csrf";
inline constexpr char kAdminSessionCookie[] = "passwd_admin";
// The console's pre-session CSRF cookie: it guards the login form only
// (web/csrf.h); a signed-in operator's forms are bound to the session.
inline constexpr char kAdminCsrfCookie[] = "passwd_admin_csrf";
// The language the user picked with the 日本語 / English link ("ja" or
// "en"; docs/i18n.md). Scoped to kLangCookiePath so nginx's static error
// pages see it too, and SameSite=Lax so a link in a mail opens in it. Not
// in kSiteCookies: it guards nothing, so a second one (the first wins)
// must not lock the user out.
inline constexpr char kLangCookie[] = "passwd_lang";
inline constexpr char kLangCookiePath[] = "/";
// Every cookie the site reads and relies on: a request carrying one of
// them twice is refused (web/request.h).
inline constexpr const char* kSiteCookies[] = {
    kFlowCookie, kReceiptCookie, kPublicCsrfCookie, kAdminSessionCookie,
    kAdminCsrfCookie};

// The prefix that makes a browser keep a cookie only when it is Secure,
// host-only (no Domain) and scoped to Path=/, so that no other host of the
// site can set or shadow it.
inline constexpr char kHostCookiePrefix[] = "__Host-";

// The name cookie `name` goes by: with kHostCookiePrefix when cookies are
// served Secure (over TLS), else `name` itself (the plain-HTTP development
// stack, where a browser would refuse the prefix).
inline std::string ServedCookieName(const std::string& name, bool secure) {
  return secure ? kHostCookiePrefix + name : name;
}

// The path a cookie scoped to `path` is served with: "/" when Secure (the
// prefix demands it), else `path`.
inline std::string ServedCookiePath(const std::string& path, bool secure) {
  return secure ? "/" : path;
}

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_PATHS_H_
