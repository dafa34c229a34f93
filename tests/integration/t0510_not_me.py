"""The "not me" link of the access-code and completion mails: opening it
changes nothing; its confirming POST voids the pending code, uses the link
up and opens a priority operator request; a used, expired or unknown link
gets a clear page."""
import hashlib
import re
import secrets
import time
import unittest

import flows
import harness

PAGE = "/cgi-open-bin/passwd/not_me"


def make_link(umin_id, expires_in_hours=24 * 7):
    """Stores a link for UMIN_ID as CreateNotMeLink does; returns its path."""
    token = secrets.token_urlsafe(32)
    assert len(token) == 43
    harness.db_exec(
        "INSERT INTO not_me_links (token_hash, umin_id, created_at, "
        "expires_at) VALUES (%s, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP() + "
        "INTERVAL " + str(int(expires_in_hours)) + " HOUR)",
        [hashlib.sha256(token.encode()).hexdigest(), umin_id])
    return PAGE + "?t=" + token


def link_row(path):
    token = path.split("?t=", 1)[1]
    return harness.db_query(
        "SELECT * FROM not_me_links WHERE token_hash = %s",
        [hashlib.sha256(token.encode()).hexdigest()])[0]


def requests_of(umin_id):
    return harness.db_query(
        "SELECT * FROM operator_requests WHERE umin_id = %s ORDER BY id",
        [umin_id])


