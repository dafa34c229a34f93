"""The operator request form (オペレータへパスワード更新申請): field errors
next to their field with the input kept, the receipt on screen and by mail,
the request committed and audited, the receipt shown to the submitting
browser only, CSRF, the per-address rate limit, the daily cap of receipt
mails to one contact address, and the bound of refusals in the audit log."""
import html
import re
import secrets
import time
import unittest

import a11y
import flows
import harness

PAGE = "/cgi-open-bin/passwd/operator_request"
RATE_SCOPE = "operator_request_address"
RECEIPT_SCOPE = "operator_receipt_contact"
NOT_MAILED = "このメールアドレス（%s）へは本日すでに受付メールを何度かお送りしているため"
REASONS = ["code_not_received", "send_failed", "role_account", "other"]
FIELDS = ["umin_id", "family_name", "given_name", "family_reading",
          "given_reading", "birth_date", "affiliation", "contact_mail",
          "message"]


def forget_rate_events():
    harness.db_exec("DELETE FROM rate_limit_events WHERE scope = %s",
                    [RATE_SCOPE])
    flows.forget_audit_bound()


def refused_count():
    return int(harness.db_value(
        "SELECT COUNT(*) FROM audit_log "
        "WHERE event = 'operator_request_refused'"))


def unique_contact():
    return "orq-%s@example.org" % secrets.token_hex(5)


def valid_fields(**changes):
    fields = {
        "umin_id": "umin101-test",
        "family_name": "山田", "given_name": "太郎",
        "family_reading": "やまだ", "given_reading": "たろう",
        "birth_date": "1980/04/01",
        "affiliation": "東京大学医学部附属病院",
        "contact_mail": unique_contact(),
        "reason": "code_not_received",
        "message": "一行目\r\n二行目 <b>&amp;</b>",
    }
    fields.update(changes)
    return fields


def requests_to(contact):
    return harness.db_query(
        "SELECT * FROM operator_requests WHERE contact_mail = %s", [contact])


def input_value(page, name):
    for attrs in harness.inputs(page):
        if attrs.get("name") == name and attrs["_tag"] == "input":
            return attrs.get("value", "")
    raise AssertionError("no input %r" % name)


def textarea_text(page):
    found = re.search(r'<textarea[^>]*name="message"[^>]*>\n?(.*?)</textarea>',
                      page, re.S)
    assert found, "no message textarea"
    return html.unescape(found.group(1))


def checked_reason(page):
    for attrs in harness.inputs(page):
        if attrs.get("name") == "reason" and "checked" in attrs:
            return attrs.get("value")
    return None


def field_error(page, field):
    """The error message shown right before FIELD's control, or None."""
    control = "textarea" if field == "message" else "input"
    if field == "reason":
        found = re.search(r'<legend>申請理由</legend>\s*'
                          r'<p class="field-error"[^>]*>([^<]*)</p>', page)
    else:
        found = re.search(r'<p class="field-error"[^>]*>([^<]*)</p>\s*<%s [^>]*'
                          r'name="%s"' % (control, field), page)
    return html.unescape(found.group(1)) if found else None


