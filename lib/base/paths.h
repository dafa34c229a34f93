// Every URL path and cookie name of the site, in one place: pages redirect
// to them, mails link to them, cookies are scoped by them. They sit in base/
// because mails and flows build links too, not only the web layer.
#ifndef PASSWD_LIB_BASE_PATHS_H_
#define PASSWD_LIB_BASE_PATHS_H_

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
// kAdminPrefix.
inline constexpr char kFlowCookie[] = "passwd_flow";
inline constexpr char kReceiptCookie[] = "passwd_receipt";
inline constexpr char kPublicCsrfCookie[] = "passwd_csrf";
inline constexpr char kAdminSessionCookie[] = "passwd_admin";
inline constexpr char kAdminCsrfCookie[] = "passwd_admin_csrf";

}  // namespace passwd

#endif  // PASSWD_LIB_BASE_PATHS_H_
