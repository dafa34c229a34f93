"""English beside Japanese (issue 14, docs/i18n.md): the catalogues, the
language of each page (the 日本語 / English link's cookie, then
Accept-Language), <html lang>, the mails in the language of the page they
were asked from, nginx's static error pages, and the console that stays
Japanese."""
import email.utils
import os
import re
import unittest

import flows
import harness

TOP = "/cgi-open-bin/passwd/index"
OPERATOR_REQUEST = "/cgi-open-bin/passwd/operator_request"
NOT_ME = "/cgi-open-bin/passwd/not_me"
OPERATOR_LINK = "/cgi-open-bin/passwd/operator_link"
DONE = "/cgi-open-bin/passwd/done"
CONSOLE_LOGIN = "/cgi-bin/passwd-admin/login"

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
JAPANESE = {"Accept-Language": "ja,en-US;q=0.7,en;q=0.3"}

# How a page shows a key its catalogue lacks (base/catalogue.h).
MISSING_KEY = re.compile(r"\[\[[a-z0-9_]+\]\]")
# Japanese script: kana and kanji.
JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
# Names every page shows in Japanese whatever its language: the Japanese
# link of the language switch, and the network's name in the footer.
NAMES = ("日本語", "大学病院医療情報ネットワーク")
ENTRY = re.compile(r'^\s+([a-z0-9_]+) \{ "((?:[^"\\]|\\.)*)" \}$', re.M)
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def catalogue(lang):
    path = os.path.join(harness.root(), "i18n", lang + ".txt")
    with open(path, encoding="utf-8") as f:
        return dict(ENTRY.findall(f.read()))


