"""The operator console under /cgi-bin/passwd-admin/: login, lockouts and
logout; session timeouts (test clock); pages without a session; CSRF; the
queue, a request's detail and its actions, each in the audit log with the
operator's name; the access-code link a user completes the flow from; the
audit page; the two-operator rule for an address change."""
import hashlib
import html
import os
import re
import secrets
import subprocess
import unittest
import urllib.parse

import a11y
import flows
import harness

CONSOLE = "/cgi-bin/passwd-admin/"
LOGIN = CONSOLE + "login"
LOGOUT = CONSOLE + "logout"
QUEUE = CONSOLE + "queue"
REQUEST = CONSOLE + "request"
ACTION = CONSOLE + "action"
AUDIT = CONSOLE + "audit"
ADDRESS_CHANGE = CONSOLE + "address_change"
LINK_PAGE = "/cgi-open-bin/passwd/operator_link"

DEMO_LOGIN = "demo-op"
DEMO_PASSWORD = "Demo#Op3r8"
DEMO_NAME = "デモ オペレータ"
SECOND_LOGIN = "t-second-op"
SECOND_PASSWORD = "Second#Op9x"
SECOND_NAME = "第二 オペレータ"
LOGIN_SCOPE = "admin_login_address"

# The queue's receipt cells and the lists' page links.
RECEIPT_CELL = re.compile(r'<td><a href="/cgi-bin/passwd-admin/request\?id=\d+">([^<]+)</a></td>')
NEXT_LINK = re.compile(r'<a href="([^"]+)" rel="next">')
PREVIOUS_LINK = re.compile(r'<a href="([^"]+)" rel="prev">')
LAST_LINK = re.compile(r'<a href="([^"]+)" rel="last">')
AUDIT_DETAIL_CELL = re.compile(r"<td>(row-\d+)</td>\n</tr>")
LINK_RE = re.compile(r"/cgi-open-bin/passwd/operator_link\?t=([A-Za-z0-9_-]{43})")


def passwdctl(*args, password=""):
    """Runs umin-passwdctl (build/tools/passwdctl); (exit status, output)."""
    tool = os.path.join(harness.root(), "build", "tools", "passwdctl")
    env = dict(os.environ, PASSWD_CONFIG=harness.config_path())
    proc = subprocess.run([tool] + list(args), input=password.encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, timeout=60)
    return proc.returncode, proc.stdout.decode()


def add_operator(login, name, password):
    """Creates or resets an operator with umin-passwdctl add-operator."""
    tool = os.path.join(harness.root(), "build", "tools", "passwdctl")
    env = dict(os.environ, PASSWD_CONFIG=harness.config_path())
    proc = subprocess.run([tool, "add-operator", login, name],
                          input=password.encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=env, timeout=60)
    if proc.returncode != 0:
        raise AssertionError("add-operator failed: %s" % proc.stdout.decode())
    return proc.stdout.decode()


def unlock(*logins):
    for login in logins:
        harness.db_exec("UPDATE operators SET failed_logins = 0, "
                        "locked_until = NULL WHERE login = %s", [login])


def forget_login_failures():
    harness.db_exec("DELETE FROM rate_limit_events WHERE scope = %s",
                    [LOGIN_SCOPE])


def login(browser, login_name=DEMO_LOGIN, password=DEMO_PASSWORD):
    """Opens the login page and submits; returns the POST's response."""
    page = browser.get(LOGIN)
    assert page.status_code == 200, page.status_code
    return browser.submit(LOGIN, {"login": login_name, "password": password})


def signed_in_browser(login_name=DEMO_LOGIN, password=DEMO_PASSWORD):
    browser = harness.Browser()
    response = login(browser, login_name, password)
    assert response.status_code == 303, (response.status_code,
                                         harness.text(response.text))
    assert harness.location_path(response) == QUEUE
    return browser


def insert_request(**fields):
    """Inserts an operator request; returns (id, receipt number)."""
    receipt = "T%s-%s" % (secrets.token_hex(3).upper(), secrets.token_hex(2).upper())
    row = {
        "umin_id": None, "family_name": "試験", "given_name": "花子",
        "family_reading": "しけん", "given_reading": "はなこ",
        "birth_date": "1970-01-02", "affiliation": "試験病院",
        "contact_mail": "applicant-%s@example.org" % secrets.token_hex(4),
        "reason": "code_not_received", "message": "届きません。\n二行目",
        "priority": 0, "status": "new", "age_minutes": 0,
    }
    row.update(fields)
    harness.db_exec(
        "INSERT INTO operator_requests (receipt_number, umin_id, family_name, "
        "given_name, family_reading, given_reading, birth_date, affiliation, "
        "contact_mail, reason, message, priority, status, client_address, "
        "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "%s, %s, %s, %s, '127.0.0.1', "
        "UTC_TIMESTAMP() - INTERVAL %s MINUTE, UTC_TIMESTAMP())",
        [receipt, row["umin_id"], row["family_name"], row["given_name"],
         row["family_reading"], row["given_reading"], row["birth_date"],
         row["affiliation"], row["contact_mail"], row["reason"],
         row["message"], row["priority"], row["status"], row["age_minutes"]])
    request_id = int(harness.db_value(
        "SELECT id FROM operator_requests WHERE receipt_number = %s", [receipt]))
    return request_id, receipt


def request_row(request_id):
    return harness.db_query("SELECT * FROM operator_requests WHERE id = %s",
                            [request_id])[0]


