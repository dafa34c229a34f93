"""Accessibility of every page (docs/accessibility.md), in Debian's Chromium:
axe-core (the exact version of tests/browser/package-lock.json, installed by
make axe) runs on every public page and its error states, in Japanese and
in English (issue 14; docs/i18n.md), and on the console's pages after login,
with the rules of WCAG 2.1 A and AA; none may report a violation, and each
page's <html lang> must be its language's. On a 360 px wide phone (mobile
emulation) the same pages are run through axe again, and none may be wider
than the screen. One browser walks both languages: the English walk follows
the page's own English link, which sets the passwd_lang cookie.

Each walk visits the pages in order and collects what it finds; the test
fails at the end with every violation's rule, impact, help and the CSS
selectors of its nodes, page by page. Screenshots go to var/screenshots/."""
import json
import os
import secrets
import shutil
import tempfile
import unittest

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import flows
import harness
from t0500_operator_request import forget_rate_events, valid_fields
from t0510_not_me import make_link
from t0520_console import (DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD, LINK_RE,
                           add_operator, act, forget_login_failures,
                           insert_request, signed_in_browser,
                           unique_birth_date, unlock)
from t0900_browser import make_driver

AXE_JS = os.path.join(harness.root(), "tests", "browser", "node_modules",
                      "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_WIDTH = 360
WAIT = 60  # seconds: generous, for a loaded machine

PUBLIC = "/cgi-open-bin/passwd/"
CONSOLE = "/cgi-bin/passwd-admin/"
LANG_COOKIE = "passwd_lang"  # base/paths.h, over plain HTTP
# The pages a walk visits: each public page and error state once per
# language, the console's once (it is Japanese only).
PUBLIC_PAGES = 29
CONSOLE_PAGES = 10

# A profile that matches no account (send_profile's failure page).
NOBODY = {"family_name": "無名", "given_name": "権兵衛",
          "family_reading": "むめい", "given_reading": "ごんべえ",
          "gender": "male", "birth_date": "1901/01/01"}
# umin101-test's identity (tests/integration/t0210_send_profile.py).
TARO = {"family_name": "山田", "given_name": "太郎",
        "family_reading": "やまだ", "given_reading": "たろう",
        "gender": "male", "birth_date": "1980/04/01"}
GOOD_PASSWORD = "Kq7mWz2x!Rv"


def read_axe():
    if not os.path.exists(AXE_JS):
        raise AssertionError(
            "%s is missing: run 'make axe' (npm ci in tests/browser)" % AXE_JS)
    with open(AXE_JS, encoding="utf-8") as f:
        return f.read()


class Walk:
    """Drives one Chromium through every page; check(name) runs the
    checks on the page it shows."""

    def __init__(self, driver, axe_source, phone_width=None, shots=None,
                 prefix=""):
        self.d = driver
        self.axe_source = axe_source
        self.phone_width = phone_width
        self.shots = shots
        self.prefix = prefix
        self.lang = "ja"     # the language the pages must be in
        self.visited = []
        self.problems = []   # text, one per violation or overflow

    # --- navigation ---------------------------------------------------

    def wait_ready(self):
        WebDriverWait(self.d, WAIT).until(lambda d: d.execute_script(
            "return document.readyState") == "complete")

    def open(self, path):
        self.d.get(harness.url(path))
        self.wait_ready()

    def use_language(self, lang):
        """Switches the browser to LANG as a user does: the top page's
        language link (it sets the cookie and comes back)."""
        self.lang = lang
        self.open(PUBLIC + "index?lang=" + lang)
        cookie = self.d.get_cookie(LANG_COOKIE)
        if cookie is None or cookie["value"] != lang:
            raise AssertionError("the language link set no %s=%s cookie: %r"
                                 % (LANG_COOKIE, lang, cookie))

    def forget_cookies(self):
        """Drops the flow's and the session's cookies; the language's stays."""
        self.d.delete_all_cookies()
        if self.lang != "ja":
            self.d.add_cookie({"name": LANG_COOKIE, "value": self.lang,
                               "path": "/", "httpOnly": True})

    def submit(self, fields=None, button="main form button[type=submit]"):
        """Fills FIELDS ({name: value}; a radio group by its value) in the
        main form and clicks its submit button, waiting for the next page."""
        if fields:
            self.d.execute_script("""
                var form = document.querySelector('main form[method=post]');
                var fields = arguments[0];
                Object.keys(fields).forEach(function (name) {
                  var els = form.querySelectorAll('[name="' + name + '"]');
                  els.forEach(function (el) {
                    if (el.type === 'radio') {
                      el.checked = el.value === fields[name];
                    } else {
                      el.value = fields[name];
                    }
                  });
                });""", fields)
        # The old page's window carries a mark the next page's has not;
        # the wait ignores the driver's errors while the pages change.
        self.d.execute_script("window.a11yOldPage = true;")
        self.d.find_element(By.CSS_SELECTOR, button).click()
        WebDriverWait(self.d, WAIT, ignored_exceptions=[WebDriverException]) \
            .until(lambda d: d.execute_script(
                "return !window.a11yOldPage && "
                "document.readyState === 'complete'"))

    # --- checks --------------------------------------------------------

    def check(self, name):
        """The checks of the page shown, which must be in the walk's
        language (the console's pages are walked in Japanese)."""
        if self.lang != "ja":
            name = "%s-%s" % (self.lang, name)
        self.visited.append(name)
        if self.shots:
            self.d.save_screenshot(os.path.join(
                self.shots, "a11y-%s%s.png" % (self.prefix, name)))
        page_lang = self.d.execute_script(
            "return document.documentElement.lang")
        if page_lang != self.lang:
            self.problems.append("%s [%s]: <html lang=%r>, not %r"
                                 % (name, self.d.current_url, page_lang,
                                    self.lang))
        self.check_axe(name)
        if self.phone_width:
            self.check_width(name)

    def check_axe(self, name):
        # WebDriver's scripts run outside the page's CSP.
        self.d.execute_script(self.axe_source)
        result = self.d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
            "                   resultTypes: ['violations']})"
            "  .then(function (r) { done(JSON.stringify(r.violations)); })"
            "  .catch(function (e) { done(JSON.stringify({error: String(e)})); });",
            AXE_TAGS)
        violations = json.loads(result)
        if isinstance(violations, dict):
            self.problems.append("%s: axe failed: %s"
                                 % (name, violations["error"]))
            return
        for v in violations:
            nodes = "; ".join(
                " ".join(n.get("target", [])) + " (" +
                " ".join((n.get("failureSummary") or "").split())[:200] + ")"
                for n in v.get("nodes", []))
            self.problems.append("%s [%s]: %s (%s, %s): %s" % (
                name, self.d.current_url, v["id"], v.get("impact"),
                v.get("help"), nodes))

    def check_width(self, name):
        width, viewport = self.d.execute_script(
            "return [document.documentElement.scrollWidth,"
            " window.innerWidth]")
        if viewport != self.phone_width:
            self.problems.append("%s: the viewport is %d px wide, not %d "
                                 "(a wide page widens it)"
                                 % (name, viewport, self.phone_width))
        if width > viewport:
            self.problems.append("%s: the page is %d px wide on a %d px "
                                 "screen" % (name, width, viewport))

    # --- the pages -------------------------------------------------------

    def request_code_by_id(self, account):
        flows.reset_limits()
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        self.open(PUBLIC + "send_id")
        self.submit({"umin_id": account})
        return flows.wait_for_code(mailbox, flows.umin_address(account), mark)

    def public_pages(self):
        flows.reset_limits()
        self.open(PUBLIC + "index")
        self.check("index")

        self.open(PUBLIC + "send_id")
        self.check("send_id")
        self.submit({"umin_id": ""})
        self.check("send_id-empty")
        self.submit({"umin_id": "umin--x"})
        self.check("send_id-malformed")
        self.submit({"umin_id": "nobody9-none"})
        self.check("send_failed-id")

        self.open(PUBLIC + "send_profile")
        self.check("send_profile")
        self.submit({"family_reading": "yamada", "birth_date": "1980/13/01"})
        self.check("send_profile-errors")
        self.submit(NOBODY)
        self.check("send_failed-profile")

        # The whole flow: code, a wrong code, refused and accepted passwords.
        account = flows.fresh_account()
        code = self.request_code_by_id(account)
        self.check("code")
        self.submit({"access_code": "%010d" % ((int(code) + 1) % 10**10)})
        self.check("code-wrong")
        self.submit({"access_code": "abc"})
        self.check("code-not-a-code")
        self.submit({"access_code": code})
        self.check("new_password")
        self.submit({"password": "abc", "password_confirmation": "abd"})
        self.check("new_password-refused")
        self.submit({"password": GOOD_PASSWORD,
                     "password_confirmation": GOOD_PASSWORD})
        self.check("done")

        # The code page reached from send_profile (the second wording).
        flows.reset_limits()
        self.open(PUBLIC + "send_profile")
        self.submit(TARO)
        self.check("code-from-profile")

        # Locked after three wrong codes; expired after ten minutes.
        account = flows.fresh_account()
        code = self.request_code_by_id(account)
        for _ in range(3):
            self.submit({"access_code": "%010d" % ((int(code) + 1) % 10**10)})
        self.check("code-locked")
        account = flows.fresh_account()
        self.request_code_by_id(account)
        harness.set_clock_offset(601)
        try:
            self.open(PUBLIC + "code")
            self.check("code-expired")
        finally:
            harness.clear_clock_offset()

        # The error pages: the pages' own (403) and nginx's (404).
        self.forget_cookies()
        self.open(PUBLIC + "new_password")
        self.check("error-403")
        self.open(PUBLIC + "no_such_page")
        self.check("error-404")

        # The operator request: form, errors, receipt.
        forget_rate_events()
        self.open(PUBLIC + "operator_request")
        self.check("operator_request")
        self.submit({"family_name": "", "contact_mail": "x@@example.org",
                     "reason": ""})
        self.check("operator_request-errors")
        self.submit(valid_fields(message="テスト"))
        self.check("operator_request_done")

        # The "not me" link: usable, done, used, expired, unknown.
        link = make_link("umin101-test")
        self.open(link)
        self.check("not_me")
        self.submit()
        self.check("not_me_done")
        self.open(link)
        self.check("not_me-used")
        self.open(make_link("umin101-test", expires_in_hours=-1))
        self.check("not_me-expired")
        self.open(PUBLIC + "not_me?t=" + "x" * 43)
        self.check("not_me-unknown")

        # The operator's link: valid, and not usable.
        self.open(self.operator_link())
        self.check("operator_link")
        self.open(PUBLIC + "operator_link?t=" + "x" * 43)
        self.check("operator_link-invalid")

    @staticmethod
    def operator_link():
        """A fresh account, a matching request, and the link an operator
        sends it (through the console, as t0520 does)."""
        add_operator(DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD)
        forget_login_failures()
        unlock(DEMO_LOGIN)
        birth = unique_birth_date()
        umin_id = flows.fresh_account(given_name="三郎", given_reading="さぶろう",
                                      birth_date=birth)
        request_id, _ = insert_request(given_name="三郎",
                                       given_reading="さぶろう",
                                       birth_date=birth)
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        response = act(signed_in_browser(), request_id, "send_code",
                       umin_id=umin_id)
        assert response.status_code == 303, response.status_code
        mail = mailbox.wait_for_one(flows.umin_address(umin_id), since=mark)
        return PUBLIC + "operator_link?t=" + LINK_RE.search(
            harness.body_text(mail)).group(1)

    def console_pages(self):
        add_operator(DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD)
        forget_login_failures()
        unlock(DEMO_LOGIN)
        tag = secrets.token_hex(3)
        request_id, receipt = insert_request(
            family_name="申請者" + tag, umin_id="umin101-test")
        try:
            self.forget_cookies()
            self.open(CONSOLE + "login")
            self.check("console-login")
            self.submit({"login": DEMO_LOGIN, "password": "wrong-" + tag})
            self.check("console-login-error")
            forget_login_failures()
            unlock(DEMO_LOGIN)
            self.submit({"login": DEMO_LOGIN, "password": DEMO_PASSWORD})
            self.check("console-queue")
            self.open(CONSOLE + "queue?status=all&q=" + receipt)
            self.check("console-queue-search")
            self.open(CONSOLE + "request?id=%d" % request_id)
            self.check("console-request")
            self.open(CONSOLE + "account?id=umin101-test")
            self.check("console-account")
            self.open(CONSOLE + "mails")
            self.check("console-mails")
            self.open(CONSOLE + "deliveries")
            self.check("console-deliveries")
            self.open(CONSOLE + "audit")
            self.check("console-audit")
            self.open(CONSOLE + "address_change")
            self.check("console-address_change")
        finally:
            harness.db_exec("DELETE FROM operator_requests WHERE id = %s",
                            [request_id])
            forget_login_failures()
            unlock(DEMO_LOGIN)