class OperatorRequestForm(unittest.TestCase, a11y.FieldErrorAsserts):
    def setUp(self):
        forget_rate_events()
        self.browser = harness.Browser()
        self.mailbox = harness.Mailbox()

    def tearDown(self):
        forget_rate_events()
        self.browser.close()

    def submit(self, fields, browser=None):
        browser = browser or self.browser
        page = browser.get(PAGE)
        self.assertEqual(page.status_code, 200)
        return browser.submit(PAGE, fields)

    def assert_kept(self, page, fields):
        for name in FIELDS:
            if name == "message":
                self.assertEqual(textarea_text(page).replace("\r\n", "\n"),
                                 fields["message"].replace("\r\n", "\n"))
            else:
                self.assertEqual(input_value(page, name), fields[name],
                                 "field %s not kept" % name)
        reason = fields.get("reason")
        self.assertEqual(checked_reason(page),
                         reason if reason in REASONS else None)

    def test_the_form_offers_every_field(self):
        page = self.browser.get(PAGE)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.headers["Cache-Control"], "no-store")
        self.assertIn("オペレータへパスワード更新申請", page.text)
        self.assertIn("申請内容を事務局にて確認させていただき、対応いたします。",
                      page.text)
        names = {a.get("name") for a in harness.inputs(page.text)}
        for name in FIELDS + ["reason", "csrf_token"]:
            self.assertIn(name, names)
        reasons = [a.get("value") for a in harness.inputs(page.text)
                   if a.get("name") == "reason"]
        self.assertEqual(reasons, REASONS)
        for label in ["アクセスコードが届かない", "アクセスコードの送信に失敗した",
                      "役職・業務・管理・団体のUMIN ID", "その他", "所属機関",
                      "連絡先メールアドレス", "生年月日", "せい", "めい"]:
            self.assertIn(label, page.text)
        form = harness.forms(page.text)[0]
        self.assertEqual((form["action"], form["method"]), (PAGE, "post"))

    def test_each_field_error_is_shown_next_to_its_field_with_input_kept(self):
        cases = [
            ("umin_id", "umin101-test@umin.ac.jp",
             "@umin.ac.jpはメールアドレスですので記入しないでください。"),
            ("umin_id", "umin 101", "aaaaaa-aaaの形式"),
            ("family_name", "", "姓をご入力ください。"),
            ("given_name", "　", "名をご入力ください。"),
            ("family_reading", "yamada", "せいをひらがなでご入力ください。"),
            ("given_reading", "", "めいをご入力ください。"),
            ("birth_date", "1980/13/01", "正しい日付をご入力ください。"),
            ("birth_date", "2999/01/01", "生年月日に未来の日付は入力できません。"),
            ("affiliation", "", "所属機関をご入力ください。"),
            ("affiliation", "x" * 201, "所属機関は200文字以内でご入力ください。"),
            ("contact_mail", "", "連絡先メールアドレスをご入力ください。"),
            ("contact_mail", "taro@@example.org", "連絡先メールアドレスを正しくご入力ください"),
            ("reason", "", "申請理由をお選びください。"),
            ("reason", "not_me", "申請理由をお選びください。"),
            ("message", "あ" * 1001, "申請内容は1000文字以内でご入力ください（現在1001文字）。"),
        ]
        for field, value, message in cases:
            with self.subTest(field=field, value=value[:20]):
                fields = valid_fields(**{field: value})
                response = self.submit(fields)
                self.assertEqual(response.status_code, 200)
                self.assertIn("入力内容をご確認ください。", response.text)
                self.assertIn(message, field_error(response.text, field) or "")
                self.assertEqual(response.text.count('class="field-error"'), 1)
                # Tied to its input (every radio of a group); no list for
                # one error.
                for input_id in ([a["id"] for a in harness.inputs(response.text)
                                  if a.get("name") == "reason"]
                                 if field == "reason" else [field]):
                    self.assert_error_tied(response.text, input_id, message)
                self.assertEqual(a11y.summary_links(response.text), [])
                self.assert_kept(response.text, fields)
                self.assertEqual(requests_to(fields["contact_mail"]), [])

    def test_other_needs_a_text_and_an_empty_form_gets_every_error(self):
        fields = valid_fields(reason="other", message="")
        response = self.submit(fields)
        self.assertIn("「その他」の場合は、申請内容をご入力ください。",
                      field_error(response.text, "message") or "")
        empty = {name: "" for name in FIELDS}
        response = self.submit(empty)
        self.assertEqual(response.status_code, 200)
        for field in ["family_name", "given_name", "family_reading",
                      "given_reading", "birth_date", "affiliation",
                      "contact_mail", "reason"]:
            self.assertIsNotNone(field_error(response.text, field), field)
        self.assertIsNone(field_error(response.text, "umin_id"))
        # The summary lists every error in the form's order, each linking
        # to its input (a group to its first radio button).
        links = a11y.summary_links(response.text)
        self.assertEqual([href for _, href in links], [
            "#family_name", "#given_name", "#family_reading", "#given_reading",
            "#birth_date", "#affiliation", "#contact_mail",
            "#reason_code_not_received"])
        for (message, href), field in zip(links, [
                "family_name", "given_name", "family_reading",
                "given_reading", "birth_date", "affiliation", "contact_mail",
                "reason"]):
            self.assertEqual(message, field_error(response.text, field))
        self.assertLess(response.text.index('id="error_summary"'),
                        response.text.index("<form"))
        self.assert_no_error_tied(response.text, "umin_id")

    def test_typed_markup_is_shown_as_text(self):
        fields = valid_fields(affiliation='"><script>alert(1)</script>',
                              family_name="")
        response = self.submit(fields)
        self.assertNotIn("<script>alert(1)</script>", response.text)
        self.assertEqual(input_value(response.text, "affiliation"),
                         fields["affiliation"])
        self.assertIn("&lt;b&gt;&amp;amp;&lt;/b&gt;", response.text)

    def test_a_request_is_stored_mailed_audited_and_its_receipt_shown(self):
        fields = valid_fields(umin_id=" UMIN101-TEST ",
                              birth_date="1980-4-1", reason="send_failed")
        contact = fields["contact_mail"]
        mark = self.mailbox.mark()
        response = self.submit(fields)
        self.assertEqual(response.status_code, 303)
        location = harness.location_path(response)
        found = re.fullmatch(PAGE + r"\?receipt=(R\d{8}-\d{6})", location)
        self.assertIsNotNone(found, location)
        receipt = found.group(1)

        # Committed before the page says so.
        rows = requests_to(contact)
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["receipt_number"], receipt)
        self.assertEqual(row["umin_id"], "umin101-test")
        self.assertEqual((row["family_name"], row["given_name"]),
                         ("山田", "太郎"))
        self.assertEqual((row["family_reading"], row["given_reading"]),
                         ("やまだ", "たろう"))
        self.assertEqual(row["birth_date"], "1980-04-01")
        self.assertEqual(row["affiliation"], "東京大学医学部附属病院")
        self.assertEqual(row["reason"], "send_failed")
        self.assertEqual(row["message"], "一行目\n二行目 <b>&amp;</b>")
        self.assertEqual((row["priority"], row["status"]), ("0", "new"))
        self.assertEqual(row["client_address"], "127.0.0.1")

        page = self.browser.get(location)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.headers["Cache-Control"], "no-store")
        self.assertIn("申請受付完了", page.text)
        self.assertIn(receipt, page.text)
        self.assertIn(contact, page.text)
        self.assertIn("申請内容を事務局にて確認させていただき、対応いたします。",
                      page.text)

        msg = self.mailbox.wait_for_one(contact, since=mark)
        body = harness.body_text(msg).replace("\r\n", "\n")
        self.assertIn(receipt, str(msg["Subject"]))
        self.assertIn("\n" + receipt + "\n", body)
        self.assertIn("アクセスコードの送信に失敗した", body)
        self.assertIn("申請内容を事務局にて確認させていただき、対応いたします。", body)
        self.assertIn(harness.read_config().get(
            "inquiry_url",
            "https://center6.umin.ac.jp/cgi-open-bin/toiawase/input?service=touroku"),
            body)
        self.assertNotIn("二行目", body)  # the free text is never mailed
        self.assertNotIn("山田", body)

        audits = harness.db_query(
            "SELECT * FROM audit_log WHERE event = 'operator_request' "
            "AND detail LIKE %s", ["%" + receipt + "%"])
        self.assertEqual(len(audits), 1)
        self.assertEqual(audits[0]["umin_id"], "umin101-test")
        self.assertNotIn("二行目", audits[0]["detail"])
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM rate_limit_events WHERE scope = %s",
            [RATE_SCOPE]), "1")

    def test_without_a_umin_id_the_request_is_stored_without_one(self):
        fields = valid_fields(umin_id="", reason="other",
                              message="役職のUMIN IDについて")
        response = self.submit(fields)
        self.assertEqual(response.status_code, 303)
        row = requests_to(fields["contact_mail"])[0]
        self.assertIsNone(row["umin_id"])
        self.assertEqual(row["reason"], "other")

    def test_only_the_submitting_browser_sees_the_receipt(self):
        fields = valid_fields()
        response = self.submit(fields)
        self.assertEqual(response.status_code, 303)
        location = harness.location_path(response)
        receipt = location.split("=", 1)[1]
        with harness.Browser() as other:
            page = other.get(location)
            self.assertEqual(page.status_code, 404)
            self.assertIn("受付内容を表示できません", page.text)
            self.assertNotIn(receipt, page.text)
            self.assertNotIn(fields["contact_mail"], page.text)
            # Nor with a cookie made for another receipt.
            other.session.cookies.set(
                "passwd_receipt", self.browser.cookie("passwd_receipt"),
                path="/cgi-open-bin/passwd/")
            forged = other.get(PAGE + "?receipt=" + receipt[:-1] +
                               str((int(receipt[-1]) + 1) % 10))
            self.assertEqual(forged.status_code, 404)
        # The submitting browser cannot look at a guessed neighbour either.
        guessed = self.browser.get(PAGE + "?receipt=R20200101-000000")
        self.assertEqual(guessed.status_code, 404)
        self.assertEqual(self.browser.get(location).status_code, 200)

    def test_a_post_without_the_csrf_token_is_refused(self):
        fields = valid_fields()
        self.browser.get(PAGE)
        response = self.browser.post(PAGE, data=fields)
        self.assertEqual(response.status_code, 403)
        self.assertIn("この操作は受け付けられませんでした", response.text)
        response = self.browser.post(PAGE, data=dict(fields,
                                                     csrf_token="forged"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(requests_to(fields["contact_mail"]), [])

    def test_five_requests_per_address_and_hour(self):
        harness.db_exec(
            "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
            "SELECT %s, '127.0.0.1', UTC_TIMESTAMP() FROM seq_1_to_4",
            [RATE_SCOPE])
        refusals = refused_count()
        fields = valid_fields()
        self.assertEqual(self.submit(fields).status_code, 303)
        mark = self.mailbox.mark()
        refused = valid_fields()
        response = self.submit(refused)
        self.assertEqual(response.status_code, 429)
        self.assertIn("しばらく時間をおいてお試しください", response.text)
        self.assertRegex(response.text, r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}"
                         r"以降に改めてお試しください。")
        self.assertGreater(int(response.headers["Retry-After"]), 0)
        # No link back to the form that is refusing.
        self.assertNotIn('href="/cgi-open-bin/passwd/operator_request"',
                         response.text)
        self.assertEqual(requests_to(refused["contact_mail"]), [])
        self.mailbox.assert_none(refused["contact_mail"], mark, wait=2)
        self.assertEqual(refused_count(), refusals + 1)
        # An hour later the address may apply again.
        harness.db_exec(
            "UPDATE rate_limit_events SET occurred_at = occurred_at - "
            "INTERVAL 61 MINUTE WHERE scope = %s", [RATE_SCOPE])
        self.assertEqual(self.submit(refused).status_code, 303)

    def receipt_cap(self):
        return int(harness.read_config().get(
            "operator_receipts_per_contact_day", "3"))

    def outbox_rows_to(self, contact):
        return int(harness.db_value(
            "SELECT COUNT(*) FROM mail_outbox WHERE LOWER(recipient) LIKE %s",
            [contact.split("@")[0].split("+")[0].lower() + "%"]))

    def test_receipts_to_one_contact_address_are_capped_per_day(self):
        cap = self.receipt_cap()
        local = "orq-cap-%s" % secrets.token_hex(5)
        contact = local + "@example.org"
        # One mailbox, however it is spelled: the domain's and the local
        # part's case, a "+tag".
        spellings = [contact, local.upper() + "@EXAMPLE.ORG",
                     local + "+again@example.org"]
        mark = self.mailbox.mark()
        for n in range(cap):
            forget_rate_events()  # not the address's limit under test
            spelled = spellings[n % len(spellings)]
            response = self.submit(valid_fields(contact_mail=spelled))
            self.assertEqual(response.status_code, 303)
            page = self.browser.get(harness.location_path(response))
            self.assertIn("へもメールでお送りしました", page.text)
        self.assertEqual(self.outbox_rows_to(contact), cap)
        # Past the cap the request is received and its number shown, but no
        # receipt mail goes out.
        forget_rate_events()
        over = valid_fields(contact_mail=contact)
        response = self.submit(over)
        self.assertEqual(response.status_code, 303)
        location = harness.location_path(response)
        receipt = re.search(r"receipt=(R\d{8}-\d{6})", location).group(1)
        page = self.browser.get(location)
        self.assertEqual(page.status_code, 200)
        self.assertIn(receipt, page.text)
        self.assertIn(NOT_MAILED % contact, page.text)
        self.assertNotIn("へもメールでお送りしました", page.text)
        self.assertEqual(harness.db_value(
            "SELECT COUNT(*) FROM operator_requests WHERE receipt_number = %s",
            [receipt]), "1")
        self.assertEqual(self.outbox_rows_to(contact), cap)
        # The catcher got the cap's mails, and nothing more comes.
        for spelled in set(spellings[:cap]):
            self.mailbox.wait_for(spelled, since=mark,
                                  count=spellings[:cap].count(spelled))
        time.sleep(3)
        mailed = [m for m in self.mailbox.messages(since=mark)
                  if any(a.startswith(local) for a in m.envelope_to)]
        self.assertEqual(len(mailed), cap)
        self.assertNotIn(receipt, "".join(str(m["Subject"]) for m in mailed))
        audit = harness.db_value(
            "SELECT detail FROM audit_log WHERE event = 'operator_request' "
            "AND detail LIKE %s", ["%" + receipt + "%"])
        self.assertIn("no receipt mail", audit)
        # The limit's rows hold a keyed hash, never the address.
        subjects = [r["subject"] for r in harness.db_query(
            "SELECT subject FROM rate_limit_events WHERE scope = %s",
            [RECEIPT_SCOPE])]
        self.assertTrue(subjects)
        for subject in subjects:
            self.assertRegex(subject, r"^[0-9a-f]{64}$")
        self.assertEqual(int(harness.db_value(
            "SELECT COUNT(*) FROM rate_limit_subjects WHERE subject LIKE %s",
            ["%" + local + "%"])), 0)
        # Another address is not affected.
        other = unique_contact()
        self.assertEqual(self.submit(valid_fields(
            contact_mail=other)).status_code, 303)
        self.mailbox.wait_for_one(other, since=mark)
        # A day later the address gets receipts again.
        harness.db_exec(
            "UPDATE rate_limit_events SET occurred_at = occurred_at - "
            "INTERVAL 25 HOUR WHERE scope = %s", [RECEIPT_SCOPE])
        forget_rate_events()
        response = self.submit(valid_fields(contact_mail=contact))
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("mail=", harness.location_path(response))
        self.assertEqual(self.outbox_rows_to(contact), cap + 1)

    def test_refusals_past_the_bound_are_counted_not_logged(self):
        # 200 requests over the address's limit: the audit log keeps the
        # bound's rows and one notice, the metrics count every refusal.
        harness.db_exec(
            "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
            "SELECT %s, '127.0.0.1', UTC_TIMESTAMP() FROM seq_1_to_5",
            [RATE_SCOPE])
        bound = 20
        last_id = int(harness.db_value(
            "SELECT COALESCE(MAX(id), 0) FROM audit_log"))
        counters_before = flows.metric_counters()
        page = self.browser.get(PAGE)
        for _ in range(200):
            response = self.browser.submit(PAGE, valid_fields(), page=page.text)
            self.assertEqual(response.status_code, 429)
        # The rows these requests wrote, not a worker's (no client address).
        new_rows = harness.db_query(
            "SELECT event, detail FROM audit_log WHERE id > %s "
            "AND client_address <> ''", [last_id])
        refused = [r for r in new_rows
                   if r["event"] == "operator_request_refused"]
        notices = [r for r in new_rows if r["event"] == "audit_suppressed"]
        self.assertEqual(len(refused), bound)
        self.assertEqual(len(notices), 1)
        self.assertTrue(notices[0]["detail"].startswith(
            "operator_request_refused from 127.0.0.1: more than 20"),
            notices[0]["detail"])
        self.assertLessEqual(len(new_rows), bound + 1)
        moved = flows.metric_counters()
        self.assertGreaterEqual(
            moved["refused_requests"] - counters_before["refused_requests"],
            200)
        self.assertGreaterEqual(
            moved["rate_limited"] - counters_before["rate_limited"], 200)
        self.assertGreaterEqual(
            moved["audit_rows_suppressed"]
            - counters_before["audit_rows_suppressed"], 180)


if __name__ == "__main__":
    unittest.main()