def unique_birth_date():
    """A birth date no other test account has, so matches are ours only."""
    n = secrets.randbelow(20000)
    return "19%02d-%02d-%02d" % (10 + n % 80, 1 + (n // 80) % 12, 1 + n % 28)


def act(browser, request_id, action, **fields):
    """Opens the request's page and posts one action from it."""
    page = browser.get("%s?id=%d" % (REQUEST, request_id))
    assert page.status_code == 200, page.status_code
    data = {"csrf_token": harness.csrf_token(page.text), "id": str(request_id),
            "action": action}
    data.update(fields)
    return browser.post(ACTION, data=data)


def audit_rows(**where):
    clauses, params = [], []
    for column, value in where.items():
        clauses.append("%s = %%s" % column)
        params.append(value)
    return harness.db_query(
        "SELECT * FROM audit_log WHERE %s ORDER BY id" % " AND ".join(clauses),
        params)


def audit_table(page):
    """The rows part of the audit page (its filter lists every event)."""
    start = page.find('<table class="events audit">')
    return page[start:] if start >= 0 else ""


def session_cookie_header(response):
    for part in response.raw.headers.get_all("Set-Cookie") or []:
        if part.startswith("passwd_admin="):
            return part
    return None


class ConsoleTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        add_operator(DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD)
        add_operator(SECOND_LOGIN, SECOND_NAME, SECOND_PASSWORD)

    def setUp(self):
        harness.clear_clock_offset()
        forget_login_failures()
        flows.reset_limits()
        unlock(DEMO_LOGIN, SECOND_LOGIN)
        self.mailbox = harness.Mailbox()

    def tearDown(self):
        harness.clear_clock_offset()
        forget_login_failures()
        unlock(DEMO_LOGIN, SECOND_LOGIN)


class LoginAndSession(ConsoleTestCase):
    def test_pages_without_a_session_redirect_to_login(self):
        browser = harness.Browser()
        for path in ["queue", "request?id=1", "audit", "address_change",
                     "deliveries"]:
            response = browser.get(CONSOLE + path)
            self.assertEqual(response.status_code, 303, path)
            self.assertEqual(harness.location_path(response), LOGIN, path)
        for path in ["action", "logout", "address_change", "delivery_retry"]:
            response = browser.post(CONSOLE + path, data={"action": "take", "id": "1"})
            self.assertEqual(response.status_code, 303, path)
            self.assertEqual(harness.location_path(response), LOGIN, path)
        # A made-up cookie is no session either.
        browser.session.cookies.set("passwd_admin", "x" * 43, path=CONSOLE)
        self.assertEqual(browser.get(QUEUE).status_code, 303)

    def test_the_console_root_leads_to_login_or_to_the_queue(self):
        browser = harness.Browser()
        response = browser.get(CONSOLE)
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertEqual(harness.location_path(response), LOGIN)
        page = browser.get(LOGIN)
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="password"', page.text)
        # Signed in, the same address ends on the queue.
        signed_in = signed_in_browser()
        response = signed_in.get(CONSOLE)
        self.assertEqual(harness.location_path(response), LOGIN)
        response = signed_in.get(LOGIN)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), QUEUE)
        self.assertEqual(signed_in.get(CONSOLE, follow_redirects=True).url,
                         harness.url(QUEUE))

    def test_the_login_error_is_tied_to_its_inputs(self):
        forget_login_failures()
        browser = harness.Browser()
        response = login(browser, DEMO_LOGIN, "wrong-password")
        self.assertEqual(response.status_code, 200)
        for input_id in ["login", "password"]:
            invalid, texts = a11y.described_texts(response.text, input_id)
            self.assertEqual(invalid, "true")
            self.assertIn("ログインIDまたはパスワードが正しくありません。", texts)
        forget_login_failures()
        unlock(DEMO_LOGIN)

    def test_the_public_prefix_reaches_no_console_page(self):
        browser = harness.Browser()
        for name in ["login", "logout", "queue", "request", "action", "audit",
                     "address_change", "deliveries", "delivery_retry"]:
            for prefix in ["/cgi-open-bin/passwd/", "/cgi-open-bin/passwd-admin/",
                           "/cgi-open-bin/passwd/admin-"]:
                response = browser.get(prefix + name)
                self.assertEqual(response.status_code, 404, prefix + name)
                self.assertNotIn("passwd_admin", response.headers.get("Set-Cookie", ""))
        # The console's cookies never travel to the public pages.
        response = login(browser)
        for cookie in browser.cookies:
            if cookie.name.startswith("passwd_admin"):
                self.assertEqual(cookie.path, CONSOLE)

    def test_login_and_logout(self):
        browser = harness.Browser()
        response = login(browser)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), QUEUE)
        cookie = session_cookie_header(response)
        self.assertIsNotNone(cookie)
        self.assertIn("Path=/cgi-bin/passwd-admin/", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        token = browser.cookie("passwd_admin")
        # Stored only as a hash.
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_sessions WHERE token_hash = %s",
            [token]), "0")

        queue = browser.get(QUEUE)
        self.assertEqual(queue.status_code, 200)
        self.assertIn(DEMO_NAME, queue.text)
        self.assertIn("ログアウト", queue.text)
        self.assertTrue(audit_rows(event="admin_login", operator_name=DEMO_LOGIN))
        # Signed in, the login page leads to the queue.
        self.assertEqual(harness.location_path(browser.get(LOGIN)), QUEUE)

        logged_out = browser.submit(LOGOUT, {}, page=queue.text)
        self.assertEqual(logged_out.status_code, 303)
        self.assertEqual(harness.location_path(logged_out), LOGIN + "?logged_out=1")
        self.assertEqual(browser.get(QUEUE).status_code, 303)
        self.assertIsNotNone(harness.db_value(
            "SELECT ended_at FROM operator_sessions WHERE token_hash = %s",
            [hashlib.sha256(token.encode()).hexdigest()]))
        # The old cookie opens nothing any more.
        other = harness.Browser()
        other.session.cookies.set("passwd_admin", token, path=CONSOLE)
        self.assertEqual(other.get(QUEUE).status_code, 303)
        self.assertTrue(audit_rows(event="admin_logout", operator_name=DEMO_LOGIN))

    def test_signing_in_again_ends_the_session_the_browser_had(self):
        first = signed_in_browser()
        token = first.cookie("passwd_admin")
        again = harness.Browser()
        page = again.get(LOGIN)
        # As the browser would hold it (host-only for this host), so that
        # the new session's cookie replaces it: one of another domain next
        # to it would be a planted second cookie, refused with 400 (t0150).
        again.session.cookies.set(
            "passwd_admin", token, path=CONSOLE,
            domain=urllib.parse.urlsplit(harness.base_url()).hostname)
        response = again.submit(LOGIN, {"login": DEMO_LOGIN,
                                        "password": DEMO_PASSWORD},
                                page=page.text)
        self.assertEqual(response.status_code, 303)
        self.assertNotEqual(again.cookie("passwd_admin"), token)
        self.assertEqual(first.get(QUEUE).status_code, 303)
        self.assertEqual(again.get(QUEUE).status_code, 200)

    def test_wrong_password_is_refused_and_five_lock_the_operator(self):
        login_name = "t-lock-%s" % secrets.token_hex(3)
        password = "Lock#Test%s" % secrets.token_hex(3)
        add_operator(login_name, "ロック 試験", password)
        browser = harness.Browser()
        for attempt in range(1, 5):
            response = login(browser, login_name, "Wrong#Pass%d" % attempt)
            self.assertEqual(response.status_code, 200)
            self.assertIn("ログインIDまたはパスワードが正しくありません。", response.text)
            self.assertIsNone(browser.cookie("passwd_admin"))
        response = login(browser, login_name, "Wrong#Pass5")
        self.assertIn("ロックされています", response.text)
        self.assertTrue(audit_rows(event="admin_login_locked", operator_name=login_name))
        # Locked: even the right password does not open a session.
        response = login(browser, login_name, password)
        self.assertEqual(response.status_code, 200)
        self.assertIn("ロックされています", response.text)
        self.assertIsNone(browser.cookie("passwd_admin"))
        # An unknown login gets the same answer as a wrong password, and is
        # not stored: it may be a password typed into the wrong field.
        typed = "t-nobody-%s" % secrets.token_hex(3)
        response = login(browser, typed, password)
        self.assertIn("ログインIDまたはパスワードが正しくありません。", response.text)
        self.assertTrue(harness.db_query(
            "SELECT id FROM audit_log WHERE event = 'admin_login_failed' AND "
            "operator_name IS NULL AND detail = %s",
            ["no such operator (unknown login)"]))
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM audit_log WHERE operator_name = %s "
            "OR detail LIKE %s", [typed, "%" + typed + "%"]), "0")
        # 15 minutes later the lock is over.
        harness.set_clock_offset(16 * 60)
        response = login(browser, login_name, password)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), QUEUE)

    def test_an_unknown_login_is_answered_like_a_real_one(self):
        # Wrong four times, then "locked": the answers do not tell which
        # logins exist.
        browser = harness.Browser()
        typed = "t-ghost-%s" % secrets.token_hex(3)
        for attempt in range(4):
            response = login(browser, typed, "Wrong#Pass%d" % attempt)
            self.assertIn("ログインIDまたはパスワードが正しくありません。", response.text)
        for attempt in range(2):
            response = login(browser, typed, "Wrong#Pass9")
            self.assertIn("ロックされています", response.text)
        self.assertIsNone(browser.cookie("passwd_admin"))
        # Another unknown login is not affected.
        response = login(browser, typed + "x", "Wrong#Pass0")
        self.assertIn("ログインIDまたはパスワードが正しくありません。", response.text)

    def test_twenty_failures_from_one_address_stop_logins_for_an_hour(self):
        browser = harness.Browser()
        for attempt in range(20):
            response = login(browser, "t-nobody-%d" % attempt, "Wrong#Pass00")
            self.assertEqual(response.status_code, 200)
        response = login(browser)
        self.assertEqual(response.status_code, 429)
        self.assertIn("以降に改めてお試しください。", response.text)
        self.assertIsNone(browser.cookie("passwd_admin"))
        self.assertTrue(audit_rows(event="admin_login_refused",
                                   detail="address rate limit"))
        harness.set_clock_offset(61 * 60)
        self.assertEqual(login(browser).status_code, 303)

    def test_idle_session_times_out(self):
        browser = signed_in_browser()
        harness.set_clock_offset(29 * 60)
        self.assertEqual(browser.get(QUEUE).status_code, 200)
        # 29 minutes after that use it is still alive ...
        harness.set_clock_offset(58 * 60)
        self.assertEqual(browser.get(QUEUE).status_code, 200)
        # ... 31 minutes after the last use it is over.
        harness.set_clock_offset(89 * 60)
        response = browser.get(QUEUE)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), LOGIN + "?timeout=1")
        page = browser.get(LOGIN + "?timeout=1")
        self.assertIn("再度ログインしてください", page.text)
        self.assertTrue(audit_rows(event="admin_session_ended",
                                   operator_name=DEMO_LOGIN, detail="idle timeout"))
        harness.set_clock_offset(90 * 60)
        self.assertEqual(browser.get(QUEUE).status_code, 303)

    def test_busy_session_ends_after_eight_hours(self):
        browser = signed_in_browser()
        for minutes in range(25, 8 * 60, 25):
            harness.set_clock_offset(minutes * 60)
            self.assertEqual(browser.get(QUEUE).status_code, 200, minutes)
        harness.set_clock_offset((8 * 60 + 1) * 60)
        response = browser.get(QUEUE)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(audit_rows(event="admin_session_ended",
                                   operator_name=DEMO_LOGIN,
                                   detail="absolute timeout"))

    def test_posts_without_csrf_token_are_refused(self):
        browser = signed_in_browser()
        request_id, _ = insert_request()
        before = len(audit_rows(event="admin_forbidden", operator_name=DEMO_LOGIN))
        response = browser.post(ACTION, data={"id": str(request_id), "action": "take"})
        self.assertEqual(response.status_code, 403)
        self.assertIn("この操作は受け付けられませんでした", response.text)
        self.assertEqual(request_row(request_id)["status"], "new")
        response = browser.post(ACTION, data={"id": str(request_id), "action": "take",
                                              "csrf_token": "forged"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(browser.post(LOGOUT, data={}).status_code, 403)
        self.assertEqual(browser.post(ADDRESS_CHANGE, data={"action": "propose"}).status_code,
                         403)
        rows = audit_rows(event="admin_forbidden", operator_name=DEMO_LOGIN)
        self.assertEqual(len(rows) - before, 4)
        self.assertTrue(any(r["request_ref"] == str(request_id) for r in rows))
        # Still signed in: the refusal ended nothing.
        self.assertEqual(browser.get(QUEUE).status_code, 200)
        # The login form wants its token too.
        anonymous = harness.Browser()
        anonymous.get(LOGIN)
        response = anonymous.post(LOGIN, data={"login": DEMO_LOGIN, "password": DEMO_PASSWORD})
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(anonymous.cookie("passwd_admin"))

    def test_logins_without_csrf_token_cannot_fill_the_audit_log(self):
        # 200 anonymous refusals: the audit log keeps 20 of them and one
        # notice, the metrics count all 200. An operator's own refusals are
        # not bounded.
        last_id = int(harness.db_value(
            "SELECT COALESCE(MAX(id), 0) FROM audit_log"))
        before = flows.metric_counters()
        anonymous = harness.Browser()
        anonymous.get(LOGIN)
        for _ in range(200):
            response = anonymous.post(LOGIN, data={"login": DEMO_LOGIN,
                                                   "password": "x"})
            self.assertEqual(response.status_code, 403)
        rows = harness.db_query(
            "SELECT event, operator_name, detail FROM audit_log "
            "WHERE id > %s AND event IN ('admin_forbidden', "
            "'audit_suppressed')", [last_id])
        refused = [r for r in rows if r["event"] == "admin_forbidden"]
        self.assertEqual(len(refused), 20)
        self.assertTrue(all(r["operator_name"] is None for r in refused))
        notices = [r for r in rows if r["event"] == "audit_suppressed"]
        self.assertEqual([r["detail"].split(":")[0] for r in notices],
                         ["admin_forbidden from 127.0.0.1"])
        after = flows.metric_counters()
        self.assertGreaterEqual(
            after["refused_requests"] - before["refused_requests"], 200)
        self.assertGreaterEqual(after["audit_rows_suppressed"]
                                - before["audit_rows_suppressed"], 180)
        # A signed-in operator's refusals are all logged, past the bound too.
        browser = signed_in_browser()
        last_id = int(harness.db_value("SELECT MAX(id) FROM audit_log"))
        for _ in range(25):
            self.assertEqual(browser.post(LOGOUT, data={}).status_code, 403)
        self.assertEqual(int(harness.db_value(
            "SELECT COUNT(*) FROM audit_log WHERE id > %s AND "
            "event = 'admin_forbidden' AND operator_name = %s",
            [last_id, DEMO_LOGIN])), 25)


class OperatorTool(ConsoleTestCase):
    def test_add_operator_creates_resets_unlocks_and_is_idempotent(self):
        name = "t-op-%s" % secrets.token_hex(3)
        self.assertIn("created", add_operator(name, "試験 係", "First#Pass42"))
        self.assertIn("unchanged", add_operator(name, "試験 係", "First#Pass42"))
        signed_in_browser(name, "First#Pass42")
        # Locked, then disabled: running it again unlocks, re-enables.
        for change in ["failed_logins = 5, locked_until = "
                       "UTC_TIMESTAMP() + INTERVAL 1 HOUR", "disabled = 1"]:
            harness.db_exec("UPDATE operators SET %s WHERE login = %%s"
                            % change, [name])
            self.assertIn("updated",
                          add_operator(name, "試験 係", "First#Pass42"))
            signed_in_browser(name, "First#Pass42")
        # A new password: the old one no longer opens a session.
        self.assertIn("updated", add_operator(name, "試験 係", "Second#Pass42"))
        self.assertEqual(login(harness.Browser(), name,
                               "First#Pass42").status_code, 200)
        signed_in_browser(name, "Second#Pass42")

    def test_disable_operator_ends_sessions_and_refuses_logins(self):
        name = "t-op-%s" % secrets.token_hex(3)
        add_operator(name, "無効 試験", "First#Pass42")
        browser = signed_in_browser(name, "First#Pass42")
        rc, out = passwdctl("disable-operator", name)
        self.assertEqual(rc, 0, out)
        self.assertIn("disabled", out)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_sessions s JOIN operators o "
            "ON o.id = s.operator_id WHERE o.login = %s AND s.ended_at IS NULL",
            [name]), "0")
        # Its open session no longer reaches the queue, nor does a login.
        response = browser.get(QUEUE)
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(login(harness.Browser(), name,
                               "First#Pass42").status_code, 200)
        rc, out = passwdctl("enable-operator", name)
        self.assertEqual(rc, 0, out)
        signed_in_browser(name, "First#Pass42")

    def test_unknown_operator_and_bad_usage_are_refused(self):
        rc, out = passwdctl("disable-operator", "no-such-operator")
        self.assertNotEqual(rc, 0)
        self.assertIn("no operator", out)
        rc, out = passwdctl("add-operator", "x", "名前", password="short")
        self.assertEqual(rc, 2, out)
        rc, _ = passwdctl("frobnicate")
        self.assertEqual(rc, 2)


