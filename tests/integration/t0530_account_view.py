"""The console's account view (/cgi-bin/passwd-admin/account?id=...): each
password change with every target's delivery state (and a "retry now" form
beside a pending or failed one only), the account's flows, operator
requests, mails and audit rows after a real renewal; never a code, token,
credential or mail body; links to it from the queue, the request page and
the audit page; a clear 400 or 404 page for a bad or unknown ID."""
import re
import secrets
import unittest

import flows
import harness
import t0520_console as console

ACCOUNT = "/cgi-bin/passwd-admin/account"
DELIVERY_RETRY = "/cgi-bin/passwd-admin/delivery_retry"
GOOD_PASSWORD = "Kq7#mWz2!pLx"


def account_page(browser, umin_id):
    return browser.get(ACCOUNT, params={"id": umin_id})


def insert_change(umin_id, changed_at):
    harness.db_exec("INSERT INTO password_changes (umin_id, changed_at) "
                    "VALUES (%s, %s)", [umin_id, changed_at])
    return int(harness.db_value(
        "SELECT MAX(id) FROM password_changes WHERE umin_id = %s", [umin_id]))


def forget_changes(umin_id):
    harness.db_exec("DELETE FROM password_sync_queue WHERE umin_id = %s",
                    [umin_id])
    harness.db_exec("DELETE FROM password_changes WHERE umin_id = %s",
                    [umin_id])


def insert_delivery(change_id, umin_id, target, status, credential=None,
                    attempts=0, last_error="", next_try_at=None,
                    last_try_at=None, done_at=None):
    harness.db_exec(
        "INSERT INTO password_sync_queue (change_id, umin_id, target, "
        "credential, status, attempts, last_error, next_try_at, last_try_at, "
        "created_at, done_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "'2099-01-01 00:00:00', %s)",
        [change_id, umin_id, target, credential, status, attempts,
         last_error, next_try_at, last_try_at, done_at])
    return int(harness.db_value(
        "SELECT MAX(id) FROM password_sync_queue WHERE change_id = %s "
        "AND target = %s", [change_id, target]))


def delivery_row(page, delivery_id):
    """(state class, visible text, forms) of the delivery's table row.
    Rows are queued in the far future (created_at, next_try_at) so that the
    stack's sync worker leaves them alone."""
    m = re.search(r'<tr id="delivery-%d" class="delivery-([a-z]+)">(.*?)</tr>'
                  % delivery_id, page, re.S)
    if not m:
        raise AssertionError("no row for delivery %d" % delivery_id)
    return m.group(1), harness.text(m.group(2)), harness.forms(m.group(2))


def section(page, section_id):
    m = re.search(r'<section class="box" id="%s">(.*?)</section>'
                  % section_id, page, re.S)
    if not m:
        raise AssertionError("no section %s" % section_id)
    return m.group(1)