def template_keys():
    """The keys the public templates name (the console's, admin_*.tpl, name
    the console catalogue's: t0175)."""
    folder = os.path.join(harness.root(), "templates")
    keys = set()
    for name in os.listdir(folder):
        if name.endswith(".tpl") and not name.startswith("admin_"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                keys |= set(re.findall(r"\{\{([a-z][a-z0-9_]*)\}\}", f.read()))
    return keys


def html_lang(text):
    found = re.search(r'<html lang="([a-z]+)">', text)
    return found.group(1) if found else None


def without_names(text):
    for name in NAMES:
        text = text.replace(name, "")
    return text


class Catalogues(unittest.TestCase):
    def test_both_catalogues_have_the_same_keys_and_placeholders(self):
        ja, en = catalogue("ja"), catalogue("en")
        self.assertGreater(len(ja), 100)
        self.assertEqual(sorted(set(ja) - set(en)), [], "only in ja.txt")
        self.assertEqual(sorted(set(en) - set(ja)), [], "only in en.txt")
        for key in ja:
            with self.subTest(key=key):
                self.assertEqual(set(PLACEHOLDER.findall(ja[key])),
                                 set(PLACEHOLDER.findall(en[key])))
                self.assertTrue(en[key].strip(), "empty English text")

    def test_every_key_a_template_names_is_in_the_catalogues(self):
        ja = catalogue("ja")
        self.assertEqual(sorted(template_keys() - set(ja)), [])

    def test_the_english_catalogue_is_english(self):
        for key, text in catalogue("en").items():
            with self.subTest(key=key):
                self.assertIsNone(JAPANESE_TEXT.search(without_names(text)),
                                  text)


class PagesInBothLanguages(unittest.TestCase):
    """Every public page and its error states, in Japanese and in English:
    <html lang>, no missing key, and no Japanese on an English page."""

    def setUp(self):
        flows.reset_limits()

    def tearDown(self):
        flows.reset_limits()

    def pages(self, headers):
        """(name, response) of each public page and error state."""
        b = harness.Browser()
        b.session.headers.update(headers)
        out = []
        for path in (TOP, flows.SEND_ID, flows.SEND_PROFILE, OPERATOR_REQUEST):
            out.append((path, b.get(path)))
        b.get(flows.SEND_ID)
        out.append(("send_id empty", b.submit(flows.SEND_ID, {"umin_id": ""})))
        b.get(flows.SEND_ID)
        out.append(("send_id malformed",
                    b.submit(flows.SEND_ID, {"umin_id": "Bad ID"})))
        b.get(flows.SEND_ID)
        out.append(("send_id unknown",
                    b.submit(flows.SEND_ID, {"umin_id": "zz9999-zzz"})))
        b.get(flows.SEND_PROFILE)
        out.append(("send_profile empty", b.submit(flows.SEND_PROFILE, {})))
        b.get(OPERATOR_REQUEST)
        out.append(("operator_request empty",
                    b.submit(OPERATOR_REQUEST, {"umin_id": "bad id"})))
        out.append(("code without flow", b.get(flows.CODE)))
        out.append(("new_password without flow", b.get(flows.NEW_PASSWORD)))
        out.append(("done", b.get(DONE)))
        out.append(("not_me unknown", b.get(NOT_ME + "?t=nonsense")))
        out.append(("operator_link unknown",
                    b.get(OPERATOR_LINK + "?t=nonsense")))
        out.append(("receipt unavailable",
                    b.get(OPERATOR_REQUEST + "?receipt=R20250101-000000")))
        out.append(("nginx 404", b.get("/__test/404")))
        out.append(("nginx 429", b.get("/__test/429")))
        b.close()
        return out

    def test_japanese_pages(self):
        for name, page in self.pages(JAPANESE):
            with self.subTest(page=name):
                self.assertEqual(html_lang(page.text), "ja")
                self.assertIsNone(MISSING_KEY.search(page.text))
                self.assertIn("English</a>", page.text)

    def test_english_pages(self):
        for name, page in self.pages(ENGLISH):
            with self.subTest(page=name):
                self.assertEqual(html_lang(page.text), "en")
                self.assertIsNone(MISSING_KEY.search(page.text))
                found = JAPANESE_TEXT.search(
                    without_names(harness.text(page.text)))
                self.assertIsNone(found, "Japanese on an English page: %r"
                                  % (found and page.text[max(0, found.start() - 80):found.end() + 80]))
                self.assertIn('hreflang="ja">日本語</a>', page.text)

    def test_the_field_errors_are_worded_in_english(self):
        b = harness.Browser()
        b.session.headers.update(ENGLISH)
        b.get(OPERATOR_REQUEST)
        page = b.submit(OPERATOR_REQUEST, {"umin_id": "bad id"}).text
        self.assertIn("Please enter your family name.", page)
        self.assertIn("Please enter the reading of your family name.", page)
        self.assertIn("Please enter your date of birth as yyyy/mm/dd.", page)
        self.assertIn("Please choose a reason.", page)
        b.close()


class LanguageChoice(unittest.TestCase):
    def test_accept_language_decides_by_q_values(self):
        cases = [
            ("en", "en"), ("en-US,en;q=0.9", "en"), ("fr, en;q=0.8", "en"),
            ("ja", "ja"), ("ja,en;q=0.8", "ja"), ("en;q=0.5, ja;q=0.9", "ja"),
            ("de", "ja"), ("", "ja"), ("*", "ja"), ("en;q=0", "ja"),
        ]
        for header, lang in cases:
            with self.subTest(header=header):
                page = harness.Browser().get(
                    TOP, headers={"Accept-Language": header})
                self.assertEqual(html_lang(page.text), lang)

    def test_the_link_sets_the_cookie_and_the_choice_sticks(self):
        b = harness.Browser()
        b.session.headers.update(JAPANESE)
        page = b.get(TOP)
        self.assertIn('href="%s?lang=en"' % TOP, page.text)
        switched = b.get(TOP + "?lang=en")
        self.assertEqual(switched.status_code, 303)
        self.assertEqual(harness.location_path(switched), TOP)
        cookie = switched.headers["Set-Cookie"]
        self.assertIn("passwd_lang=en", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertIn("Path=/;", cookie)
        for path in (TOP, flows.SEND_ID, OPERATOR_REQUEST):
            with self.subTest(path=path):
                self.assertEqual(html_lang(b.get(path).text), "en")
        b.get(TOP + "?lang=ja")
        self.assertEqual(html_lang(b.get(TOP).text), "ja")
        b.close()

    def test_the_cookie_beats_accept_language(self):
        b = harness.Browser()
        b.session.cookies.set("passwd_lang", "ja")
        self.assertEqual(html_lang(b.get(TOP, headers=ENGLISH).text), "ja")
        b.session.cookies.clear()
        b.session.cookies.set("passwd_lang", "en")
        self.assertEqual(html_lang(b.get(TOP, headers=JAPANESE).text), "en")
        # nginx's static pages choose the same way.
        self.assertEqual(
            html_lang(b.get("/__test/404", headers=JAPANESE).text), "en")
        b.close()

    def test_the_console_stays_japanese(self):
        b = harness.Browser()
        b.session.cookies.set("passwd_lang", "en")
        page = b.get(CONSOLE_LOGIN, headers=ENGLISH)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(html_lang(page.text), "ja")
        self.assertNotIn("lang-switch", page.text)
        # The console's own language link is not one: ?lang= changes nothing.
        again = b.get(CONSOLE_LOGIN + "?lang=en", headers=ENGLISH)
        self.assertEqual(again.status_code, 200)
        self.assertEqual(html_lang(again.text), "ja")
        b.close()


class StaticErrorPages(unittest.TestCase):
    def test_nginx_serves_the_english_set_to_english_browsers(self):
        for status in (400, 403, 404, 429, 503):
            with self.subTest(status=status):
                en = harness.Browser().get("/__test/%d" % status,
                                           headers=ENGLISH)
                self.assertEqual(en.status_code, status)
                self.assertEqual(html_lang(en.text), "en")
                self.assertIsNone(JAPANESE_TEXT.search(
                    without_names(harness.text(en.text))))
                ja = harness.Browser().get("/__test/%d" % status)
                self.assertEqual(html_lang(ja.text), "ja")
        page = harness.Browser().get("/__test/404?lang=en")
        self.assertEqual(html_lang(page.text), "en")
        self.assertIn("Page not found", page.text)


class FlowAndMailsInEnglish(flows.FlowTestCase):
    def test_a_code_asked_from_an_english_page_comes_in_english(self):
        umin_id = flows.fresh_account()
        self.browser.get(TOP + "?lang=en")
        sent = flows.request_code_by_id(self.browser, umin_id)
        self.assertEqual(sent.status_code, 303)
        msg = self.mailbox.wait_for_one(flows.umin_address(umin_id),
                                        since=self.mark)
        self.assertEqual(str(msg["Subject"]),
                         "UMIN password renewal: your access code")
        # The sender's name is the English one too.
        self.assertEqual(
            email.utils.parseaddr(str(msg["From"]))[0],
            harness.read_config().get("mail_from_name_en",
                                      "UMIN Password Renewal"))
        body = harness.body_text(msg)
        self.assertIn("Enter the access code below", body)
        self.assertIn("/cgi-open-bin/passwd/not_me?t=", body)
        self.assertIsNone(JAPANESE_TEXT.search(without_names(body)), body)
        self.assertIsNone(MISSING_KEY.search(body))
        code = flows.code_from_mail(msg)

        # Switching on the code page keeps the flow: still the code form.
        switched = self.browser.get(flows.CODE + "?lang=ja")
        self.assertEqual(switched.status_code, 303)
        page = self.browser.get(flows.CODE)
        self.assertEqual(html_lang(page.text), "ja")
        self.assertIn('name="access_code"', page.text)
        self.browser.get(flows.CODE + "?lang=en")
        # A wrong code first: the English page counts the tries left.
        wrong = "0000000000" if code != "0000000000" else "1111111111"
        refused = flows.enter_code(self.browser, wrong)
        self.assertEqual(refused.status_code, 200)
        self.assertIn("That access code is not correct.", refused.text)
        self.assertIn("Tries left: 2.", refused.text)
        self.assertEqual(flows.enter_code(self.browser, code).status_code, 303)
        mark = self.mailbox.mark()
        done = flows.set_new_password(self.browser, "Kq7mWz2x!Rv")
        self.assertEqual(done.status_code, 303)
        changed = self.mailbox.wait_for_one(flows.umin_address(umin_id),
                                            since=mark)
        self.assertEqual(str(changed["Subject"]),
                         "UMIN password renewal: your password was changed")
        page = self.browser.get(DONE)
        self.assertEqual(html_lang(page.text), "en")
        self.assertIn("Your password has been reset.", page.text)

    def test_a_japanese_page_asks_for_a_japanese_mail(self):
        umin_id = flows.fresh_account()
        self.browser.session.headers.update(JAPANESE)
        flows.request_code_by_id(self.browser, umin_id)
        msg = self.mailbox.wait_for_one(flows.umin_address(umin_id),
                                        since=self.mark)
        self.assertEqual(str(msg["Subject"]),
                         "UMIN パスワード更新 アクセスコード通知")
        self.assertEqual(
            email.utils.parseaddr(str(msg["From"]))[0],
            harness.read_config().get("mail_from_name", "UMIN パスワード更新"))

    def test_an_operator_request_in_english_is_stored_and_answered_in_english(self):
        self.browser.session.headers.update(ENGLISH)
        self.browser.get(OPERATOR_REQUEST)
        contact = "lang-%s@example.org" % os.urandom(4).hex()
        sent = self.browser.submit(OPERATOR_REQUEST, {
            "family_name": "試験", "given_name": "花子",
            "family_reading": "しけん", "given_reading": "はなこ",
            "birth_date": "1980/01/02", "affiliation": "UMIN",
            "contact_mail": contact, "reason": "code_not_received",
            "message": ""})
        self.assertEqual(sent.status_code, 303)
        msg = self.mailbox.wait_for_one(contact, since=self.mark)
        self.assertTrue(str(msg["Subject"]).startswith(
            "UMIN password renewal: application received"))
        self.assertIn("The access code does not arrive",
                      harness.body_text(msg))
        self.assertEqual(harness.db_value(
            "SELECT lang FROM operator_requests WHERE contact_mail = %s",
            [contact]), "en")


if __name__ == "__main__":
    unittest.main()
