"""Every error page through nginx, whether the application or nginx itself
produced it: status, Japanese text, a way back, the security headers."""
import http.client
import unittest
import urllib.parse

import requests

import harness
from t0100_top_page import TOP, check_security_headers

TEXTS = {
    400: "リクエストが正しくありません",
    403: "この操作は受け付けられませんでした",
    404: "ページが見つかりません",
    405: "この操作はできません",
    413: "送信内容が大きすぎます",
    429: "しばらく時間をおいてお試しください",
    500: "システムエラー",
    502: "ただいまご利用いただけません",
    503: "ただいまご利用いただけません",
}


class ErrorPages(unittest.TestCase):
    def check_page(self, response, status):
        self.assertEqual(response.status_code, status)
        self.assertTrue(
            response.headers["Content-Type"].startswith("text/html"))
        body = response.content.decode("utf-8")
        self.assertIn(TEXTS[status], body)
        self.assertEqual(harness.links(body).get("トップページへ戻る"), TOP)
        self.assertIn("大学病院医療情報ネットワーク", body)
        check_security_headers(self, response)
        for leak in ["nginx", "Traceback", "exception", "SQL"]:
            self.assertNotIn(leak, body)

    def test_nginx_side_errors(self):
        # Dev-only locations make nginx itself answer each status.
        for status in [400, 403, 405, 429, 500, 502, 503]:
            with self.subTest(status=status):
                response = requests.get(
                    harness.base_url() + "/__test/%d" % status, timeout=10)
                self.check_page(response, status)

    def test_unknown_page_is_404(self):
        for path in ["/no-such-page", "/cgi-open-bin/passwd/nothing",
                     "/cgi-bin/passwd-admin/../../etc/passwd",
                     "/passwd/static/missing.css"]:
            with self.subTest(path=path):
                response = requests.get(harness.base_url() + path,
                                        timeout=10)
                self.check_page(response, 404)

    def test_application_405_with_allow(self):
        response = requests.request("DELETE", harness.base_url() + TOP,
                                    timeout=10)
        self.check_page(response, 405)
        self.assertEqual(response.headers.get("Allow"), "GET")

    def test_application_400_for_broken_utf8(self):
        response = requests.get(harness.base_url() + TOP + "?x=%FF%FE",
                                timeout=10)
        self.check_page(response, 400)

    def test_application_400_for_a_bad_escape(self):
        # requests would re-quote "%zz"; http.client sends it as it is.
        host = urllib.parse.urlsplit(harness.base_url())
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        try:
            conn.request("GET", TOP + "?x=%zz")
            raw = conn.getresponse()
            self.assertEqual(raw.status, 400)
            body = raw.read().decode("utf-8")
        finally:
            conn.close()
        self.assertIn(TEXTS[400], body)
        self.assertIn("トップページへ戻る", body)

    def test_head_answers_like_get_without_a_body(self):
        for page in ["index", "send_id", "send_profile", "code",
                     "new_password", "done", "operator_request", "not_me"]:
            with self.subTest(page=page):
                url = harness.base_url() + "/cgi-open-bin/passwd/" + page
                get = requests.get(url, timeout=10)
                head = requests.head(url, timeout=10)
                self.assertEqual(head.status_code, get.status_code)
                self.assertEqual(head.text, "")

    def test_junk_cookies_do_not_break_a_page(self):
        response = requests.get(
            harness.base_url() + TOP, timeout=10,
            headers={"Cookie": "=; ;;flow=\x7f; a=b=c; \"x\"; " + "z" * 3000})
        self.assertEqual(response.status_code, 200)
        self.assertIn("UMIN IDとは", response.text)

    def test_oversized_header_or_cookie_gets_the_400_page(self):
        # nginx's internal 494 (over large_client_header_buffers), on public
        # pages, the console, static files and a page that does not exist.
        big = "a" * (20 * 1024)
        for path in [TOP, "/cgi-open-bin/passwd/send_id",
                     "/cgi-open-bin/passwd/not_me",
                     "/cgi-bin/passwd-admin/login",
                     "/cgi-bin/passwd-admin/queue",
                     "/passwd/static/passwd.css", "/no-such-page"]:
            for headers in [{"Cookie": "passwd_flow=" + big},
                            {"X-Padding": big}]:
                with self.subTest(path=path, header=list(headers)[0]):
                    response = requests.get(harness.base_url() + path,
                                            headers=headers, timeout=10)
                    self.check_page(response, 400)

    def test_oversized_request_line_gets_the_400_page(self):
        # nginx's 414, a request line over large_client_header_buffers.
        response = requests.get(
            harness.base_url() + TOP + "?x=" + "a" * (20 * 1024), timeout=10)
        self.check_page(response, 400)

    def test_oversized_body_is_413(self):
        # Over nginx's cap: nginx answers with our page.
        response = requests.post(harness.base_url() + TOP,
                                 data={"x": "a" * (200 * 1024)}, timeout=10)
        self.check_page(response, 413)

    def test_body_over_the_application_cap_is_413(self):
        # Under nginx's cap, over the application's max_body_bytes.
        response = requests.post(
            harness.base_url() + "/cgi-open-bin/passwd/index",
            data={"x": "a" * (40 * 1024)}, timeout=10)
        self.check_page(response, 413)


if __name__ == "__main__":
    unittest.main()