class Accessibility(unittest.TestCase):
    """Each test walks every page in a new Chromium."""

    def setUp(self):
        self.axe = read_axe()
        self.profile = tempfile.mkdtemp(prefix="passwd-chromium-")
        self.shots = harness.var_path("screenshots")
        os.makedirs(self.shots, exist_ok=True)
        self.driver = None

    def tearDown(self):
        harness.clear_clock_offset()
        if self.driver is not None:
            self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    def walk(self, phone):
        if phone:
            self.driver = make_driver(self.profile, mobile=True,
                                      width=PHONE_WIDTH)
        else:
            self.driver = make_driver(self.profile)
        self.driver.set_page_load_timeout(WAIT)
        self.driver.set_script_timeout(WAIT)
        walk = Walk(self.driver, self.axe,
                    phone_width=PHONE_WIDTH if phone else None,
                    shots=self.shots, prefix="phone-" if phone else "")
        walk.public_pages()
        walk.console_pages()
        walk.use_language("en")
        walk.public_pages()
        self.assertEqual(len(walk.visited), 2 * PUBLIC_PAGES + CONSOLE_PAGES,
                         walk.visited)
        self.assertEqual(walk.problems, [],
                         "\n" + "\n".join(walk.problems))

    def test_axe_finds_what_breaks_the_rules(self):
        # The check itself can fail: a page stripped of its language and
        # of a label, with grey text on white, gets three violations, and
        # its <html lang> is not the walk's language; in each language.
        self.driver = make_driver(self.profile)
        self.driver.set_script_timeout(WAIT)
        walk = Walk(self.driver, self.axe)
        for lang in ["ja", "en"]:
            with self.subTest(lang=lang):
                walk.use_language(lang)
                walk.problems = []
                walk.open(PUBLIC + "send_id")
                self.driver.execute_script("""
                    document.documentElement.removeAttribute('lang');
                    document.querySelector('label[for=umin_id]').remove();
                    document.querySelector('main p').style.color = '#bbb';""")
                walk.check("broken")
                found = " ".join(walk.problems)
                for rule in ["html-has-lang", "label", "color-contrast"]:
                    self.assertIn(": %s (" % rule, found)
                self.assertIn("<html lang=''>, not '%s'" % lang, found)

    def test_every_page_passes_axe_wcag21_aa(self):
        self.walk(phone=False)

    def test_on_a_360_px_phone_every_page_fits_and_passes_axe(self):
        self.walk(phone=True)


if __name__ == "__main__":
    unittest.main()
