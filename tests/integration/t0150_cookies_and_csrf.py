"""Cookies and CSRF against a sibling host of the same site (issue 12,
finding 1): the console's CSRF token is bound to the operator's session, so
a cookie planted from another host yields no token that rides on it; a site
cookie sent twice gets the 400 page; over TLS the cookies go by `__Host-`
names with Path=/ (the page binaries run in CGI mode with HTTPS=on, as
nginx passes `$https`)."""
import os
import subprocess
import unittest

import requests

import harness
from t0100_top_page import check_security_headers
from t0110_error_pages import TEXTS
from t0520_console import (ACTION, CONSOLE, DEMO_LOGIN, DEMO_PASSWORD, LOGIN,
                           LOGOUT, QUEUE, REQUEST, ConsoleTestCase,
                           audit_rows, insert_request, signed_in_browser)

SEND_ID = "/cgi-open-bin/passwd/send_id"


def note_count(request_id):
    return int(harness.db_value(
        "SELECT COUNT(*) FROM operator_notes WHERE request_id = %s",
        [request_id]))


def planted_pair(path, cookie_name):
    """What an attacker gets from a page of his own browser: the value of
    the CSRF cookie the page sets, and the token the page pairs with it."""
    attacker = harness.Browser()
    page = attacker.get(path)
    assert page.status_code == 200, page.status_code
    return attacker.cookie(cookie_name), harness.csrf_token(page.text)