class QueueAndRequests(ConsoleTestCase):
    def setUp(self):
        super().setUp()
        self.browser = signed_in_browser()

    def queue(self, **params):
        response = self.browser.get(QUEUE, params=params)
        self.assertEqual(response.status_code, 200)
        return response.text

    def walk(self, path, params, row_key):
        """Follows a list's "next" links from its first page; returns every
        page's keys (row_key(page text) -> list) and the page count."""
        seen, pages = [], 0
        response = self.browser.get(path, params=params)
        while True:
            self.assertEqual(response.status_code, 200)
            pages += 1
            seen.extend(row_key(response.text))
            link = NEXT_LINK.search(response.text)
            if not link:
                return seen, pages
            self.assertLess(pages, 1000, "no end to the pages")
            response = self.browser.get(html.unescape(link.group(1)))

    def test_pagination_walks_every_request_once_in_both_orders(self):
        # 12,000 closed requests: one in seven priority, three at a time
        # sharing a receipt time (the id breaks the tie), under a name no
        # other request has.
        marker = "P%s-" % secrets.token_hex(3).upper()
        name = "頁送" + marker[1:-1].lower()
        self.addCleanup(harness.db_exec,
                        "DELETE FROM operator_requests WHERE receipt_number "
                        "LIKE %s", [marker + "%"])
        harness.db_exec(
            "INSERT INTO operator_requests (receipt_number, family_name, "
            "given_name, family_reading, given_reading, search_name, "
            "search_reading, affiliation, contact_mail, reason, message, "
            "priority, status, client_address, created_at, updated_at) "
            "SELECT CONCAT(%s, seq), %s, '一括', 'しけん', 'いっかつ', "
            "CONCAT(%s, '一括'), 'しけんいっかつ', '', 'bulk@example.org', "
            "'other', '', seq %% 7 = 0, 'closed', '127.0.0.1', "
            "UTC_TIMESTAMP() - INTERVAL 1 DAY + INTERVAL seq DIV 3 SECOND, "
            "UTC_TIMESTAMP() FROM seq_1_to_12000", [marker, name, name])
        newest = [r["receipt_number"] for r in harness.db_query(
            "SELECT receipt_number FROM operator_requests WHERE "
            "receipt_number LIKE %s ORDER BY priority DESC, created_at DESC, "
            "id DESC", [marker + "%"])]
        oldest = [r["receipt_number"] for r in harness.db_query(
            "SELECT receipt_number FROM operator_requests WHERE "
            "receipt_number LIKE %s ORDER BY priority DESC, created_at, id",
            [marker + "%"])]
        self.assertEqual(len(newest), 12000)
        self.assertEqual(len(set(newest)), 12000)
        self.assertNotEqual(newest, list(reversed(oldest)))  # priority first

        def receipts(page):
            return RECEIPT_CELL.findall(page)

        def ours(page):
            return [r for r in receipts(page) if r.startswith(marker)]

        for order, expected in [("newest", newest), ("oldest", oldest)]:
            # Searched for (the search's statements) and as the whole
            # "closed" view (the view's statements), every request once, in
            # order, 50 a page.
            seen, pages = self.walk(QUEUE, {"status": "closed", "q": name,
                                            "order": order}, receipts)
            self.assertEqual(seen, expected, order)
            self.assertEqual(pages, 240, order)
            seen, _ = self.walk(QUEUE, {"status": "closed", "order": order},
                                ours)
            self.assertEqual(seen, expected, order)

        # The count stops at 10,000; the previous page of the third is the
        # second; the last page ends the list.
        first = self.queue(status="closed", q=name)
        self.assertIn("10000件以上", first)
        second = self.browser.get(html.unescape(
            NEXT_LINK.search(first).group(1))).text
        third = self.browser.get(html.unescape(
            NEXT_LINK.search(second).group(1))).text
        self.assertEqual(receipts(third), newest[100:150])
        back = self.browser.get(html.unescape(
            PREVIOUS_LINK.search(third).group(1))).text
        self.assertEqual(receipts(back), newest[50:100])
        last = self.browser.get(html.unescape(
            LAST_LINK.search(first).group(1))).text
        self.assertEqual(receipts(last), newest[-50:])
        self.assertIsNone(NEXT_LINK.search(last))
        self.assertIsNone(PREVIOUS_LINK.search(first))
        # A page of fewer than 10,000 says how many exactly.
        page = self.queue(status="closed", q=marker + "123")
        self.assertIn('<p class="count">1件', page)
        self.assertEqual(receipts(page), [marker + "123"])

    def test_an_audit_filter_over_500_rows_shows_them_all_across_pages(self):
        # 1,234 events of one account, four at a time sharing a second.
        umin_id = "pg%s-audit" % secrets.token_hex(3)
        self.addCleanup(harness.db_exec,
                        "DELETE FROM audit_log WHERE umin_id = %s", [umin_id])
        harness.db_exec(
            "INSERT INTO audit_log (occurred_at, event, umin_id, "
            "client_address, detail) SELECT UTC_TIMESTAMP() - INTERVAL 2 HOUR "
            "+ INTERVAL seq DIV 4 SECOND, 'code_sent', %s, '127.0.0.1', "
            "CONCAT('row-', seq) FROM seq_1_to_1234", [umin_id])
        newest = [r["detail"] for r in harness.db_query(
            "SELECT detail FROM audit_log WHERE umin_id = %s "
            "ORDER BY occurred_at DESC, id DESC", [umin_id])]
        self.assertEqual(len(newest), 1234)

        def details(page):
            return AUDIT_DETAIL_CELL.findall(audit_table(page))

        for order, expected in [("newest", newest),
                                ("oldest", list(reversed(newest)))]:
            for params in [{"umin_id": umin_id.upper()},
                           {"umin_id": umin_id, "event": "code_sent"}]:
                params["order"] = order
                seen, pages = self.walk(AUDIT, params, details)
                self.assertEqual(seen, expected, params)
                self.assertEqual(pages, 25, params)
        page = self.browser.get(AUDIT, params={"umin_id": umin_id}).text
        self.assertIn('<p class="count">1234件</p>', page)
        # The links keep the filter as typed.
        self.assertIn("umin_id=" + umin_id, html.unescape(
            NEXT_LINK.search(page).group(1)))

    def test_page_parameters_that_name_nothing_show_the_first_page(self):
        first = self.queue(status="all")
        expected = RECEIPT_CELL.findall(first)
        self.assertTrue(expected)
        for params in [{"after": "abc"}, {"before": "-1"}, {"after": "0"},
                       {"after": "99999999999"}, {"order": "sideways"},
                       {"page": "first"}, {"after": "1" * 40}]:
            params["status"] = "all"
            page = self.queue(**params)
            self.assertEqual(RECEIPT_CELL.findall(page), expected, params)
            self.assertIn('<option value="newest" selected>', page, params)
        for params in [{"after": "abc"}, {"before": "x"}, {"order": "?"}]:
            response = self.browser.get(AUDIT, params=params)
            self.assertEqual(response.status_code, 200, params)

    def test_queue_filters_and_searches(self):
        tag = secrets.token_hex(3)
        old_id, old_receipt = insert_request(
            family_name="待合" + tag, family_reading="まちあい", age_minutes=600)
        urgent_id, urgent_receipt = insert_request(
            family_name="優先" + tag, priority=1, reason="not_me", age_minutes=5)
        closed_id, closed_receipt = insert_request(
            family_name="完了" + tag, status="closed", umin_id="umin101-test")
        # The open view (the default) of this test's three requests: the
        # queue may hold more open requests than a page shows.
        page = self.queue(q=tag)
        self.assertIn(old_receipt, page)
        self.assertIn(urgent_receipt, page)
        self.assertNotIn(closed_receipt, page)
        # Priority first, though newer.
        self.assertLess(page.index(urgent_receipt), page.index(old_receipt))
        page = self.queue(status="closed", q=tag)
        self.assertIn(closed_receipt, page)
        self.assertNotIn(old_receipt, page)
        page = self.queue(status="new", q="待合" + tag)
        self.assertIn(old_receipt, page)
        self.assertNotIn(urgent_receipt, page)
        # The receipt number in lower case and full width.
        typed = old_receipt.lower().replace("t", "ｔ", 1)
        page = self.queue(q=typed)
        self.assertIn(old_receipt, page)
        self.assertNotIn(urgent_receipt, page)
        # A name with a space between family and given name; a reading in
        # katakana.
        page = self.queue(status="all", q="完了%s　花子" % tag)
        self.assertIn(closed_receipt, page)
        self.assertNotIn(old_receipt, page)
        page = self.queue(status="all", q="マチアイ")
        self.assertIn(old_receipt, page)
        page = self.queue(status="all", q="UMIN101-TEST")
        self.assertIn(closed_receipt, page)
        self.assertNotIn(old_receipt, page)
        page = self.queue(q="no-such-thing-" + tag)
        self.assertIn("該当する申請はありません。", page)

    def test_detail_shows_the_matching_accounts_and_their_events(self):
        birth = unique_birth_date()
        umin_id = flows.fresh_account(family_name="髙橋", given_name="健",
                                      family_reading="たかはし",
                                      given_reading="けん", birth_date=birth)
        other = flows.fresh_account(family_name="別人", birth_date=birth)
        # An event of the account: a code sent by the self-service flow.
        flows.request_code_by_id(harness.Browser(), umin_id)
        request_id, receipt = insert_request(
            family_name="高橋", given_name="健", family_reading="タカハシ",
            given_reading="ケン", birth_date=birth)
        page = self.browser.get(REQUEST, params={"id": request_id})
        self.assertEqual(page.status_code, 200)
        self.assertIn(receipt, page.text)
        self.assertIn('id="account-%s"' % umin_id, page.text)
        self.assertNotIn(other, page.text)
        self.assertIn("本人情報一致", page.text)
        self.assertIn("%s@example.org" % umin_id, page.text)
        self.assertIn("アクセスコード送信", harness.text(page.text))
        # The UMIN ID the applicant gave is offered too, marked.
        named_id, _ = insert_request(umin_id=other, birth_date="1999-09-09")
        page = self.browser.get(REQUEST, params={"id": named_id})
        self.assertIn('id="account-%s"' % other, page.text)
        self.assertIn("本人情報不一致", page.text)

    def test_unknown_request_is_404_and_audited(self):
        for typed in ["999999999", "abc", ""]:
            response = self.browser.get(REQUEST, params={"id": typed})
            self.assertEqual(response.status_code, 404, typed)
        response = act_on_missing(self.browser, 999999999)
        self.assertEqual(response.status_code, 404)
        # Also when the action's text is missing: the request is looked up
        # first.
        response = act_on_missing(self.browser, 999999998, "note", "")
        self.assertEqual(response.status_code, 404)
        rows = audit_rows(event="admin_not_found", operator_name=DEMO_LOGIN)
        self.assertTrue(any("999999998" in r["detail"] for r in rows))
        rows = audit_rows(event="admin_not_found", operator_name=DEMO_LOGIN)
        self.assertTrue(any("999999999" in r["detail"] for r in rows))

    def test_take_note_reject_and_close_are_audited(self):
        request_id, receipt = insert_request()
        contact = request_row(request_id)["contact_mail"]
        demo_id = harness.db_value("SELECT id FROM operators WHERE login = %s",
                                   [DEMO_LOGIN])

        response = act(self.browser, request_id, "take")
        self.assertEqual(response.status_code, 303)
        row = request_row(request_id)
        self.assertEqual((row["status"], row["operator_id"]), ("in_progress", demo_id))
        page = self.browser.get(harness.location_path(response))
        self.assertIn("この申請を担当にしました。", page.text)

        response = act(self.browser, request_id, "note", text="電話で本人確認済み <b>")
        self.assertEqual(response.status_code, 303)
        page = self.browser.get(harness.location_path(response))
        self.assertIn("電話で本人確認済み &lt;b&gt;", page.text)
        # An empty note is not stored.
        response = act(self.browser, request_id, "note", text="  ")
        self.assertIn("error=note", harness.location_path(response))
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_notes WHERE request_id = %s",
            [request_id]), "1")

        mark = self.mailbox.mark()
        reason = "ご本人様の確認ができませんでした。"
        response = act(self.browser, request_id, "reject", text=reason)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(request_row(request_id)["status"], "closed")
        mail = self.mailbox.wait_for_one(contact, since=mark)
        body = harness.body_text(mail)
        self.assertIn(reason, body)
        self.assertIn(receipt, body)

        for event in ["request_taken", "request_note", "request_rejected"]:
            rows = audit_rows(event=event, request_ref=request_id)
            self.assertEqual(len(rows), 1, event)
            self.assertEqual(rows[0]["operator_name"], DEMO_LOGIN, event)

        # Acting on a closed request is refused and audited.
        response = self.browser.post(ACTION, data={
            "csrf_token": harness.csrf_token(page.text), "id": str(request_id),
            "action": "take"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(request_row(request_id)["status"], "closed")
        self.assertTrue(audit_rows(event="admin_forbidden", request_ref=request_id))
        # So is an action that does not exist.
        other_id, _ = insert_request()
        response = act(self.browser, other_id, "delete")
        self.assertEqual(response.status_code, 403)
        self.assertTrue(audit_rows(event="admin_forbidden", request_ref=other_id))

        response = act(self.browser, other_id, "close", text="重複した申請")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(request_row(other_id)["status"], "closed")
        rows = audit_rows(event="request_closed", request_ref=other_id)
        self.assertEqual([r["operator_name"] for r in rows], [DEMO_LOGIN])

        # The audit page lists them, filtered by operator and request.
        page = self.browser.get(AUDIT, params={"operator": DEMO_LOGIN,
                                               "request": str(request_id)})
        self.assertEqual(page.status_code, 200)
        listed = audit_table(page.text)
        for event in ["request_taken", "request_note", "request_rejected",
                      "admin_forbidden"]:
            self.assertIn(event, listed)
        self.assertNotIn("request_closed", listed)
        self.assertIn("申請の却下", listed)
        page = self.browser.get(AUDIT, params={"event": "request_closed",
                                               "request": str(other_id)})
        listed = audit_table(page.text)
        self.assertIn("request_closed", listed)
        self.assertNotIn("request_taken", listed)
        page = self.browser.get(AUDIT, params={"operator": SECOND_LOGIN,
                                               "request": str(request_id)})
        self.assertIn("該当する記録はありません。", page.text)
        page = self.browser.get(AUDIT, params={"request": str(request_id),
                                               "from": "2000/01/01",
                                               "to": "2000-01-02"})
        self.assertIn("該当する記録はありません。", page.text)
        page = self.browser.get(AUDIT, params={"from": "yesterday"})
        self.assertIn("開始日はyyyy/mm/ddの形式で入力してください。", page.text)
        # Filters no row can match, in characters the ASCII columns refuse.
        for params in [{"umin_id": "山田"}, {"event": "ジャンク"},
                       {"operator": "山田"}]:
            with self.subTest(params=params):
                page = self.browser.get(AUDIT, params=params)
                self.assertEqual(page.status_code, 200)
                self.assertIn("該当する記録はありません。", page.text)

    def test_send_access_code_link_lets_the_user_finish_in_their_browser(self):
        birth = unique_birth_date()
        umin_id = flows.fresh_account(given_name="一", given_reading="はじめ",
                                      birth_date=birth)
        stranger = flows.fresh_account(birth_date=unique_birth_date())
        request_id, receipt = insert_request(given_name="一", given_reading="はじめ",
                                             birth_date=birth)
        external = "%s@example.org" % umin_id
        umin_address = flows.umin_address(umin_id)

        # An account the request does not match is refused.
        response = act(self.browser, request_id, "send_code", umin_id=stranger)
        self.assertEqual(response.status_code, 403)
        self.assertTrue(audit_rows(event="admin_forbidden", request_ref=request_id))

        mark = self.mailbox.mark()
        response = act(self.browser, request_id, "send_code", umin_id=umin_id)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(request_row(request_id)["status"], "waiting")
        mails = [self.mailbox.wait_for_one(to, since=mark)
                 for to in (external, umin_address)]
        tokens = set()
        for mail in mails:
            body = harness.body_text(mail)
            self.assertIn(receipt, body)
            self.assertIn("有効期限", body)
            found = LINK_RE.search(body)
            self.assertIsNotNone(found, body)
            tokens.add(found.group(1))
        self.assertEqual(len(tokens), 1)
        token = tokens.pop()
        sent = audit_rows(event="request_link_sent", request_ref=request_id,
                          operator_name=DEMO_LOGIN, umin_id=umin_id)
        self.assertEqual(len(sent), 1)
        # A matching account needs no reason, and its row notes none.
        self.assertNotIn("override", sent[0]["detail"])
        # Only the token's hash is stored; the code has not been sent yet.
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_link_tokens WHERE token_hash = %s",
            [token]), "0")
        self.assertIsNone(flows.flow_row(umin_id))

        user = harness.Browser()
        page = user.get(LINK_PAGE, params={"t": token})
        self.assertEqual(page.status_code, 200)
        self.assertIn("アクセスコード送信", page.text)
        self.assertIn(umin_id, page.text)
        # Opening the link (a mail scanner does) changed nothing.
        self.assertIsNone(flows.flow_row(umin_id))
        mark = self.mailbox.mark()
        response = user.submit(LINK_PAGE, {})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.CODE)
        self.assertIsNotNone(user.cookie(flows.FLOW_COOKIE))
        code = flows.wait_for_code(self.mailbox, external, mark)
        self.assertEqual(flows.wait_for_code(self.mailbox, umin_address, mark), code)
        self.assertEqual(flows.flow_row(umin_id)["via"], "operator")
        response = flows.enter_code(user, code)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.NEW_PASSWORD)
        self.assertEqual(flows.flow_row(umin_id)["state"], "verified")
        self.assertTrue(audit_rows(event="operator_link_used", request_ref=request_id,
                                   umin_id=umin_id))
        # The link works once.
        again = harness.Browser()
        page = again.get(LINK_PAGE, params={"t": token})
        self.assertIn("このリンクは使用できません", page.text)
        again.get(flows.SEND_ID)  # for a CSRF token
        refused = again.submit(LINK_PAGE, {"t": token})
        self.assertEqual(refused.status_code, 200)
        self.assertIn("このリンクは使用できません", refused.text)
        self.assertIsNone(again.cookie(flows.FLOW_COOKIE))
        # The detail page tells the operator the link was used; the audit
        # page finds the account's events.
        page = self.browser.get(REQUEST, params={"id": request_id})
        self.assertIn("使用済み", page.text)
        listed = audit_table(self.browser.get(AUDIT, params={
            "umin_id": umin_id.upper()}).text)
        for event in ["request_link_sent", "operator_link_used", "code_sent",
                      "code_verified"]:
            self.assertIn(event, listed)

    def test_an_account_that_does_not_match_needs_an_audited_reason(self):
        birth = unique_birth_date()
        umin_id = flows.fresh_account(given_name="四郎", given_reading="しろう",
                                      birth_date=birth)
        # The applicant named the account, but with another given name.
        request_id, _ = insert_request(umin_id=umin_id, given_name="五郎",
                                       given_reading="ごろう", birth_date=birth)
        addresses = ["%s@example.org" % umin_id, flows.umin_address(umin_id)]
        page = self.browser.get(REQUEST, params={"id": request_id}).text
        self.assertIn("本人情報不一致", page)
        self.assertIn('<span id="mismatch-%s">氏名、よみがな</span>' % umin_id,
                      page)
        self.assertIn('id="reason-%s" name="text"' % umin_id, page)

        mark = self.mailbox.mark()
        last_mail = int(harness.db_value(
            "SELECT COALESCE(MAX(id), 0) FROM mail_outbox"))
        for reason in [None, "", " 　\t", "電話で\n確認", "x" * 201]:
            fields = {"umin_id": umin_id}
            if reason is not None:
                fields["text"] = reason
            response = act(self.browser, request_id, "send_code", **fields)
            self.assertEqual(response.status_code, 303, repr(reason))
            self.assertIn("error=send_code", response.headers["Location"])
            page = self.browser.get(response.headers["Location"]).text
            self.assertIn("送る理由を200文字以内（改行なし）で入力してください。"
                          "リンクは送信していません。", page)
        # Nothing was sent: no link, no mail queued or delivered, no flow.
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_link_tokens WHERE request_id = %s",
            [request_id]), "0")
        for to in addresses:
            self.assertEqual(harness.db_value(
                "SELECT COUNT(*) FROM mail_outbox WHERE id > %s AND "
                "recipient = %s", [last_mail, to]), "0")
        self.assertEqual(request_row(request_id)["status"], "new")
        self.assertFalse(audit_rows(event="request_link_sent",
                                    request_ref=request_id))
        self.assertIsNone(flows.flow_row(umin_id))

        # With a reason the link goes out, and the audit row keeps the
        # reason, shown escaped.
        reason = "電話で生年月日と登録住所を確認 <b>本人</b> & 改名済み"
        response = act(self.browser, request_id, "send_code", umin_id=umin_id,
                       text=" %s " % reason)
        self.assertEqual(response.status_code, 303)
        self.assertIn("done=send_code", response.headers["Location"])
        for to in addresses:
            mails = self.mailbox.wait_for(to, since=mark, timeout=30)
            self.assertEqual(len(mails), 1, to)
            self.assertIsNotNone(LINK_RE.search(harness.body_text(mails[0])))
        sent = audit_rows(event="request_link_sent", request_ref=request_id,
                          operator_name=DEMO_LOGIN, umin_id=umin_id)
        self.assertEqual(len(sent), 1)
        self.assertTrue(sent[0]["detail"].endswith(
            "; identity mismatch (name, reading), override reason: " + reason),
            sent[0]["detail"])
        page = self.browser.get(REQUEST, params={"id": request_id}).text
        self.assertIn(html.escape(reason, quote=False), page)
        self.assertNotIn("<b>本人</b>", page)
        self.assertEqual(request_row(request_id)["status"], "waiting")

    def account_with_request(self, given_name, given_reading):
        """A fresh account and an operator request that matches it."""
        birth = unique_birth_date()
        umin_id = flows.fresh_account(birth_date=birth, given_name=given_name,
                                      given_reading=given_reading)
        request_id, _ = insert_request(birth_date=birth, given_name=given_name,
                                       given_reading=given_reading)
        return umin_id, request_id

    def send_link(self, request_id, umin_id):
        """Sends the account an operator link; returns the link's token."""
        mark = self.mailbox.mark()
        self.assertEqual(act(self.browser, request_id, "send_code",
                             umin_id=umin_id).status_code, 303)
        mail = self.mailbox.wait_for_one(flows.umin_address(umin_id), since=mark)
        return LINK_RE.search(harness.body_text(mail)).group(1)

    def test_link_expires_after_24_hours_and_a_newer_one_voids_it(self):
        umin_id, request_id = self.account_with_request("二郎", "じろう")
        tokens = [self.send_link(request_id, umin_id) for _ in range(2)]
        user = harness.Browser()
        self.assertIn("このリンクは使用できません",
                      user.get(LINK_PAGE, params={"t": tokens[0]}).text)
        self.assertIn(umin_id, user.get(LINK_PAGE, params={"t": tokens[1]}).text)
        harness.set_clock_offset(24 * 3600 + 60)
        self.assertIn("このリンクは使用できません",
                      user.get(LINK_PAGE, params={"t": tokens[1]}).text)

    def test_a_new_password_voids_the_open_links(self):
        umin_id, request_id = self.account_with_request("三郎", "さぶろう")
        to = flows.umin_address(umin_id)
        token = self.send_link(request_id, umin_id)
        user = harness.Browser()
        self.assertIn(umin_id, user.get(LINK_PAGE, params={"t": token}).text)
        # The user sets a password on their own, not through the link; the
        # link's page, still open, is sent afterwards.
        mark = self.mailbox.mark()
        self.assertEqual(flows.renew(umin_id, "Kq7mWz2x!Rv").status_code, 303)
        refused = user.submit(LINK_PAGE, {"t": token})
        self.assertEqual(refused.status_code, 200)
        self.assertIn("このリンクは使用できません", refused.text)
        self.assertIsNone(user.cookie(flows.FLOW_COOKIE))
        self.assertIn("このリンクは使用できません",
                      user.get(LINK_PAGE, params={"t": token}).text)
        self.assertEqual(flows.flow_row(umin_id)["state"], "done")
        self.assertTrue(audit_rows(event="password_changed", umin_id=umin_id,
                                   detail="via id, voided 1 operator link(s)"))
        page = self.browser.get(REQUEST, params={"id": request_id})
        self.assertIn("無効（新しいリンク、アドレス変更またはパスワード変更）",
                      page.text)
        # The not-me link of the completion mail works.
        mails = self.mailbox.wait_for(to, since=mark, count=2, timeout=30)
        not_me = re.search(r"/cgi-open-bin/passwd/not_me\?t=[A-Za-z0-9_-]{43}",
                           harness.body_text(mails[-1]))
        self.assertIsNotNone(not_me)
        page = harness.Browser().get(not_me.group(0))
        self.assertEqual(page.status_code, 200)
        self.assertIn("事務局へ連絡する", page.text)


