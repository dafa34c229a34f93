"""The top page through nginx: the seed's text, the chrome, the headers."""
import re
import unittest

import requests

import harness

TOP = "/cgi-open-bin/passwd/index"
INQUIRY = ("https://center6.umin.ac.jp/cgi-open-bin/toiawase/input"
           "?service=touroku")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def check_security_headers(test, response):
    for name, value in SECURITY_HEADERS.items():
        test.assertEqual(response.headers.get(name), value, name)
    csp = response.headers.get("Content-Security-Policy", "")
    test.assertIn("frame-ancestors 'none'", csp)
    test.assertIn("default-src 'none'", csp)
    test.assertNotIn("unsafe-inline", csp)
    test.assertEqual(response.headers.get("Cache-Control"), "no-store")
    test.assertNotIn("nginx/", response.headers.get("Server", ""))


class TopPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.response = requests.get(harness.base_url() + TOP, timeout=10)
        cls.text = cls.response.text

    def test_answers_html_in_utf8(self):
        self.assertEqual(self.response.status_code, 200)
        self.assertEqual(self.response.headers["Content-Type"],
                         "text/html; charset=UTF-8")

    def test_says_what_a_umin_id_is(self):
        for sentence in [
                "UMIN IDとは",
                "aaaaaa-aaaの形式でハイフンが入る英数字であり、大文字は含まれません。",
                "また、@umin.ac.jpはメールアドレスですので記入しないでください。",
        ]:
            self.assertIn(sentence, self.text)

    def test_says_what_the_general_password_is(self):
        self.assertIn("UMIN ID発行時に必ず付与されるパスワードになります。", self.text)
        self.assertIn("INDICEサービス・NCD症例登録システムの利用者へと付与される"
                      "専用パスワードではありません。", self.text)

    def test_explains_where_the_code_goes(self):
        self.assertIn("UMIN IDに登録してあるメールアドレス及び、UMIN ID@umin.ac.jpに"
                      "アクセスコードをお送りしますが", self.text)

    def test_offers_both_ways_in(self):
        links = harness.links(self.text)
        self.assertEqual(links.get("UMIN IDがお分りの場合"),
                         "/cgi-open-bin/passwd/send_id")
        self.assertEqual(links.get("UMIN IDがご不明の場合"),
                         "/cgi-open-bin/passwd/send_profile")

    def test_wears_the_seed_chrome(self):
        links = harness.links(self.text)
        self.assertEqual(links.get("トップページ"), TOP)
        self.assertEqual(links.get("お問い合わせ"), INQUIRY)
        self.assertIn("UMIN IDの取得", links)
        self.assertIn("UMIN パスワード更新", self.text)
        for line in ["UMIN University for Academic Information",
                     "University Hospital Medical Information Network",
                     "大学病院医療情報ネットワーク"]:
            self.assertIn(line, self.text)

    def test_is_readable_on_a_phone(self):
        self.assertIn('name="viewport"', self.text)
        self.assertIn('lang="ja"', self.text)

    def test_carries_the_security_headers(self):
        check_security_headers(self, self.response)

    def test_has_no_inline_script(self):
        # Only the external passwd.js, which the CSP allows; the browser
        # test walks the flow with scripts turned off too.
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", self.text, re.S)
        self.assertEqual(scripts, [""])
        self.assertIn('<script src="/passwd/static/passwd.js" defer>',
                      self.text)

    def test_script_is_served_as_javascript(self):
        js = requests.get(harness.base_url() + "/passwd/static/passwd.js",
                          timeout=10)
        self.assertEqual(js.status_code, 200)
        self.assertIn("javascript", js.headers["Content-Type"])
        self.assertEqual(js.headers.get("X-Content-Type-Options"), "nosniff")

    def test_stylesheet_is_served(self):
        css = requests.get(harness.base_url() + "/passwd/static/passwd.css",
                           timeout=10)
        self.assertEqual(css.status_code, 200)
        self.assertTrue(css.headers["Content-Type"].startswith("text/css"))
        self.assertIn("@media", css.text)

    def test_head_request(self):
        head = requests.head(harness.base_url() + TOP, timeout=10)
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head.text, "")


if __name__ == "__main__":
    unittest.main()
