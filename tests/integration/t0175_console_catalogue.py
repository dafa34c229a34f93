"""The operator console's sentences (issue 14, docs/i18n.md): every one is
in the console catalogue i18n/console_ja.txt; every key a console template
(admin_*.tpl) or the code names is there; no C++ string literal under lib/
and cgi/ holds Japanese, nor does a template outside the names it may show;
and every console page, signed in or not, error pages included, shows its
sentences and never a missing key's [[key]] mark."""
import glob
import os
import re
import secrets
import unittest

import flows
import harness
from t0520_console import (CONSOLE, DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD,
                           add_operator, forget_login_failures,
                           insert_request, signed_in_browser, unlock)

ROOT = harness.root()
ENTRY = re.compile(r'^\s+([a-z0-9_]+) \{ "((?:[^"\\]|\\.)*)" \}$', re.M)
TEMPLATE_KEY = re.compile(r"\{\{([a-z][a-z0-9_]*)\}\}")
MISSING_KEY = re.compile(r"\[\[[a-z0-9_]+\]\]")
# Keys the code names whole: ConsoleText("key"), FormatConsoleText("key",
# and the conditional ConsoleText(x ? "key" : "key") forms.
CODE_KEY = re.compile(r'ConsoleText\(\s*(?:[^;"]*\?\s*)?"([a-z0-9_]+)"'
                      r'(?:\s*:\s*"([a-z0-9_]+)")?')

# Any Japanese character: punctuation, kana, kanji, full-width forms.
JAPANESE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
# Words: kana, kanji, full-width digits and letters. A template may keep
# the typographic marks that hold its values apart (full-width brackets
# around a reading, the ideographic space, ～ between two dates): they
# carry no words of their own.
WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff10-\uff19\uff21-\uff3a"
                   r"\uff41-\uff5a]")
# Names the templates show as they are: the Japanese link of the public
# language switch and the network's name in the footers.
TEMPLATE_NAMES = ("日本語", "大学病院医療情報ネットワーク")
# C++ literals that are no sentence, each with its reason.
ALLOWED_LITERALS = {
    # The default sender name of the mails, a name the configuration
    # (mail_from_name in passwd.conf) sets.
    ("lib/base/config.h", "UMIN パスワード更新"),
}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def console_catalogue():
    return dict(ENTRY.findall(read(os.path.join(ROOT, "i18n",
                                                "console_ja.txt"))))


def string_literals(text):
    """(line, contents) of each string literal of C++ source `text`, raw
    strings and adjacent pieces alike; comments and character literals
    skipped."""
    out = []
    i, line, n = 0, 1, len(text)
    raw = re.compile(r'(?:u8|u|U|L)?R"([^(\s]{0,16})\(')
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif (c in 'uULR' and (i == 0 or not (text[i - 1].isalnum() or
                                               text[i - 1] == "_"))
              and raw.match(text, i)):
            m = raw.match(text, i)
            close = ")" + m.group(1) + '"'
            end = text.find(close, m.end())
            end = n if end < 0 else end
            out.append((line, text[m.end():end]))
            line += text.count("\n", i, end)
            i = end + len(close)
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append((line, text[i + 1:j]))
            i = j + 1
        else:
            i += 1
    return out


def japanese_literals(folders):
    """(path relative to the tree, line, literal) of every C++ literal under
    `folders` that holds a Japanese character, but the allowed ones."""
    found = []
    for folder in folders:
        for pattern in ("**/*.cc", "**/*.h"):
            for path in sorted(glob.glob(os.path.join(ROOT, folder, pattern),
                                         recursive=True)):
                rel = os.path.relpath(path, ROOT)
                for line, literal in string_literals(read(path)):
                    if (JAPANESE.search(literal) and
                            (rel, literal) not in ALLOWED_LITERALS):
                        found.append((rel, line, literal))
    return found


def template_words(text):
    """The Japanese words a template holds outside its {{markers}} and the
    names it may show."""
    text = re.sub(r"\{\{[^}]*\}\}", "", text)
    for name in TEMPLATE_NAMES:
        text = text.replace(name, "")
    return WORDS.findall(text)


class Catalogue(unittest.TestCase):
    def test_every_key_a_console_template_names_is_in_the_catalogue(self):
        catalogue = console_catalogue()
        self.assertGreater(len(catalogue), 200)
        templates = glob.glob(os.path.join(ROOT, "templates", "admin_*.tpl"))
        self.assertGreater(len(templates), 10)
        for path in templates:
            with self.subTest(template=os.path.basename(path)):
                named = set(TEMPLATE_KEY.findall(read(path)))
                self.assertEqual(sorted(named - set(catalogue)), [])

    def test_every_key_the_code_names_is_in_the_catalogue(self):
        catalogue = console_catalogue()
        named = set()
        for folder in ("lib", "cgi"):
            for path in glob.glob(os.path.join(ROOT, folder, "**", "*.cc"),
                                  recursive=True):
                for keys in CODE_KEY.findall(read(path)):
                    named |= {key for key in keys if key}
        self.assertGreater(len(named), 40)
        self.assertEqual(sorted(named - set(catalogue)), [])

    def test_the_console_catalogue_is_not_a_public_one(self):
        # The public catalogues hold the same keys (t0170); the console's
        # is Japanese only and keeps none of its sentences in them.
        public = dict(ENTRY.findall(read(os.path.join(ROOT, "i18n",
                                                      "ja.txt"))))
        for key in ("queue_title", "login_error_wrong", "audit_event_code_sent"):
            self.assertIn(key, console_catalogue())
            self.assertNotIn(key, public)