class NotMe(unittest.TestCase):
    def setUp(self):
        flows.reset_limits()
        self.user = harness.Browser()      # the one who asked for the code
        self.owner = harness.Browser()     # the one who reads the mail
        self.mailbox = harness.Mailbox()
        self.account = flows.fresh_account()
        self.external = "%s@example.org" % self.account

    def tearDown(self):
        flows.reset_limits()
        self.user.close()
        self.owner.close()

    def send_code(self):
        mark = self.mailbox.mark()
        response = flows.request_code_by_id(self.user, self.account)
        self.assertEqual(response.status_code, 303)
        return flows.wait_for_code(self.mailbox, self.external, mark)

    def test_opening_the_link_changes_nothing(self):
        self.send_code()
        link = make_link(self.account)
        for _ in range(2):  # a mail scanner, then the owner
            page = self.owner.get(link)
            self.assertEqual(page.status_code, 200)
            self.assertEqual(page.headers["Cache-Control"], "no-store")
            self.assertIn("お心当たりの無い操作のご連絡", page.text)
            self.assertIn("事務局へ連絡する", page.text)
            form = harness.forms(page.text)[0]
            self.assertEqual((form["action"], form["method"]), (PAGE, "post"))
            hidden = harness.hidden_inputs(page.text)
            self.assertEqual(hidden["t"], link.split("?t=", 1)[1])
            self.assertIn("csrf_token", hidden)
        self.assertEqual(flows.flow_row(self.account)["state"], "code_sent")
        self.assertIsNone(link_row(link)["used_at"])
        self.assertEqual(requests_of(self.account), [])

    def test_the_confirming_post_voids_the_code_and_opens_a_priority_request(
            self):
        code = self.send_code()
        code_page = self.user.get(flows.CODE).text  # the user waits there
        link = make_link(self.account)
        self.owner.get(link)
        mark = self.mailbox.mark()
        response = self.owner.submit(PAGE)
        self.assertEqual(response.status_code, 303)
        location = harness.location_path(response)
        found = re.fullmatch(PAGE + r"\?receipt=(R\d{8}-\d{6})", location)
        self.assertIsNotNone(found, location)
        receipt = found.group(1)

        flow = flows.flow_row(self.account)
        self.assertEqual(flow["state"], "voided")
        self.assertIsNone(flow["code_hash"])
        requests = requests_of(self.account)
        self.assertEqual(len(requests), 1)
        request = requests[0]
        self.assertEqual(request["receipt_number"], receipt)
        self.assertEqual((request["reason"], request["priority"],
                          request["status"]), ("not_me", "1", "new"))
        self.assertEqual(request["contact_mail"], self.external)
        self.assertEqual((request["family_name"], request["given_name"],
                          request["family_reading"],
                          request["given_reading"]),
                         ("試験", "太郎", "しけん", "たろう"))
        self.assertEqual(request["birth_date"], "1981-02-03")
        used = link_row(link)
        self.assertIsNotNone(used["used_at"])
        self.assertEqual(used["operator_request_id"], request["id"])
        self.assertIn("not_me", flows.audit_events(self.account))
        detail = harness.db_value(
            "SELECT detail FROM audit_log WHERE umin_id = %s AND "
            "event = 'not_me'", [self.account])
        self.assertIn(receipt, detail)

        page = self.owner.get(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn("ご連絡を受け付けました", page.text)
        self.assertIn("送信済みのアクセスコードは無効にいたしました。", page.text)
        self.assertIn(receipt, page.text)
        self.assertIn("t***@example.org", page.text)
        with harness.Browser() as stranger:
            other = stranger.get(location)
            self.assertEqual(other.status_code, 404)
            self.assertNotIn(receipt, other.text)

        msg = self.mailbox.wait_for_one(self.external, since=mark)
        self.assertIn(receipt, harness.body_text(msg))

        # The code mailed before no longer opens anything.
        entered = self.user.submit(flows.CODE, {"access_code": code},
                                   page=code_page)
        self.assertEqual(entered.status_code, 200)
        self.assertIn("アクセスコード期限切れ", entered.text)
        self.assertEqual(flows.flow_row(self.account)["state"], "voided")

    def test_a_used_link_says_so_and_does_nothing_more(self):
        link = make_link(self.account)
        self.owner.get(link)
        token_page = self.owner.last.text
        self.assertEqual(self.owner.submit(PAGE).status_code, 303)
        again = self.owner.get(link)
        self.assertEqual(again.status_code, 200)
        self.assertIn("このリンクは使用済みです", again.text)
        self.assertNotIn("事務局へ連絡する", again.text)
        replay = self.owner.submit(PAGE, page=token_page)
        self.assertEqual(replay.status_code, 200)
        self.assertIn("このリンクは使用済みです", replay.text)
        self.assertEqual(len(requests_of(self.account)), 1)
        self.assertIn("not_me_refused", flows.audit_events(self.account))

    def test_an_expired_link_says_so_and_changes_nothing(self):
        self.send_code()
        link = make_link(self.account, expires_in_hours=-1)
        page = self.owner.get(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn("このリンクの有効期限が切れました", page.text)
        self.assertEqual(harness.links(page.text).get(
            "オペレータへパスワード更新申請"), "/cgi-open-bin/passwd/operator_request")
        # A form kept open from before the expiry posts in vain.
        token = link.split("?t=", 1)[1]
        csrf = harness.csrf_token(self.owner.get(
            "/cgi-open-bin/passwd/operator_request").text)
        response = self.owner.post(PAGE, data={"t": token, "csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertIn("このリンクの有効期限が切れました", response.text)
        self.assertEqual(flows.flow_row(self.account)["state"], "code_sent")
        self.assertEqual(requests_of(self.account), [])

    def test_an_unknown_link_gets_a_clear_page(self):
        for path in [PAGE, PAGE + "?t=", PAGE + "?t=" + secrets.token_urlsafe(32),
                     PAGE + "?t=short", PAGE + "?t=" + "x" * 500]:
            with self.subTest(path=path[:60]):
                page = self.owner.get(path)
                self.assertEqual(page.status_code, 404)
                self.assertIn("このリンクは無効です", page.text)
                self.assertIn("大学病院医療情報ネットワーク", page.text)

    def test_a_post_without_the_csrf_token_is_refused(self):
        self.send_code()
        link = make_link(self.account)
        self.owner.get(link)
        token = link.split("?t=", 1)[1]
        response = self.owner.post(PAGE, data={"t": token})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(flows.flow_row(self.account)["state"], "code_sent")
        self.assertIsNone(link_row(link)["used_at"])

    def test_without_an_external_address_the_contact_is_the_umin_address(self):
        account = flows.fresh_account(external_mail=None)
        link = make_link(account)
        self.owner.get(link)
        mark = self.mailbox.mark()
        self.assertEqual(self.owner.submit(PAGE).status_code, 303)
        request = requests_of(account)[0]
        self.assertEqual(request["contact_mail"], flows.umin_address(account))
        self.mailbox.wait_for_one(flows.umin_address(account), since=mark)

    def test_a_verified_flow_is_voided_too(self):
        code = self.send_code()
        self.assertEqual(flows.enter_code(self.user, code).status_code, 303)
        self.assertEqual(flows.flow_row(self.account)["state"], "verified")
        link = make_link(self.account)
        self.owner.get(link)
        self.assertEqual(self.owner.submit(PAGE).status_code, 303)
        self.assertEqual(flows.flow_row(self.account)["state"], "voided")
        page = self.user.get(flows.NEW_PASSWORD)
        self.assertIn("アクセスコード期限切れ", page.text)
        self.assertNotIn('name="password"', page.text)


NOT_ME_LINK = re.compile(re.escape(PAGE) + r"\?t=([A-Za-z0-9_-]{43})")


class NotMeTokenLeavesTheOutbox(unittest.TestCase):
    """A sent mail's body is wiped: the not-me token of the access-code and
    completion mails is nowhere in mail_outbox once they went out."""

    def setUp(self):
        flows.reset_limits()

    def tearDown(self):
        flows.reset_limits()

    def test_no_outbox_row_keeps_the_token_after_sending(self):
        account = flows.fresh_account()
        to = flows.umin_address(account)
        mailbox = harness.Mailbox()
        mark = mailbox.mark()
        self.assertEqual(flows.renew(account, "Kq7mWz2x!Rv").status_code, 303)
        mails = mailbox.wait_for(to, since=mark, count=2, timeout=30)
        tokens = set()
        for mail in mails:  # the access-code mail, then the completion mail
            found = NOT_ME_LINK.search(harness.body_text(mail))
            self.assertIsNotNone(found, harness.body_text(mail))
            tokens.add(found.group(1))
        self.assertEqual(len(tokens), 2)
        # The mail-sender records "sent" just after the SMTP server took the
        # mail: poll with a generous deadline.
        deadline = time.monotonic() + 30
        while True:
            holding = [token for token in tokens if harness.db_value(
                "SELECT COUNT(*) FROM mail_outbox WHERE body LIKE %s",
                ["%" + token + "%"]) != "0"]
            pending = harness.db_value(
                "SELECT COUNT(*) FROM mail_outbox WHERE recipient = %s "
                "AND status <> 'sent'", [to])
            if (not holding and pending == "0") or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(pending, "0")
        self.assertEqual(holding, [])
        # The link itself still works.
        page = harness.Browser().get(PAGE + "?t=" + tokens.pop())
        self.assertEqual(page.status_code, 200)
        self.assertIn("事務局へ連絡する", page.text)


if __name__ == "__main__":
    unittest.main()
