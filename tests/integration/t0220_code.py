"""The code page: right, wrong, locked, expired, voided, other browser."""
import unittest

import a11y
import flows
import harness


def to_full_width(digits):
    return "".join(chr(ord(c) - ord("0") + ord("０")) for c in digits)


class CodePage(flows.FlowTestCase, a11y.FieldErrorAsserts):
    def setUp(self):
        super().setUp()
        self.account = flows.fresh_account()
        self.address = flows.umin_address(self.account)

    def send_code(self, browser=None):
        mark = self.mailbox.mark()
        response = flows.request_code_by_id(browser or self.browser,
                                            self.account)
        self.assertEqual(response.status_code, 303)
        return flows.wait_for_code(self.mailbox, self.address, mark)

    @staticmethod
    def wrong(code):
        return "%010d" % ((int(code) + 1) % 10**10)

    def test_page_has_the_seed_text(self):
        self.send_code()
        page = self.browser.get(flows.CODE)
        self.assertEqual(page.status_code, 200)
        for text in ["アクセスコードを受信されましたら、速やかにご入力をお願いします。",
                     "登録されているメールアドレスへアクセスコードを送信いたしました。",
                     "※半角数字を入力してください", "パスワード更新",
                     "◇アクセスコードがお手元に届かない場合",
                     "UMIN ID@umin.ac.jpおよび、登録されているメールアドレスへと送信しております。"]:
            self.assertIn(text, page.text)
        # Reached from send_id: the seed's first wording, not the second
        # (send_profile's, t0210).
        self.assertNotIn("登録されているメールアドレスへ送信いたしました。",
                         harness.text(page.text))
        self.assertIn("t***@umin.ac.jp", page.text)
        self.assertIn("t***@example.org", page.text)
        self.assertEqual(harness.links(page.text).get(
            "オペレータへパスワード更新申請"), "/cgi-open-bin/passwd/operator_request")
        self.assertEqual(page.headers["Cache-Control"], "no-store")

    def test_the_page_shows_where_the_code_went_not_the_address_now(self):
        # The flow keeps the masked recipients of its code mail: an
        # address registered after the code was sent is not where it went.
        code = self.send_code()
        harness.db_exec("UPDATE accounts SET external_mail = %s "
                        "WHERE umin_id = %s",
                        ["zz-later@example.net", self.account])
        page = self.browser.get(flows.CODE)
        self.assertEqual(page.status_code, 200)
        self.assertIn("t***@example.org", page.text)
        self.assertNotIn("z***@example.net", page.text)
        answer = flows.enter_code(self.browser, self.wrong(code))
        self.assertEqual(answer.status_code, 200)
        self.assertIn("t***@example.org", answer.text)
        self.assertIn("t***@umin.ac.jp", answer.text)
        self.assertNotIn("z***@example.net", answer.text)

    def test_right_code_in_full_width_with_spaces_and_hyphens(self):
        code = self.send_code()
        old_token = self.browser.cookie(flows.FLOW_COOKIE)
        typed = " " + to_full_width(code[:3]) + "-" + code[3:6] + "　" + code[6:]
        response = flows.enter_code(self.browser, typed)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.NEW_PASSWORD)
        new_token = self.browser.cookie(flows.FLOW_COOKIE)
        self.assertNotEqual(old_token, new_token)
        flow = flows.flow_row(self.account)
        self.assertEqual(flow["state"], "verified")
        self.assertIsNone(flow["code_hash"])
        self.assertIn("code_verified", flows.audit_events(self.account))
        # The code page now sends the browser on.
        again = self.browser.get(flows.CODE)
        self.assertEqual(harness.location_path(again), flows.NEW_PASSWORD)

    def test_three_wrong_codes_lock_the_flow(self):
        code = self.send_code()
        for tries_left in (2, 1):
            response = flows.enter_code(self.browser, self.wrong(code))
            self.assertEqual(response.status_code, 200)
            self.assertIn("アクセスコードが正しくありません。", response.text)
            self.assertIn("あと%d回入力できます。" % tries_left, response.text)
            self.assert_error_tied(response.text, "access_code",
                                   "アクセスコードが正しくありません。")
            self.assert_error_tied(response.text, "access_code",
                                   "あと%d回入力できます。" % tries_left)
        locked = flows.enter_code(self.browser, self.wrong(code))
        self.assertIn("アクセスコードの誤入力による回数が制限値を超えたため、ロックされました。",
                      locked.text)
        self.assertIn("本アクセスコードはクリアされましたので、下記【最初のページへ】"
                      "ボタンより改めて作業願います。", locked.text)
        self.assertEqual(harness.links(locked.text).get("最初のページへ"),
                         "/cgi-open-bin/passwd/index")
        flow = flows.flow_row(self.account)
        self.assertEqual(flow["state"], "locked")
        self.assertIsNone(flow["code_hash"])
        # The right code is refused now, from the same browser too.
        retry = harness.Browser()
        retry.session.cookies.set(flows.FLOW_COOKIE,
                                  locked.request.headers["Cookie"].split(
                                      "passwd_flow=")[1].split(";")[0])
        for browser in (self.browser, retry):
            response = flows.enter_code(browser, code)
            self.assertNotEqual(response.status_code, 303)
        events = flows.audit_events(self.account)
        self.assertEqual(events.count("code_wrong"), 2)
        self.assertEqual(events.count("code_locked"), 1)
        self.assertNotIn("code_verified", events)

    def test_input_that_is_no_code_spends_no_try(self):
        self.send_code()
        self.assert_no_error_tied(self.browser.get(flows.CODE).text,
                                  "access_code")
        for typed in ["abc", "123", "12345678901", ""]:
            response = flows.enter_code(self.browser, typed)
            self.assertIn("アクセスコードは10桁の半角数字でご入力ください。",
                          response.text)
            self.assert_error_tied(
                response.text, "access_code",
                "アクセスコードは10桁の半角数字でご入力ください。")
        self.assertEqual(flows.flow_row(self.account)["code_tries"], "0")

    def test_code_expires_after_ten_minutes(self):
        code = self.send_code()
        harness.set_clock_offset(601)
        page = self.browser.get(flows.CODE)
        self.assertIn("アクセスコード期限切れ", page.text)
        self.assertIn("アクセスコードの有効期限が切れました。", page.text)
        self.assertEqual(harness.links(page.text).get("最初のページへ"),
                         "/cgi-open-bin/passwd/index")
        harness.clear_clock_offset()
        response = flows.enter_code(self.browser, code)
        self.assertNotEqual(response.status_code, 303)
        self.assertEqual(flows.flow_row(self.account)["state"], "expired")
        self.assertIn("code_expired", flows.audit_events(self.account))

    def test_code_still_valid_just_before_ten_minutes(self):
        code = self.send_code()
        harness.set_clock_offset(590)
        response = flows.enter_code(self.browser, code)
        self.assertEqual(response.status_code, 303)

    def test_a_new_code_voids_the_earlier_one(self):
        first = self.send_code()
        form = self.browser.get(flows.CODE).text
        other = harness.Browser()
        second = self.send_code(other)
        # The first browser's code is void, typed or not.
        refused = self.browser.submit(flows.CODE, {"access_code": first},
                                      page=form)
        self.assertEqual(refused.status_code, 200)
        self.assertIn("アクセスコード期限切れ", refused.text)
        self.assertEqual(flows.enter_code(other, second).status_code, 303)
        states = [r["state"] for r in harness.db_query(
            "SELECT state FROM reset_flows WHERE umin_id = %s ORDER BY id",
            [self.account])]
        self.assertEqual(states, ["voided", "verified"])

    def test_the_code_works_only_in_the_browser_that_asked(self):
        code = self.send_code()
        stranger = harness.Browser()
        stranger.get(flows.SEND_ID)  # a CSRF cookie, but no flow
        response = stranger.submit(flows.CODE, {"access_code": code},
                                   page=stranger.last.text)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(flows.flow_row(self.account)["state"], "code_sent")
        self.assertEqual(stranger.get(flows.CODE).status_code, 403)
        junk = harness.Browser()
        junk.session.cookies.set(flows.FLOW_COOKIE, "junk\x7f")
        self.assertEqual(junk.get(flows.CODE).status_code, 403)
        junk.session.cookies.set(flows.FLOW_COOKIE, "a-dead-token")
        refused = junk.get(flows.CODE)
        self.assertEqual(refused.status_code, 403)
        # The 403 page tells the browser to forget the dead cookie.
        self.assertIn("%s=;" % flows.FLOW_COOKIE,
                      refused.headers.get("Set-Cookie", ""))
        self.assertIn("Max-Age=0", refused.headers.get("Set-Cookie", ""))

    def test_csrf_is_required(self):
        code = self.send_code()
        response = self.browser.post(flows.CODE, data={"access_code": code})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(flows.flow_row(self.account)["code_tries"], "0")


if __name__ == "__main__":
    unittest.main()
