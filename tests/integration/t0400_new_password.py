"""The new password, the completion page and mail, and propagation."""
import crypt
import os
import re
import subprocess
import unittest

import a11y
import flows
import harness

GOOD = "Kq7mWz2x!Rv"


def delay_text():
    """What the pages say propagation takes, from the configured interval."""
    seconds = int(harness.read_config().get("sync_interval_seconds", "3600"))
    if seconds % 3600 == 0:
        return "%d時間" % (seconds // 3600)
    return "%d分" % ((seconds + 59) // 60)


class NewPassword(flows.FlowTestCase, a11y.FieldErrorAsserts):
    def setUp(self):
        super().setUp()
        self.account = flows.fresh_account()
        self.address = flows.umin_address(self.account)

    def verify(self):
        mark = self.mailbox.mark()
        flows.request_code_by_id(self.browser, self.account)
        code = flows.wait_for_code(self.mailbox, self.address, mark)
        response = flows.enter_code(self.browser, code)
        self.assertEqual(response.status_code, 303)

    def submit(self, password, confirmation=None):
        self.browser.get(flows.NEW_PASSWORD)
        return self.browser.submit(flows.NEW_PASSWORD, {
            "password": password,
            "password_confirmation":
                password if confirmation is None else confirmation})

    def test_page_lists_the_seed_rules(self):
        self.verify()
        page = self.browser.get(flows.NEW_PASSWORD)
        self.assertEqual(page.status_code, 200)
        for text in ["新しいパスワードを作成", "セキュリティ上、ご理解ご協力をお願いいたします",
                     "長さは8文字以上",
                     "先頭から8文字目までに、英字小文字、英字大文字、数字をそれぞれ1文字以上含めて下さい",
                     "UMIN ID文字列を含めることはできません",
                     "辞書にある5文字以上の文字は含めません",
                     "もう一度パスワードを入力してください。",
                     "新しい"]:
            self.assertIn(text, page.text)
        self.assertIn('type="password"', page.text)

    def test_refusals_list_every_rule_and_echo_nothing(self):
        self.verify()
        cases = [
            ("Ab1", None, ["8"]),
            ("abcdefg1", None, ["大文字"]),
            ("Xy" + self.account.upper() + "9", None, ["UMIN ID"]),
            ("Qz9sunshine", None, ["辞書"]),
            ("Qz9x1234w", None, ["並び"]),
            ("Qz9xasdfw", None, ["並び"]),
            (GOOD, GOOD + "x", ["確認"]),
        ]
        for password, confirmation, fragments in cases:
            with self.subTest(password=password):
                response = self.submit(password, confirmation)
                self.assertEqual(response.status_code, 200)
                self.assertIn("field-error", response.text)
                self.assertNotIn(password, response.text)
        several = self.submit("abc", "abd")
        # Each field's messages are tied to its input; the summary at the
        # top links every message to its field, the password's first.
        links = a11y.summary_links(several.text)
        self.assertGreaterEqual(len(links), 3)
        targets = [href for _, href in links]
        self.assertEqual(targets[-1], "#password_confirmation")
        self.assertEqual(set(targets[:-1]), {"#password"})
        for message, href in links:
            self.assert_error_tied(several.text, href[1:], message)
        one = self.submit("Qz9sunshine")
        self.assertEqual(a11y.summary_links(one.text), [])
        self.assert_error_tied(one.text, "password", "辞書")
        self.assert_no_error_tied(one.text, "password_confirmation")
        self.assertIsNone(harness.db_value(
            "SELECT password_hash FROM accounts WHERE umin_id = %s",
            [self.account]))
        self.assertIn("password_refused", flows.audit_events(self.account))
        for detail in harness.db_query(
                "SELECT detail FROM audit_log WHERE umin_id = %s",
                [self.account]):
            for password, _, _ in cases:
                self.assertNotIn(password, detail["detail"])

    def test_issue_14_passwords_get_the_seed_messages(self):
        # l33t, reversed and common words, keyboard runs through punctuation
        # keys and columns, repeats (issue 14): each refused with its rule's
        # message; random-looking passwords accepted.
        self.verify()
        dictionary = "辞書にある5文字以上の単語を含めることはできません。"
        sequence = ("数字やアルファベットの並び文字列（「1234」「abcd」等）や"
                    "キーボード配列上の並び文字（「asdf」等）を4文字以上含めることは"
                    "できません。")
        guessable = "推測が難しい文字列にて設定いただけますようお願いいたします。"
        cases = [
            ("P@ssw0rd1", dictionary, "dictionary_word"),
            ("Passw0rdX9", dictionary, "dictionary_word"),
            ("1Drowssap", dictionary, "dictionary_word"),
            ("jkl;Ab12", sequence, "sequence"),
            ("1qaz2wsX", sequence, "sequence"),
            ("!@#$Ab12x", sequence, "sequence"),
            ("Aa1aaaaaaa", guessable, "guessable"),
            ("1Iloveyou", dictionary, "dictionary_word"),
            ("Letmein99", dictionary, "dictionary_word"),
            ("Sakura2024", dictionary, "dictionary_word"),
        ]
        for password, message, rule in cases:
            with self.subTest(password=password):
                response = self.submit(password)
                self.assertEqual(response.status_code, 200)
                # The seed's advice also stands under the form on every
                # page: only the password's field error carries it as a
                # refusal.
                field_error = re.search(
                    r'<div class="field-error" id="password_error">(.*?)</div>',
                    response.text, re.S)
                self.assertIsNotNone(field_error, "no field error")
                self.assertIn("<p>%s</p>" % message, field_error.group(1))
                self.assertNotIn(password, response.text)
                details = [row["detail"] for row in harness.db_query(
                    "SELECT detail FROM audit_log WHERE umin_id = %s "
                    "AND event = 'password_refused' ORDER BY id DESC LIMIT 1",
                    [self.account])]
                self.assertEqual(len(details), 1)
                self.assertIn(rule, details[0])
        accepted = self.submit("Tq9wLm4vZs")
        self.assertEqual(accepted.status_code, 303)
        self.assertEqual(harness.location_path(accepted), flows.DONE)

    def test_random_looking_password_accepted(self):
        self.verify()
        response = self.submit("Xk7mPq2zR!")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.DONE)

    def test_full_path_to_done_then_the_flow_is_closed(self):
        self.verify()
        refused = self.submit("password")
        self.assertEqual(refused.status_code, 200)
        mark = self.mailbox.mark()
        response = self.submit(GOOD)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response), flows.DONE)
        done = self.browser.get(flows.DONE)
        delay = delay_text()
        for text in ["パスワード更新完了",
                     "パスワード再設定が完了致しました。%s後には利用可能となります。" % delay,
                     "※全てのUMINサービスに反映されるまで%sほどかかりますので、"
                     "予めご了承の程お願いいたします。" % delay,
                     "今回更新されたパスワードは、一般サービス用パスワードです。"
                     "症例登録(INDICE)用のパスワードとは異なります。"]:
            self.assertIn(text, done.text)
        stored = harness.db_value(
            "SELECT password_hash FROM accounts WHERE umin_id = %s",
            [self.account])
        self.assertTrue(stored.startswith("$scrypt$ln=15,r=8,p=3$"))
        self.assertEqual(flows.flow_row(self.account)["state"], "done")
        self.assertIn("password_changed", flows.audit_events(self.account))

        for to in (self.address, "%s@example.org" % self.account):
            msg = self.mailbox.wait_for_one(to, mark)
            body = harness.body_text(msg)
            self.assertIn(self.account, body)
            self.assertIn("上記UMIN IDのパスワード更新(再設定)が完了致しました。", body)
            self.assertIn("%s後には利用可能となります。" % delay, body)
            self.assertIn("今回更新は一般用パスワードです。症例登録(INDICE)用とは異なります。",
                          body)
            self.assertNotIn(GOOD, body)
            self.assertIn("/cgi-open-bin/passwd/not_me?t=", body)

        # The flow is closed: its cookie opens nothing, a reload of done
        # changes nothing.
        self.assertEqual(self.browser.get(done.url).status_code, 200)
        again = harness.Browser()
        for c in response.request.headers["Cookie"].split("; "):
            name, _, value = c.partition("=")
            again.session.cookies.set(name, value)
        self.assertEqual(again.get(flows.NEW_PASSWORD).status_code, 403)
        self.assertEqual(again.get(flows.CODE).status_code, 403)
        self.assertEqual(harness.db_value(
            "SELECT password_hash FROM accounts WHERE umin_id = %s",
            [self.account]), stored)

    def test_new_password_needs_a_verified_flow(self):
        self.assertEqual(self.browser.get(flows.NEW_PASSWORD).status_code, 403)
        mark = self.mailbox.mark()
        flows.request_code_by_id(self.browser, self.account)
        flows.wait_for_code(self.mailbox, self.address, mark)
        # Code sent but not entered: back to the code page.
        response = self.browser.get(flows.NEW_PASSWORD)
        self.assertEqual(harness.location_path(response), flows.CODE)

    def test_ten_minutes_after_verification_the_flow_expires(self):
        self.verify()
        harness.set_clock_offset(601)
        page = self.browser.get(flows.NEW_PASSWORD)
        self.assertIn("アクセスコード期限切れ", page.text)
        self.assertEqual(flows.flow_row(self.account)["state"], "expired")

    def test_other_pending_flows_are_voided(self):
        other = harness.Browser()
        mark = self.mailbox.mark()
        flows.request_code_by_id(other, self.account)
        flows.wait_for_code(self.mailbox, self.address, mark)
        self.verify()  # voids the other browser's code already
        self.assertEqual(self.submit(GOOD).status_code, 303)
        states = [r["state"] for r in harness.db_query(
            "SELECT state FROM reset_flows WHERE umin_id = %s ORDER BY id",
            [self.account])]
        self.assertEqual(states, ["voided", "done"])