class AccountView(unittest.TestCase):
    def setUp(self):
        flows.reset_limits()
        console.forget_login_failures()
        console.unlock(console.DEMO_LOGIN)
        self.browser = console.signed_in_browser()
        self.mailbox = harness.Mailbox()

    def tearDown(self):
        self.browser.close()
        flows.reset_limits()

    def test_each_delivery_state_and_the_retry_forms(self):
        umin_id = flows.fresh_account()
        self.addCleanup(forget_changes, umin_id)
        older = insert_change(umin_id, "2026-01-01 00:00:00")
        superseded = insert_delivery(older, umin_id, "ldap:main", "superseded",
                                     credential="$6$OLDSECRETHASH")
        change = insert_change(umin_id, "2026-01-02 03:04:05")
        delivered = insert_delivery(change, umin_id, "ldap:main", "delivered",
                                    attempts=1,
                                    last_try_at="2026-01-02 03:05:00",
                                    done_at="2026-01-02 03:05:00")
        pending = insert_delivery(change, umin_id, "htpasswd:web", "pending",
                                  credential="$6$PENDINGSECRETHASH",
                                  next_try_at="2099-01-02 03:10:00")
        failed = insert_delivery(change, umin_id, "command:mail", "failed",
                                 credential="$6$FAILEDSECRETHASH",
                                 attempts=4,
                                 last_error="exit status 1: no such user",
                                 next_try_at="2099-01-02 04:00:00",
                                 last_try_at="2026-01-02 03:30:00")

        page = account_page(self.browser, umin_id)
        self.assertEqual(page.status_code, 200, harness.text(page.text))
        body = page.text
        self.assertIn("UMIN ID %s" % umin_id, harness.text(body))
        # Newest change first, in JST.
        self.assertLess(body.find('id="change-%d"' % change),
                        body.find('id="change-%d"' % older))
        self.assertIn("2026/01/02 12:04:05 の更新", harness.text(body))

        state, text, forms = delivery_row(body, delivered)
        self.assertEqual(state, "delivered")
        self.assertIn("反映済み", text)
        self.assertIn("反映 2026/01/02 12:05:00", text)
        self.assertEqual(forms, [])

        state, text, forms = delivery_row(body, pending)
        self.assertEqual(state, "pending")
        self.assertIn("反映待ち", text)
        self.assertIn("次回の試行 2099/01/02 12:10:00", text)
        self.assertEqual(len(forms), 1)

        state, text, forms = delivery_row(body, failed)
        self.assertEqual(state, "failed")
        self.assertIn("反映失敗", text)
        self.assertIn("exit status 1: no such user", text)
        self.assertIn("次回の試行 2099/01/02 13:00:00", text)
        self.assertIn("4", text.split("\n"))
        self.assertEqual(len(forms), 1)

        state, text, forms = delivery_row(body, superseded)
        self.assertEqual(state, "superseded")
        self.assertIn("新しい変更により不要", text)
        self.assertEqual(forms, [])

        token = harness.csrf_token(body)
        for delivery_id in (pending, failed):
            _, _, forms = delivery_row(body, delivery_id)
            form = forms[0]
            self.assertEqual(form["action"], DELIVERY_RETRY)
            self.assertEqual(form["method"], "post")
            fields = {i.get("name"): i.get("value") for i in form["inputs"]
                      if i["_tag"] == "input"}
            self.assertEqual(fields, {"id": str(delivery_id),
                                      "csrf_token": token})
            buttons = [i for i in form["inputs"] if i["_tag"] == "button"]
            self.assertEqual(len(buttons), 1)
        self.assertIn("今すぐ再送", body)
        # The credentials (hashes) never reach the page.
        self.assertNotIn("SECRETHASH", body)
        self.assertNotIn("$6$", body)

    def test_an_account_without_changes_says_so(self):
        umin_id = flows.fresh_account()
        page = account_page(self.browser, umin_id)
        self.assertEqual(page.status_code, 200)
        text = harness.text(section(page.text, "changes"))
        self.assertIn("パスワード更新の記録はありません。", text)
        self.assertIn("手続きの記録はありません。",
                      harness.text(section(page.text, "flows")))
        self.assertIn("メールの記録はありません。",
                      harness.text(section(page.text, "mails")))

    def renew(self, umin_id):
        """A real renewal through the public pages; the access code."""
        browser = harness.Browser()
        self.addCleanup(browser.close)
        mark = self.mailbox.mark()
        flows.request_code_by_id(browser, umin_id)
        msg = self.mailbox.wait_for_one(flows.umin_address(umin_id),
                                        since=mark, timeout=30)
        code = flows.code_from_mail(msg)
        self.assertEqual(flows.enter_code(browser, code).status_code, 303)
        browser.get(flows.NEW_PASSWORD)
        done = browser.submit(flows.NEW_PASSWORD, {
            "password": GOOD_PASSWORD,
            "password_confirmation": GOOD_PASSWORD})
        self.assertEqual(done.status_code, 303)
        return code, harness.body_text(msg)

    def test_flows_requests_mails_and_audit_of_a_real_renewal(self):
        umin_id = flows.fresh_account()
        code, code_mail_body = self.renew(umin_id)
        request_id, receipt = console.insert_request(umin_id=umin_id)

        page = account_page(self.browser, umin_id)
        self.assertEqual(page.status_code, 200)
        body = page.text

        flows_text = harness.text(section(body, "flows"))
        self.assertIn("UMIN IDから", flows_text)
        self.assertIn("パスワード更新済み", flows_text)
        self.assertIn('class="flow-done"', section(body, "flows"))

        requests = section(body, "requests")
        self.assertIn(receipt, harness.text(requests))
        self.assertIn("/cgi-bin/passwd-admin/request?id=%d" % request_id,
                      [href for _, href in harness.all_links(requests)])

        mails = section(body, "mails")
        mails_text = harness.text(mails)
        self.assertIn("アクセスコード通知", mails_text)
        self.assertIn("パスワード更新完了のお知らせ", mails_text)
        self.assertIn(flows.umin_address(umin_id), mails_text)
        self.assertIn("%s@example.org" % umin_id, mails_text)

        events = section(body, "events")
        events_text = harness.text(events)
        self.assertIn("アクセスコード送信", events_text)
        self.assertIn("パスワード更新", events_text)
        # Newest first: the change comes before the code that led to it.
        self.assertLess(events_text.find("パスワード更新"),
                        events_text.find("アクセスコード確認"))
        self.assertIn("/cgi-bin/passwd-admin/audit?umin_id=%s" % umin_id,
                      [href for _, href in harness.all_links(events)])

        # Never a code, a link token or any line of a mail's body.
        self.assertNotIn(code, body)
        for token in re.findall(r"[?&]t=([A-Za-z0-9_-]{20,})", code_mail_body):
            self.assertNotIn(token, body)
        # (Lines every console page has, the footer's, do not count.)
        chrome = self.browser.get(console.QUEUE).text
        checked = 0
        for line in code_mail_body.splitlines():
            line = line.strip()
            if len(line) >= 8 and line not in chrome:
                self.assertNotIn(line, body)
                checked += 1
        self.assertGreater(checked, 3)
        self.assertNotIn("下記アクセスコードを入力し", body)
        flow = flows.flow_row(umin_id)
        self.assertNotIn(flow["token_hash"], body)

    def test_links_from_queue_request_and_audit_pages(self):
        umin_id = flows.fresh_account()
        request_id, _ = console.insert_request(umin_id=umin_id)
        target = "%s?id=%s" % (ACCOUNT, umin_id)

        queue = self.browser.get(console.QUEUE, params={"q": umin_id})
        self.assertEqual(queue.status_code, 200)
        self.assertIn(target, [h for _, h in harness.all_links(queue.text)])

        request = self.browser.get(console.REQUEST,
                                   params={"id": str(request_id)})
        self.assertEqual(request.status_code, 200)
        # The matching account's heading and the ID the applicant gave.
        self.assertGreaterEqual(
            [h for _, h in harness.all_links(request.text)].count(target), 2)

        harness.db_exec(
            "INSERT INTO audit_log (occurred_at, event, umin_id, "
            "operator_name, client_address, request_id, detail) VALUES "
            "(UTC_TIMESTAMP(), 'code_sent', %s, '', '127.0.0.1', 't0530', "
            "'')", [umin_id])
        audit = self.browser.get(console.AUDIT, params={"umin_id": umin_id})
        self.assertEqual(audit.status_code, 200)
        self.assertIn(target, [h for _, h in harness.all_links(audit.text)])

        # The search box in the console's header.
        search = [f for f in harness.forms(queue.text)
                  if f["action"] == ACCOUNT]
        self.assertEqual(len(search), 1)
        self.assertEqual(search[0]["method"], "get")
        self.assertIn("id", [i.get("name") for i in search[0]["inputs"]])
        typed = self.browser.get(ACCOUNT, params={"id": " %s " % umin_id.upper()})
        self.assertEqual(typed.status_code, 200)
        self.assertIn(umin_id, harness.text(typed.text))

    def test_bad_and_unknown_ids_get_a_clear_page(self):
        unknown = "t%s-none" % secrets.token_hex(4)
        page = account_page(self.browser, unknown)
        self.assertEqual(page.status_code, 404)
        self.assertIn("このUMIN IDは登録されていません。",
                      harness.text(page.text))
        for bad in ("not an id", "<script>", "x" * 300, "abc@umin.ac.jp",
                    "\u9ad9\u6a4b-1"):
            page = account_page(self.browser, bad)
            self.assertEqual(page.status_code, 400, bad)
            self.assertIn("UMIN IDの形式が正しくありません。",
                          harness.text(page.text))
            self.assertNotIn("<script>", page.text)
        for empty in ("", "   "):
            page = account_page(self.browser, empty)
            self.assertEqual(page.status_code, 400)
            self.assertIn("表示するUMIN IDを入力してください。",
                          harness.text(page.text))
        page = self.browser.get(ACCOUNT)
        self.assertEqual(page.status_code, 400)

    def test_it_needs_a_session(self):
        with harness.Browser() as anonymous:
            page = anonymous.get(ACCOUNT, params={"id": "umin101-test"})
            self.assertEqual(page.status_code, 303)
            self.assertEqual(harness.location_path(page), console.LOGIN)


if __name__ == "__main__":
    unittest.main()