class NoSentenceInCode(unittest.TestCase):
    def test_the_literal_scanner_finds_what_it_must(self):
        sample = ('// "コメント"\n/* "注釈" */ const char a[] = "文";\n'
                  "char c = '\"'; auto r = R\"x(生の\"文字列)x\";\n"
                  'const char* b = "ok" "続き";\n')
        self.assertEqual(
            [(line, s) for line, s in string_literals(sample)
             if JAPANESE.search(s)],
            [(2, "文"), (3, '生の"文字列'), (4, "続き")])

    def test_no_japanese_string_literal_in_lib_or_cgi(self):
        self.assertEqual(japanese_literals(["lib", "cgi"]), [])

    def test_the_allowed_literals_are_still_there(self):
        # An allowance nothing needs any more is removed, not kept.
        for path, literal in ALLOWED_LITERALS:
            literals = [s for _, s in string_literals(read(os.path.join(ROOT, path)))]
            self.assertIn(literal, literals, path)

    def test_no_template_holds_a_sentence(self):
        self.assertEqual(template_words("<p>{{x}}（{{Y}}）　～</p>"), [])
        self.assertEqual(template_words("<p>受付一覧</p>"), list("受付一覧"))
        for path in sorted(glob.glob(os.path.join(ROOT, "templates", "*.tpl"))):
            with self.subTest(template=os.path.basename(path)):
                self.assertEqual("".join(template_words(read(path))), "")


class ConsolePages(unittest.TestCase):
    """Every console page, with its lists filled, its messages and its
    error pages: its sentences from the catalogue, no [[key]] mark."""

    @classmethod
    def setUpClass(cls):
        add_operator(DEMO_LOGIN, DEMO_NAME, DEMO_PASSWORD)

    def setUp(self):
        forget_login_failures()
        flows.reset_limits()
        unlock(DEMO_LOGIN)
        self.catalogue = console_catalogue()

    def tearDown(self):
        forget_login_failures()
        unlock(DEMO_LOGIN)

    def assert_console_page(self, name, response, status, *keys):
        self.assertEqual(response.status_code, status, name)
        page = response.text
        self.assertIsNone(MISSING_KEY.search(page), name)
        self.assertIn('<html lang="ja">', page, name)
        self.assertIn(self.catalogue["console_name"], page, name)
        for key in keys:
            self.assertIn(self.catalogue[key], page, (name, key))

    def test_every_console_page_shows_its_sentences(self):
        tag = secrets.token_hex(3)
        anonymous = harness.Browser()
        self.assert_console_page("login", anonymous.get(CONSOLE + "login"),
                                 200, "login_intro", "field_login",
                                 "button_login")
        wrong = anonymous.submit(CONSOLE + "login", {
            "login": DEMO_LOGIN, "password": "wrong-" + tag})
        self.assert_console_page("login error", wrong, 200,
                                 "login_error_wrong")
        forget_login_failures()
        unlock(DEMO_LOGIN)

        request_id, receipt = insert_request(
            family_name="申請者" + tag, umin_id="umin101-test", priority=1)
        try:
            browser = signed_in_browser()
            pages = [
                ("queue", "queue", 200,
                 ["queue_title", "queue_priority_first", "field_order",
                  "order_newest", "request_status_new", "queue_view_open"]),
                ("queue, all, oldest", "queue?status=all&order=oldest", 200,
                 ["order_oldest", "filter_all"]),
                ("queue, nothing found", "queue?q=none-" + tag, 200,
                 ["queue_none"]),
                ("request", "request?id=%d" % request_id, 200,
                 ["request_accounts_heading", "button_take", "field_reject_reason",
                  "operator_unassigned", "request_identity_mismatch",
                  "request_named_id",
                  "button_send_link", "request_history_heading"]),
                ("request after an action", "request?id=%d&done=take" % request_id,
                 200, ["action_take_done"]),
                ("request with a wrong text",
                 "request?id=%d&error=send_code" % request_id, 200,
                 ["action_send_code_error"]),
                ("account", "account?id=umin101-test", 200,
                 ["account_changes_heading", "account_flows_heading",
                  "account_requests_heading", "account_audit_link"]),
                ("failed mails", "mails", 200, ["mails_intro"]),
                ("failed mails after a retry", "mails?retried=1", 200,
                 ["mails_retried_after"]),
                ("failed deliveries", "deliveries", 200, ["deliveries_intro"]),
                ("failed deliveries after a retry", "deliveries?done=retry",
                 200, ["deliveries_retried"]),
                ("audit", "audit", 200,
                 ["audit_title", "field_period", "col_client_address",
                  "audit_event_admin_login"]),
                ("audit with bad dates", "audit?from=x&to=y&request=z", 200,
                 ["audit_error_from", "audit_error_to", "audit_error_request"]),
                ("address change", "address_change?umin_id=umin101-test", 200,
                 ["address_change_intro", "field_current_mail",
                  "address_change_propose"]),
                ("address change after a proposal",
                 "address_change?done=propose", 200,
                 ["address_change_done_propose"]),
                ("unknown request", "request?id=999999999", 404,
                 ["error_404_title", "error_404_message", "back_to_queue"]),
                ("no UMIN ID", "account?id=", 400,
                 ["error_400_title", "account_error_empty"]),
                ("unknown UMIN ID", "account?id=nobody-" + tag, 404,
                 ["account_error_not_found"]),
            ]
            for name, path, status, keys in pages:
                with self.subTest(page=name):
                    self.assert_console_page(name, browser.get(CONSOLE + path),
                                             status, "signed_in_as",
                                             "button_logout", *keys)
            refused = browser.post(CONSOLE + "action",
                                   data={"id": str(request_id), "action": "take"})
            self.assert_console_page("refused POST", refused, 403,
                                     "error_403_title", "error_403_message")
        finally:
            harness.db_exec("DELETE FROM operator_requests WHERE id = %s",
                            [request_id])


if __name__ == "__main__":
    unittest.main()
