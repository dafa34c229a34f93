"""The operator console on a 360 px wide phone (Debian's Chromium, headless,
mobile emulation): the login, queue, request, audit, account, failed-mail
and failed-delivery pages are no wider than the screen; each table scrolls
sideways inside its own box."""
import os
import secrets
import shutil
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import harness
from t0520_console import (DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD, LOGIN,
                           QUEUE, REQUEST, AUDIT, add_operator,
                           forget_login_failures, insert_request, unlock)
from t0900_browser import (make_driver, retried_once_on_driver_error,
                           wait_for_next_page)

WIDTH = 360
ACCOUNT = "/cgi-bin/passwd-admin/account"
MAILS = "/cgi-bin/passwd-admin/mails"
DELIVERIES = "/cgi-bin/passwd-admin/deliveries"
WAIT = 60  # seconds: generous, for a loaded machine


class ConsoleOnAPhone(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        add_operator(DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD)
        cls.profile = tempfile.mkdtemp(prefix="passwd-chromium-")
        cls.driver = make_driver(cls.profile, mobile=True, width=WIDTH)
        cls.driver.set_page_load_timeout(WAIT)
        cls.shots = harness.var_path("screenshots")
        os.makedirs(cls.shots, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.profile, ignore_errors=True)

    def new_browser(self):
        """A new Chromium on a new profile (retried_once_on_driver_error)."""
        cls = type(self)
        cls.tearDownClass()
        cls.profile = tempfile.mkdtemp(prefix="passwd-chromium-")
        cls.driver = make_driver(cls.profile, mobile=True, width=WIDTH)
        cls.driver.set_page_load_timeout(WAIT)

    def setUp(self):
        forget_login_failures()
        unlock(DEMO_LOGIN)

    def open(self, path, ready_selector):
        self.driver.get(harness.url(path))
        wait = WebDriverWait(self.driver, WAIT)
        wait.until(lambda d: d.execute_script(
            "return document.readyState") == "complete")
        wait.until(expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, ready_selector)))

    def assert_fits(self, name):
        self.driver.save_screenshot(
            os.path.join(self.shots, "console-phone-%s.png" % name))
        width = self.driver.execute_script(
            "return document.documentElement.scrollWidth")
        self.assertLessEqual(width, WIDTH, name)
        # (A wider page would also have widened the emulated viewport.)
        viewport = self.driver.execute_script("return window.innerWidth")
        self.assertEqual(viewport, WIDTH, name)

    def assert_tables_scroll_in_their_box(self, name, one_is_wide=True,
                                          may_have_none=False):
        # One script, so that no element handle outlives its document.
        boxes = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('main table'))"
            ".map(t => t.parentElement.className)")
        self.assertTrue(boxes or may_have_none, name)
        for box in boxes:
            self.assertIn("table-scroll", box.split(), name)
        if not one_is_wide:
            return
        # At least one is wider than the screen, and scrolls in its box.
        self.assertTrue(self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.table-scroll'))"
            ".some(b => b.scrollWidth > b.clientWidth "
            "&& getComputedStyle(b).overflowX === 'auto')"), name)

    @retried_once_on_driver_error
    def test_every_console_page_fits_the_screen(self):
        # A request with long texts, so that the tables are wide.
        tag = secrets.token_hex(3)
        request_id, receipt = insert_request(
            family_name="長い名前の申請者" + tag, given_name="花子花子花子",
            affiliation="とても長い所属の名前の病院の研究室" * 3,
            umin_id="umin101-test")
        self.addCleanup(harness.db_exec,
                        "DELETE FROM operator_requests WHERE id = %s",
                        [request_id])

        self.open(LOGIN, "input[name=login]")
        self.assert_fits("login")
        self.driver.find_element(By.NAME, "login").send_keys(DEMO_LOGIN)
        self.driver.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR,
                                 "main button[type=submit]").click()
        wait_for_next_page(self.driver, old, WAIT)

        self.open(QUEUE + "?status=all&q=" + receipt, "table.queue")
        self.assertIn(receipt, self.driver.page_source)
        self.assert_fits("queue")
        self.assert_tables_scroll_in_their_box("queue")

        self.open("%s?id=%d" % (REQUEST, request_id), "table.details")
        self.assert_fits("request")
        self.assert_tables_scroll_in_their_box("request", one_is_wide=False)

        self.open(AUDIT, "table.audit")
        self.assert_fits("audit")
        self.assert_tables_scroll_in_their_box("audit")

        self.open(ACCOUNT + "?id=umin101-test", "table#account")
        self.assert_fits("account")
        self.assert_tables_scroll_in_their_box("account", one_is_wide=False)

        # The failed lists may be empty; any table they show scrolls.
        for name, path in [("mails", MAILS), ("deliveries", DELIVERIES)]:
            self.open(path, "main h1, main h2")
            self.assert_fits(name)
            self.assert_tables_scroll_in_their_box(name, one_is_wide=False,
                                                   may_have_none=True)


if __name__ == "__main__":
    unittest.main()
