"""The whole flow in Debian's Chromium (headless, no JavaScript needed):
top page, ID known, the code from the mail, a refused and an accepted new
password, the completion page. Screenshots go to var/screenshots/."""
import os
import shutil
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import flows
import harness


def make_driver(user_data_dir, mobile=False):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--user-data-dir=" + user_data_dir,
                 "--window-size=1280,1000"]:
        options.add_argument(flag)
    if mobile:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=options)


def click_and_wait(driver, element):
    """Clicks a link or submit button and waits until the next page has
    replaced this one: click() returns before the navigation it starts."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, 15)
    wait.until(expected_conditions.staleness_of(old_page))
    wait.until(lambda d: d.execute_script(
        "return document.readyState") == "complete")


def submit(driver):
    click_and_wait(driver,
                   driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))


class BrowserFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.profile = tempfile.mkdtemp(prefix="passwd-chromium-")
        cls.driver = make_driver(cls.profile)
        cls.shots = harness.var_path("screenshots")
        os.makedirs(cls.shots, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.profile, ignore_errors=True)

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))

    def test_renewal_from_top_page_to_done(self):
        flows.reset_limits()
        account = flows.fresh_account()
        mailbox = harness.Mailbox()
        d = self.driver
        d.get(harness.url("/cgi-open-bin/passwd/index"))
        self.assertIn("UMIN IDとは", d.page_source)
        self.shot("01-index")
        click_and_wait(d, d.find_element(By.LINK_TEXT, "UMIN IDがお分りの場合"))
        self.assertTrue(d.current_url.endswith(flows.SEND_ID))
        mark = mailbox.mark()
        d.find_element(By.ID, "umin_id").send_keys(account.upper())
        self.shot("02-send_id")
        submit(d)
        self.assertTrue(d.current_url.endswith(flows.CODE), d.current_url)
        code = flows.wait_for_code(mailbox, flows.umin_address(account), mark)
        self.shot("03-code")
        d.find_element(By.ID, "access_code").send_keys(code)
        submit(d)
        self.assertTrue(d.current_url.endswith(flows.NEW_PASSWORD),
                        d.current_url)
        d.find_element(By.ID, "password").send_keys("qwerty1234")
        d.find_element(By.ID, "password_confirmation").send_keys("qwerty1234")
        submit(d)
        self.assertIn("field-error", d.page_source)
        self.assertNotIn("qwerty1234", d.page_source)
        self.shot("04-new_password-refused")
        d.find_element(By.ID, "password").send_keys("Kq7mWz2x!Rv")
        d.find_element(By.ID, "password_confirmation").send_keys("Kq7mWz2x!Rv")
        submit(d)
        self.assertTrue(d.current_url.endswith(flows.DONE), d.current_url)
        self.assertIn("パスワード更新完了", d.page_source)
        self.shot("05-done")
        # Back and resubmit: the flow is closed.
        d.back()
        d.refresh()
        self.assertNotIn('id="password"', d.page_source)

    def test_top_page_on_a_phone(self):
        profile = tempfile.mkdtemp(prefix="passwd-chromium-")
        phone = make_driver(profile, mobile=True)
        try:
            phone.get(harness.url("/cgi-open-bin/passwd/index"))
            width = phone.execute_script(
                "return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390)
            phone.save_screenshot(os.path.join(self.shots, "10-index-phone.png"))
        finally:
            phone.quit()
            shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