class Propagation(unittest.TestCase):
    def test_sync_worker_writes_an_htpasswd_entry(self):
        targets = harness.read_targets()
        web = [name for name, t in targets.items() if t["kind"] == "htpasswd"]
        self.assertTrue(web, "the dev config names an htpasswd target")
        path = targets[web[0]]["path"]
        flows.reset_limits()
        account = flows.fresh_account()
        response = flows.renew(account, GOOD)
        self.assertEqual(response.status_code, 303)
        # One change, one delivery row per configured target.
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM password_changes WHERE umin_id = %s",
            [account]), "1")
        rows = harness.db_query(
            "SELECT target, status FROM password_sync_queue WHERE umin_id = %s "
            "ORDER BY target", [account])
        self.assertEqual(sorted(r["target"] for r in rows), sorted(targets))
        env = dict(os.environ, PASSWD_CONFIG=harness.config_path())
        worker = os.path.join(harness.root(), "build", "tools", "sync_worker")
        # Not check=True: --once exits 1 when any due row failed, and the
        # directory has no entry for this made-up account.
        subprocess.run([worker, "--once"], env=env, timeout=120,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(path) as f:
            entries = dict(line.rstrip("\n").split(":", 1) for line in f
                           if line.strip())
        self.assertIn(account, entries)
        self.assertEqual(crypt.crypt(GOOD, entries[account]), entries[account])
        self.assertTrue(entries[account].startswith("$6$rounds=%s$" % (
            harness.read_config().get("sync_crypt_rounds", "100000"))))
        self.assertEqual(subprocess.run(
            ["htpasswd", "-vb", path, account, GOOD],
            capture_output=True).returncode, 0)
        self.assertEqual(subprocess.run(
            ["htpasswd", "-vb", path, account, GOOD + "x"],
            capture_output=True).returncode, 3)
        row = harness.db_query(
            "SELECT status, credential FROM password_sync_queue "
            "WHERE umin_id = %s AND target = %s", [account, web[0]])[0]
        self.assertEqual(row["status"], "delivered")
        # The hash stays in the row: a lost file can be rebuilt from them.
        self.assertEqual(row["credential"], entries[account])
        self.assertIn("password_synced", flows.audit_events(account))


if __name__ == "__main__":
    unittest.main()
