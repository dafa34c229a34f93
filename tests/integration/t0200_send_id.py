"""send_id: ID normalisation, the failure page, the code mails."""
import datetime
import email.utils
import os
import unittest

import a11y
import flows
import harness


class SendId(flows.FlowTestCase, a11y.FieldErrorAsserts):
    def test_form_has_the_seed_text_and_a_csrf_token(self):
        page = self.browser.get(flows.SEND_ID)
        self.assertEqual(page.status_code, 200)
        for text in ["UMIN IDの入力", "このパスワード更新は「一般用パスワード」の更新です。",
                     "パスワード更新を行うUMIN IDをご入力下さい。",
                     "アクセスコード送信",
                     "[アクセスコード送信]押下で認証画面へ移動しますので、"
                     "受信したアクセスコードを入力してください。"]:
            self.assertIn(text, page.text)
        self.assertTrue(harness.csrf_token(page.text))
        self.assertIn("passwd_csrf", self.browser.cookies.keys())

    def test_code_mails_reach_both_addresses(self):
        response = flows.request_code_by_id(self.browser, "umin101-test")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.CODE)
        cookie = response.headers["Set-Cookie"]
        self.assertIn("passwd_flow=", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)

        external = self.mailbox.wait_for_one("taro@example.org", self.mark)
        internal = self.mailbox.wait_for_one("umin101-test@umin.ac.jp",
                                             self.mark)
        code = flows.code_from_mail(external)
        self.assertEqual(flows.code_from_mail(internal), code)
        self.assertEqual(len(self.mailbox.messages("taro@example.org",
                                                   self.mark)), 1)

        flow = flows.flow_row("umin101-test")
        expires = datetime.datetime.strptime(flow["code_expires_at"],
                                             "%Y-%m-%d %H:%M:%S")
        jst = (expires + datetime.timedelta(hours=9)).strftime(
            "%Y/%m/%d %H:%M:%S")
        for msg in (external, internal):
            body = harness.body_text(msg)
            self.assertIn("下記アクセスコードを入力し、パスワード更新(再設定)をしてください。",
                          body)
            self.assertIn("有効期限 " + jst, body)
            self.assertIn("このメールはUMIN IDのパスワード更新を行うためのアクセスコード通知です。"
                          "本メールにお当たりが無い場合は、破棄してください。", body)
            self.assertIn("https://center6.umin.ac.jp/cgi-open-bin/toiawase/"
                          "input?service=touroku", body)
            self.assertIn(harness.base_url() + "/cgi-open-bin/passwd/not_me?t=",
                          body)
            self.assertEqual(str(msg["Subject"]),
                             "UMIN パスワード更新 アクセスコード通知")
            self.assertIsNotNone(email.utils.parsedate_to_datetime(
                str(msg["Date"])))
            self.assertRegex(str(msg["Message-ID"]), r"^<[^@>]+@[^>]+>$")
            self.assertEqual(msg.get_content_type(), "text/plain")
            self.assertEqual(msg.get_content_charset(), "utf-8")

        # Stored only as a keyed hash; the outbox forgot it once sent.
        self.assertEqual(len(flow["code_hash"]), 64)
        self.assertNotIn(code, flow["code_hash"])
        sealed = harness.db_value(
            "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'access_code' "
            "AND status = 'sent' AND sealed_secret IS NOT NULL")
        self.assertEqual(sealed, "0")
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM mail_outbox WHERE body LIKE %s",
            ["%" + code + "%"]), "0")
        self.assertIn("code_sent", flows.audit_events("umin101-test"))
        # Never in a log.
        for name in os.listdir(harness.var_path("log")):
            with open(harness.var_path("log", name), "rb") as f:
                self.assertNotIn(code.encode(), f.read(), name)

    def test_pages_answer_while_the_mail_server_is_down(self):
        account = flows.fresh_account()
        self.addCleanup(harness.service, "start", "smtp")
        harness.service("stop", "smtp")
        response = flows.request_code_by_id(self.browser, account)
        # The code is committed with its mail in the outbox; nothing waits
        # for SMTP.
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.browser.get(flows.CODE).status_code, 200)
        harness.service("start", "smtp")
        for to in (flows.umin_address(account), "%s@example.org" % account):
            self.mailbox.wait_for_one(to, self.mark, timeout=30)
            self.mailbox.assert_none(to, self.mailbox.mark(), wait=2)
            self.assertEqual(len(self.mailbox.messages(to, self.mark)), 1)

    def test_id_is_normalised(self):
        for typed in ["  ＵＭＩＮ１０２－ＮＯＭＡＩＬ　", "UMIN102-NOMAIL"]:
            with self.subTest(typed=typed):
                flows.reset_limits()
                response = flows.request_code_by_id(self.browser, typed)
                self.assertEqual(response.status_code, 303)
        msgs = self.mailbox.wait_for("umin102-nomail@umin.ac.jp", self.mark,
                                     count=2)
        self.assertEqual(len(msgs), 2)

    def test_account_without_external_mail_gets_one_mail(self):
        account = flows.fresh_account(external_mail=None)
        response = flows.request_code_by_id(self.browser, account)
        self.assertEqual(response.status_code, 303)
        self.mailbox.wait_for_one(flows.umin_address(account), self.mark)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE %s",
            ["%" + account + "%"]), "1")

    def test_mail_domain_is_refused_with_the_hint(self):
        for typed in ["umin101-test@umin.ac.jp", "ｕｍｉｎ１０１－ｔｅｓｔ＠ｕｍｉｎ．ａｃ．ｊｐ"]:
            with self.subTest(typed=typed):
                response = flows.request_code_by_id(self.browser, typed)
                self.assertEqual(response.status_code, 200)
                self.assertIn("@umin.ac.jpはメールアドレスですので記入しないでください。",
                              response.text)
                self.assertIn('value="%s"' % typed, response.text)
        self.assertIsNone(self.browser.cookie(flows.FLOW_COOKIE))
        self.mailbox.assert_none("umin101-test@umin.ac.jp", self.mark)

    def test_field_errors_keep_the_input(self):
        for typed, message in [
                ("", "パスワード更新を行うUMIN IDをご入力下さい。"),
                ("umin--x", "aaaaaa-aaaの形式でハイフンが入る英数字"),
                ("<script>", "aaaaaa-aaaの形式でハイフンが入る英数字")]:
            with self.subTest(typed=typed):
                response = flows.request_code_by_id(self.browser, typed)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertNotIn("<script>", response.text)
                # The message is tied to the input, beside its hint.
                self.assert_error_tied(response.text, "umin_id", message)
                self.assert_error_tied(
                    response.text, "umin_id",
                    "パスワード更新を行うUMIN IDをご入力下さい。")
        self.assert_no_error_tied(self.browser.get(flows.SEND_ID).text,
                                  "umin_id")

    def test_unknown_and_review_accounts_get_the_two_reason_page(self):
        for typed in ["nobody9-none", "umin201-role"]:
            with self.subTest(typed=typed):
                response = flows.request_code_by_id(self.browser, typed)
                self.assertEqual(response.status_code, 200)
                text = response.text
                self.assertIn("アクセスコード送信失敗", text)
                self.assertIn("ご入力のUMIN IDが存在しない", text)
                self.assertIn("UMIN IDが「役職・業務・管理・団体」等の申請内容確認が"
                              "必要な区分の場合", text)
                self.assertNotIn("複数のUMIN IDが存在する", text)
                self.assertEqual(harness.links(text).get(
                    "オペレータへパスワード更新申請"),
                    "/cgi-open-bin/passwd/operator_request")
        self.mailbox.assert_none("office@example.org", self.mark)
        self.assertIsNone(flows.flow_row("umin201-role"))
        self.assertIn("send_refused", flows.audit_events("umin201-role"))

    def test_csrf_is_required(self):
        self.browser.get(flows.SEND_ID)
        missing = self.browser.post(flows.SEND_ID,
                                    data={"umin_id": "umin101-test"})
        self.assertEqual(missing.status_code, 403)
        self.assertIn("この操作は受け付けられませんでした", missing.text)
        wrong = self.browser.post(flows.SEND_ID, data={
            "umin_id": "umin101-test", "csrf_token": "forged"})
        self.assertEqual(wrong.status_code, 403)
        other = harness.Browser()
        other.get(flows.SEND_ID)
        stolen = harness.csrf_token(other.last.text)
        cross = self.browser.post(flows.SEND_ID, data={
            "umin_id": "umin101-test", "csrf_token": stolen})
        self.assertEqual(cross.status_code, 403)
        self.mailbox.assert_none("taro@example.org", self.mark)

    def test_get_changes_nothing(self):
        before = harness.db_value("SELECT COUNT(*) FROM reset_flows")
        self.browser.get(flows.SEND_ID + "?umin_id=umin101-test")
        self.assertEqual(harness.db_value("SELECT COUNT(*) FROM reset_flows"),
                         before)


if __name__ == "__main__":
    unittest.main()
