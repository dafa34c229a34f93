"""Steps of the password renewal flow as a browser takes them, shared by the
integration tests."""
import re
import secrets
import unittest

import harness

SEND_ID = "/cgi-open-bin/passwd/send_id"
SEND_PROFILE = "/cgi-open-bin/passwd/send_profile"
CODE = "/cgi-open-bin/passwd/code"
NEW_PASSWORD = "/cgi-open-bin/passwd/new_password"
DONE = "/cgi-open-bin/passwd/done"
FLOW_COOKIE = "passwd_flow"
UMIN_DOMAIN = "umin.ac.jp"


class FlowTestCase(unittest.TestCase):
    """A test of the public pages: before each test the rate limits are
    forgotten and the clock offset cleared; it gets its own browser
    (self.browser) and the mailbox with a mark of what was there before
    (self.mailbox, self.mark)."""

    def setUp(self):
        reset_limits()
        harness.clear_clock_offset()
        self.browser = harness.Browser()
        self.mailbox = harness.Mailbox()
        self.mark = self.mailbox.mark()

    def tearDown(self):
        harness.clear_clock_offset()
        reset_limits()
        self.browser.close()


def forget_audit_bound(cnf=None):
    """Forgets which refusals the audit log kept (store/audit's bound of
    refusals per kind, address group and hour), so that a test's refusals
    are logged whatever the tests before it refused."""
    harness.db_exec("DELETE FROM rate_limit_events WHERE scope IN "
                    "('audit_refusal', 'audit_refusal_notice')", cnf=cnf)


def metric_counters():
    """{name: value} of the metrics page's umin_passwd_<name>_total."""
    response = harness.Browser().get("/cgi-bin/passwd-admin/metrics")
    assert response.status_code == 200, response.status_code
    return {m.group(1): int(float(m.group(2))) for m in re.finditer(
        r"^umin_passwd_(\w+)_total (\S+)$", response.text, re.M)}


def reset_limits(cnf=None):
    """Forgets every rate-limited event, so tests do not limit each other
    (of the database CNF names, default the stack's)."""
    harness.db_exec("DELETE FROM rate_limit_events", cnf=cnf)


def fresh_account(category="individual", external_mail="auto", **fields):
    """Inserts a new account with a unique UMIN ID and returns the ID."""
    umin_id = "t%s-x" % secrets.token_hex(4)
    if external_mail == "auto":
        external_mail = "%s@example.org" % umin_id
    row = {
        "family_name": "試験", "given_name": "太郎",
        "family_reading": "しけん", "given_reading": "たろう",
        "gender": "male", "birth_date": "1981-02-03",
    }
    row.update(fields)
    harness.db_exec(
        "INSERT INTO accounts (umin_id, family_name, given_name, "
        "family_reading, given_reading, gender, birth_date, external_mail, "
        "category, created_at, updated_at) VALUES "
        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(), "
        "UTC_TIMESTAMP())",
        [umin_id, row["family_name"], row["given_name"],
         row["family_reading"], row["given_reading"], row["gender"],
         row["birth_date"], external_mail, category])
    return umin_id


def umin_address(umin_id):
    return "%s@%s" % (umin_id, UMIN_DOMAIN)


def request_code_by_id(browser, typed_id):
    """Opens send_id and submits TYPED_ID; returns the POST's response."""
    page = browser.get(SEND_ID)
    assert page.status_code == 200, page.status_code
    return browser.submit(SEND_ID, {"umin_id": typed_id})


def request_code_by_profile(browser, **fields):
    """Opens send_profile and submits FIELDS; returns the POST's response."""
    page = browser.get(SEND_PROFILE)
    assert page.status_code == 200, page.status_code
    return browser.submit(SEND_PROFILE, fields)


CODE_LINE = re.compile(r"^\s*(\d{10})\s*$", re.M)


def code_from_mail(msg):
    """The access code in an access-code mail."""
    found = CODE_LINE.findall(harness.body_text(msg))
    assert len(found) == 1, "expected one 10-digit code line, got %r" % found
    return found[0]


def wait_for_code(mailbox, to, since, timeout=15, poll=0.1):
    """Waits for the access-code mail to TO newer than SINCE; its code."""
    return code_from_mail(mailbox.wait_for_one(to, since=since,
                                               timeout=timeout, poll=poll))


def enter_code(browser, code):
    """Submits CODE on the code page (opening it first for the token)."""
    browser.get(CODE)
    return browser.submit(CODE, {"access_code": code})


def set_new_password(browser, password):
    """Submits PASSWORD twice on the new password page (opening it first for
    the token)."""
    browser.get(NEW_PASSWORD)
    return browser.submit(NEW_PASSWORD, {
        "password": password, "password_confirmation": password})


def renew(umin_id, password, base_url=None, mailbox=None):
    """Sets UMIN_ID's password through the pages (of the stack at BASE_URL,
    its mail in MAILBOX; default the stack's): a code by ID, the code from
    its mail, the new password; returns the new password page's answer (a
    303 to the done page when accepted)."""
    browser = harness.Browser(base_url=base_url)
    mailbox = mailbox or harness.Mailbox()
    mark = mailbox.mark()
    request_code_by_id(browser, umin_id)
    code = wait_for_code(mailbox, umin_address(umin_id), mark)
    enter_code(browser, code)
    return set_new_password(browser, password)


def flow_row(umin_id):
    """The newest reset_flows row of UMIN_ID, as a dict."""
    rows = harness.db_query(
        "SELECT * FROM reset_flows WHERE umin_id = %s ORDER BY id DESC "
        "LIMIT 1", [umin_id])
    return rows[0] if rows else None


def audit_events(umin_id):
    """The audit events of UMIN_ID, oldest first."""
    return [r["event"] for r in harness.db_query(
        "SELECT event FROM audit_log WHERE umin_id = %s ORDER BY id",
        [umin_id])]