class ConsoleCsrfIsBoundToTheSession(ConsoleTestCase):
    def forge(self, operator, cookie_name, cookie_value, token, request_id):
        """A same-site forged POST: the operator's own session cookie, the
        cookie a sibling host planted, and the token that fits it."""
        operator.session.cookies.set(cookie_name, cookie_value, path=CONSOLE)
        return operator.post(ACTION, data={
            "csrf_token": token, "id": str(request_id), "action": "note",
            "text": "forged note"})

    def test_a_planted_cookie_and_its_token_are_refused(self):
        request_id, _ = insert_request()
        operator = signed_in_browser()
        # The login form's cookie is gone once signed in.
        self.assertIsNone(operator.cookie("passwd_admin_csrf"))
        for path, name in [(LOGIN, "passwd_admin_csrf"),
                           (SEND_ID, "passwd_csrf")]:
            with self.subTest(cookie=name):
                value, token = planted_pair(path, name)
                self.assertTrue(value and token)
                response = self.forge(operator, name, value, token,
                                      request_id)
                self.assertEqual(response.status_code, 403)
                self.assertIn("この操作は受け付けられませんでした", response.text)
                check_security_headers(self, response)
                self.assertEqual(note_count(request_id), 0)
        self.assertEqual(len(audit_rows(
            event="admin_forbidden", request_ref=request_id,
            detail="action note: CSRF token missing or wrong")), 2)
        # Logout is not forged either: the session stays open.
        value, token = planted_pair(LOGIN, "passwd_admin_csrf")
        response = operator.post(LOGOUT, data={"csrf_token": token})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(operator.get(QUEUE).status_code, 200)
        # The operator's own page carries the session's token, which works.
        page = operator.get("%s?id=%d" % (REQUEST, request_id))
        response = operator.post(ACTION, data={
            "csrf_token": harness.csrf_token(page.text), "id": str(request_id),
            "action": "note", "text": "own note"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(note_count(request_id), 1)

    def test_the_login_forms_token_opens_nothing_after_login(self):
        request_id, _ = insert_request()
        browser = harness.Browser()
        page = browser.get(LOGIN)
        login_token = harness.csrf_token(page.text)
        login_cookie = browser.cookie("passwd_admin_csrf")
        response = browser.submit(LOGIN, {"login": DEMO_LOGIN,
                                          "password": DEMO_PASSWORD})
        self.assertEqual(response.status_code, 303)
        response = self.forge(browser, "passwd_admin_csrf", login_cookie,
                              login_token, request_id)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(note_count(request_id), 0)

    def test_each_session_has_its_own_token(self):
        first, second = signed_in_browser(), signed_in_browser()
        first_token = harness.csrf_token(first.get(QUEUE).text)
        second_token = harness.csrf_token(second.get(QUEUE).text)
        self.assertNotEqual(first_token, second_token)
        # Stable within a session, and no CSRF cookie of its own.
        self.assertEqual(harness.csrf_token(first.get(QUEUE).text),
                         first_token)
        self.assertIsNone(first.cookie("passwd_admin_csrf"))
        response = second.post(LOGOUT, data={"csrf_token": first_token})
        self.assertEqual(response.status_code, 403)
        response = second.post(LOGOUT, data={"csrf_token": second_token})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(first.get(QUEUE).status_code, 200)


class DuplicateCookies(unittest.TestCase):
    def check_400(self, response):
        self.assertEqual(response.status_code, 400)
        self.assertIn(TEXTS[400], response.content.decode("utf-8"))
        check_security_headers(self, response)

    def test_a_site_cookie_sent_twice_gets_the_400_page(self):
        cases = [
            ("/cgi-open-bin/passwd/index", "passwd_csrf"),
            (SEND_ID, "passwd_csrf"),
            ("/cgi-open-bin/passwd/code", "passwd_flow"),
            ("/cgi-open-bin/passwd/operator_request", "passwd_receipt"),
            (LOGIN, "passwd_admin_csrf"),
            (LOGIN, "passwd_admin"),
            (QUEUE, "passwd_admin"),
        ]
        for path, name in cases:
            with self.subTest(path=path, cookie=name):
                response = requests.get(
                    harness.url(path), allow_redirects=False, timeout=10,
                    headers={"Cookie": "%s=%s; other=1; %s=%s" % (
                        name, "A" * 43, name, "B" * 43)})
                self.check_400(response)
                self.assertNotIn("A" * 43, response.text)

    def test_other_names_may_repeat(self):
        # Other applications of the site may set a name at two paths; the
        # site never reads them. A __Host- name on plain HTTP is never read
        # either (documented in docs/design.md).
        for cookie in ["_ga=1; _ga=2", "passwd_csrf=" + "A" * 43 +
                       "; __Host-passwd_csrf=" + "B" * 43]:
            with self.subTest(cookie=cookie):
                response = requests.get(harness.url(SEND_ID), timeout=10,
                                        headers={"Cookie": cookie})
                self.assertEqual(response.status_code, 200)


def run_cgi(page, method="GET", cookie="", body="", https=True):
    """Runs a page binary once in CGI mode, as nginx would call it over TLS
    (HTTPS=on); returns (status, [Set-Cookie values], body)."""
    folder = "cgi-admin" if page.startswith(CONSOLE) else "cgi"
    binary = os.path.join(harness.root(), "build", folder,
                          page.rstrip("/").rsplit("/", 1)[1])
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PASSWD_CONFIG": harness.config_path(),
        "PASSWD_DICTIONARY": os.path.join(harness.root(), "build", "dict",
                                          "words.dict"),
        "REQUEST_METHOD": method, "DOCUMENT_URI": page, "SCRIPT_NAME": page,
        "QUERY_STRING": "", "REMOTE_ADDR": "127.0.0.1",
        "REQUEST_ID": "t0150", "HTTP_COOKIE": cookie,
    }
    if https:
        env["HTTPS"] = "on"
    if body:
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        env["CONTENT_LENGTH"] = str(len(body.encode()))
    proc = subprocess.run([binary], input=body.encode(), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)
    head, _, text = proc.stdout.decode("utf-8").partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    cookies = [line.split(": ", 1)[1] for line in lines
               if line.lower().startswith("set-cookie:")]
    return status, cookies, text


def cookie_value(cookies, name):
    for c in cookies:
        if c.startswith(name + "="):
            return c.split(";", 1)[0].split("=", 1)[1]
    return None


class HostPrefixOverTls(ConsoleTestCase):
    def test_public_cookies_go_by_host_names(self):
        status, cookies, _ = run_cgi(SEND_ID)
        self.assertEqual(status, 200)
        self.assertEqual(len(cookies), 1, cookies)
        self.assertRegex(cookies[0], r"^__Host-passwd_csrf=[A-Za-z0-9_-]{43}; "
                         r"Path=/; HttpOnly; SameSite=Strict; Secure$")
        value = cookie_value(cookies, "__Host-passwd_csrf")
        # Read back under the same name: no new cookie.
        status, cookies, _ = run_cgi(SEND_ID,
                                     cookie="__Host-passwd_csrf=" + value)
        self.assertEqual((status, cookies), (200, []))
        # The plain name is not read over TLS: a new cookie is set.
        status, cookies, _ = run_cgi(SEND_ID, cookie="passwd_csrf=" + value)
        self.assertEqual(status, 200)
        self.assertIsNotNone(cookie_value(cookies, "__Host-passwd_csrf"))
        # Twice: the 400 page.
        status, _, text = run_cgi(SEND_ID, cookie="__Host-passwd_csrf=%s; "
                                  "__Host-passwd_csrf=%s" % (value, value))
        self.assertEqual(status, 400)
        self.assertIn(TEXTS[400], text)
        # Plain HTTP keeps the old names and paths.
        status, cookies, _ = run_cgi(SEND_ID, https=False)
        self.assertRegex(cookies[0], r"^passwd_csrf=[A-Za-z0-9_-]{43}; "
                         r"Path=/cgi-open-bin/passwd/; HttpOnly; "
                         r"SameSite=Strict$")

    def test_console_login_and_session_over_tls(self):
        status, cookies, text = run_cgi(LOGIN)
        self.assertEqual(status, 200)
        login_cookie = cookie_value(cookies, "__Host-passwd_admin_csrf")
        self.assertIsNotNone(login_cookie, cookies)
        self.assertIn("Path=/;", cookies[0])
        token = harness.csrf_token(text)
        body = "csrf_token=%s&login=%s&password=%s" % (
            token, DEMO_LOGIN, requests.utils.quote(DEMO_PASSWORD, safe=""))
        status, cookies, _ = run_cgi(
            LOGIN, method="POST", body=body,
            cookie="__Host-passwd_admin_csrf=" + login_cookie)
        self.assertEqual(status, 303)
        session = cookie_value(cookies, "__Host-passwd_admin")
        self.assertIsNotNone(session, cookies)
        session_header = [c for c in cookies
                          if c.startswith("__Host-passwd_admin=")][0]
        self.assertRegex(session_header, r"; Path=/; HttpOnly; "
                         r"SameSite=Strict; Secure$")
        # The login form's cookie is cleared, under its TLS name and path.
        self.assertTrue(any(c.startswith("__Host-passwd_admin_csrf=; Path=/; "
                                         "Max-Age=0") for c in cookies),
                        cookies)
        status, _, _ = run_cgi(QUEUE, cookie="__Host-passwd_admin=" + session)
        self.assertEqual(status, 200)
        # The plain name is not read over TLS: to the login page.
        status, _, _ = run_cgi(QUEUE, cookie="passwd_admin=" + session)
        self.assertEqual(status, 303)
        status, _, _ = run_cgi(QUEUE, cookie="__Host-passwd_admin=%s; "
                               "__Host-passwd_admin=%s" % (session, session))
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