def act_on_missing(browser, request_id, action="take", text=None):
    page = browser.get(QUEUE)
    data = {"csrf_token": harness.csrf_token(page.text),
            "id": str(request_id), "action": action}
    if text is not None:
        data["text"] = text
    return browser.post(ACTION, data=data)


class AddressChange(ConsoleTestCase):
    def propose(self, browser, umin_id, new_mail, reason="本人から電話で依頼"):
        page = browser.get(ADDRESS_CHANGE, params={"umin_id": umin_id})
        self.assertEqual(page.status_code, 200)
        return browser.post(ADDRESS_CHANGE, data={
            "csrf_token": harness.csrf_token(page.text), "action": "propose",
            "umin_id": umin_id, "new_mail": new_mail, "reason": reason,
            "request_id": ""})

    def decide(self, browser, proposal_id, action):
        page = browser.get(ADDRESS_CHANGE)
        return browser.post(ADDRESS_CHANGE, data={
            "csrf_token": harness.csrf_token(page.text), "action": action,
            "id": str(proposal_id)})

    def external_mail(self, umin_id):
        return harness.db_value("SELECT external_mail FROM accounts WHERE umin_id = %s",
                                [umin_id])

    def test_a_second_operator_must_approve(self):
        umin_id = flows.fresh_account()
        old_mail = "%s@example.org" % umin_id
        new_mail = "new-%s@example.net" % secrets.token_hex(4)
        first = signed_in_browser()
        second = signed_in_browser(SECOND_LOGIN, SECOND_PASSWORD)

        response = self.propose(first, umin_id, new_mail)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.external_mail(umin_id), old_mail)
        proposal_id = int(harness.db_value(
            "SELECT id FROM address_change_requests WHERE umin_id = %s", [umin_id]))
        self.assertTrue(audit_rows(event="address_change_proposed", umin_id=umin_id,
                                   operator_name=DEMO_LOGIN))
        page = first.get(ADDRESS_CHANGE)
        self.assertIn(new_mail, page.text)
        self.assertIn("他のオペレータの承認が必要です", page.text)
        # A second proposal for the same account waits for the first.
        response = self.propose(second, umin_id, "other@example.net")
        self.assertIn("承認待ちの提案があります", response.text)

        # The proposer cannot approve.
        response = self.decide(first, proposal_id, "approve")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.external_mail(umin_id), old_mail)
        self.assertTrue(audit_rows(event="admin_forbidden", umin_id=umin_id,
                                   operator_name=DEMO_LOGIN))

        mark = self.mailbox.mark()
        response = self.decide(second, proposal_id, "approve")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.external_mail(umin_id), new_mail)
        rows = audit_rows(event="address_change_approved", umin_id=umin_id)
        self.assertEqual([r["operator_name"] for r in rows], [SECOND_LOGIN])
        for to in (old_mail, new_mail, flows.umin_address(umin_id)):
            self.assertIn(umin_id, harness.body_text(self.mailbox.wait_for_one(to, since=mark)))
        # Decided once.
        self.assertEqual(self.decide(second, proposal_id, "reject").status_code, 403)
        # Access codes now go to the new address.
        mark = self.mailbox.mark()
        flows.request_code_by_id(harness.Browser(), umin_id)
        flows.wait_for_code(self.mailbox, new_mail, mark)
        self.mailbox.assert_none(old_mail, since=mark, wait=0.5)

    def test_a_proposal_overtaken_by_another_change_cannot_be_approved(self):
        umin_id = flows.fresh_account()
        first = signed_in_browser()
        second = signed_in_browser(SECOND_LOGIN, SECOND_PASSWORD)
        self.assertEqual(self.propose(first, umin_id, "late@example.net")
                         .status_code, 303)
        proposal_id = int(harness.db_value(
            "SELECT id FROM address_change_requests WHERE umin_id = %s", [umin_id]))
        harness.db_exec("UPDATE accounts SET external_mail = 'moved@example.org' "
                        "WHERE umin_id = %s", [umin_id])
        response = self.decide(second, proposal_id, "approve")
        self.assertEqual(response.status_code, 200)
        self.assertIn("提案の後に登録メールアドレスが変更されているため承認できません。",
                      response.text)
        self.assertEqual(self.external_mail(umin_id), "moved@example.org")
        self.assertTrue(audit_rows(event="address_change_refused",
                                   umin_id=umin_id, operator_name=SECOND_LOGIN))
        audit = audit_table(second.get(AUDIT, params={"umin_id": umin_id}).text)
        self.assertIn("登録アドレス変更の承認不可", audit)

    def test_the_proposer_can_withdraw(self):
        umin_id = flows.fresh_account()
        first = signed_in_browser()
        self.assertEqual(self.propose(first, umin_id, "w-%s@example.net"
                                      % secrets.token_hex(3)).status_code, 303)
        proposal_id = int(harness.db_value(
            "SELECT id FROM address_change_requests WHERE umin_id = %s", [umin_id]))
        self.assertEqual(self.decide(first, proposal_id, "reject").status_code, 303)
        self.assertEqual(harness.db_value(
            "SELECT status FROM address_change_requests WHERE id = %s",
            [proposal_id]), "rejected")
        self.assertEqual(self.external_mail(umin_id), "%s@example.org" % umin_id)
        self.assertTrue(audit_rows(event="address_change_rejected", umin_id=umin_id,
                                   operator_name=DEMO_LOGIN))

    def test_bad_proposals_are_refused_on_the_form(self):
        umin_id = flows.fresh_account()
        browser = signed_in_browser()
        for new_mail, message in [("not-an-address", "新しい登録メールアドレスを正しく"),
                                  ("%s@example.org" % umin_id, "現在の登録メールアドレスと同じ")]:
            response = self.propose(browser, umin_id, new_mail)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
        response = self.propose(browser, "nobody-x", "a@example.net")
        self.assertIn("存在しません", response.text)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM address_change_requests WHERE umin_id = %s",
            [umin_id]), "0")
        self.assertEqual(self.decide(browser, 999999999, "approve").status_code, 404)

    def test_malformed_new_addresses_are_refused_and_nothing_is_stored(self):
        # The console checks a new address with ValidateMailAddress, the one
        # check the public pages use: these pass a looser check.
        umin_id = flows.fresh_account()
        browser = signed_in_browser()
        for new_mail in ["taro@ex_ample.org", "a:b@example.org", "[x]@example.org"]:
            response = self.propose(browser, umin_id, new_mail)
            self.assertEqual(response.status_code, 200, new_mail)
            self.assertIn("新しい登録メールアドレスを正しく入力してください。",
                          response.text, new_mail)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM address_change_requests WHERE umin_id = %s",
            [umin_id]), "0")
        self.assertEqual(self.external_mail(umin_id), "%s@example.org" % umin_id)
        self.assertFalse(audit_rows(event="address_change_proposed", umin_id=umin_id))


if __name__ == "__main__":
    unittest.main()
