"""umin-passwdctl import-accounts: a good file in any column order; every
kind of bad line refuses the whole file with nothing written and names the
line; --dry-run writes nothing and prints the counts; --full marks missing
accounts removed, never deleted; a second import changes nothing; an
account that stops being active loses its pending renewal.

The imports run against a scratch database of the stack's MariaDB
(passwd_import_test, migrated by the test), since --full would remove every
other test's accounts. The stack's own database is used for the other half:
a disabled and a removed account get exactly the answer of an unknown UMIN
ID on send_id and send_profile, and no mail."""
import os
import random
import secrets
import shutil
import tempfile
import unittest

import flows
import harness
from t0510_not_me import PAGE as NOT_ME_PAGE, make_link, requests_of
from t0700_passwdctl_config import passwdctl

SCRATCH = "passwd_import_test"
COLUMNS = ["umin_id", "family_name", "given_name", "family_reading",
           "given_reading", "gender", "birth_date", "category",
           "external_mail", "status"]
ROW_COLUMNS = ", ".join(COLUMNS[:6]) + (
    ", DATE_FORMAT(birth_date, '%Y-%m-%d') AS birth_date, category, "
    "external_mail, status")


def record(umin_id, **fields):
    """One account of a file, as a dict of every column."""
    row = {"umin_id": umin_id, "family_name": "山田", "given_name": "太郎",
           "family_reading": "やまだ", "given_reading": "たろう",
           "gender": "male", "birth_date": "1980-04-01",
           "category": "individual",
           "external_mail": umin_id + "@example.org", "status": "active"}
    row.update(fields)
    return row


class ImportAccounts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        harness.db_exec("DROP DATABASE IF EXISTS %s; CREATE DATABASE %s"
                        % (SCRATCH, SCRATCH), database=None)
        # The stack's configuration, pointed at the scratch database and
        # reached as the DB root over the socket, as migrate is.
        config = harness.read_config()
        cls.config = os.path.join(cls.tmp, "passwd.conf")
        with open(harness.config_path(), encoding="utf-8") as src, \
                open(cls.config, "w", encoding="utf-8") as out:
            for line in src:
                key = line.split("=", 1)[0].strip()
                if key == "db_name":
                    line = "db_name = %s\n" % SCRATCH
                elif key == "db_user":
                    line = "db_user = %s\n" % config["migrate_user"]
                elif key == "db_password":
                    line = "db_password = %s\n" % config["migrate_password"]
                out.write(line)
        proc = passwdctl("migrate", config=cls.config)
        assert proc.returncode == 0, proc.stderr

    @classmethod
    def tearDownClass(cls):
        harness.db_exec("DROP DATABASE IF EXISTS %s" % SCRATCH, database=None)
        shutil.rmtree(cls.tmp)

    def setUp(self):
        harness.db_exec(
            "DELETE FROM reset_flows; DELETE FROM operator_link_tokens; "
            "DELETE FROM operator_requests; DELETE FROM operators; "
            "DELETE FROM accounts", database=SCRATCH)

    # --- helpers -------------------------------------------------------------

    def write(self, rows, columns=COLUMNS, raw_lines=(), name="accounts.tsv"):
        """Writes a file of ROWS (dicts) under COLUMNS, then RAW_LINES
        (bytes, without line breaks); returns its path."""
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(("\t".join(columns) + "\n").encode())
            for row in rows:
                f.write(("\t".join(row[c] for c in columns) + "\n").encode())
            for line in raw_lines:
                f.write(line + b"\n")
        return path

    def run_import(self, path, *flags):
        proc = passwdctl("import-accounts", path, *flags, config=self.config)
        return (proc.returncode, proc.stdout.decode("utf-8"),
                proc.stderr.decode("utf-8"))

    def imported(self, rows, *flags):
        code, out, err = self.run_import(self.write(rows), *flags)
        self.assertEqual(code, 0, err)
        self.assertEqual(err, "")
        return out.splitlines()[0]

    def stored(self):
        """Every account of the scratch database: UMIN ID -> dict."""
        rows = harness.db_query("SELECT %s FROM accounts" % ROW_COLUMNS,
                                database=SCRATCH)
        for row in rows:
            row["external_mail"] = row["external_mail"] or ""
        return {row["umin_id"]: row for row in rows}

    def whole_table(self):
        """Every column of every account, for "nothing written"."""
        return harness.db_query("SELECT * FROM accounts ORDER BY umin_id",
                                database=SCRATCH)

    # --- tests ---------------------------------------------------------------

    def test_a_good_file_in_any_column_order_is_imported(self):
        rows = [record("imp101-a"),
                record("imp102-b", external_mail="", gender="female",
                       family_reading="ヤマダ", given_reading="はなこ",
                       given_name="花子"),
                record("imp103-c", category="role", status="disabled",
                       birth_date="1900-01-01")]
        columns = list(reversed(COLUMNS))
        code, out, err = self.run_import(self.write(rows, columns))
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out.splitlines(),
                         ["new=3 changed=0 removed=0 unchanged=0 refused=0"])
        self.assertEqual(self.stored(), {r["umin_id"]: r for r in rows})
        self.assertIsNone(harness.db_value(
            "SELECT external_mail FROM accounts WHERE umin_id = 'imp102-b'",
            database=SCRATCH))
        self.assertEqual(harness.db_value(
            "SELECT detail FROM audit_log WHERE event = 'accounts_imported' "
            "ORDER BY id DESC LIMIT 1", database=SCRATCH),
            "new=3 changed=0 removed=0 unchanged=0 refused=0")

    def test_a_second_import_of_the_same_file_changes_nothing(self):
        rows = [record("imp201-a"), record("imp202-b", external_mail="")]
        self.imported(rows)
        harness.db_exec(
            "UPDATE accounts SET password_hash = 'kept', "
            "password_changed_at = '2020-01-01 00:00:00', "
            "updated_at = '2020-01-01 00:00:00'", database=SCRATCH)
        before = self.whole_table()
        self.assertEqual(self.imported(rows),
                         "new=0 changed=0 removed=0 unchanged=2 refused=0")
        self.assertEqual(self.whole_table(), before)
        # A change is written, and leaves the password alone.
        rows[1]["external_mail"] = "new@example.org"
        self.assertEqual(self.imported(rows),
                         "new=0 changed=1 removed=0 unchanged=1 refused=0")
        after = {r["umin_id"]: r for r in self.whole_table()}
        self.assertEqual(after["imp202-b"]["external_mail"], "new@example.org")
        self.assertNotEqual(after["imp202-b"]["updated_at"],
                            "2020-01-01 00:00:00")
        for row in after.values():
            self.assertEqual(row["password_hash"], "kept")
            self.assertEqual(row["password_changed_at"], "2020-01-01 00:00:00")
        self.assertEqual(after["imp201-a"], before[0])

    def test_each_kind_of_bad_line_refuses_the_whole_file(self):
        self.imported([record("imp301-old")])
        before = self.whole_table()
        good = [record("imp302-new"),
                record("imp301-old", family_name="変更")]

        def line(**fields):
            row = dict(record("imp399-bad"), **fields)
            return "\t".join(row[c] for c in COLUMNS).encode()

        cases = [
            ("bad date", [line(birth_date="1990-02-30")],
             'line 4: birth_date "1990-02-30" is not a real date'),
            ("date spelling", [line(birth_date="1990/02/03")],
             'line 4: birth_date "1990/02/03"'),
            ("bad ID", [line(umin_id="UMIN-Upper")],
             'line 4: umin_id "UMIN-Upper" is not a UMIN ID'),
            ("bad address", [line(external_mail="not an address")],
             'line 4: external_mail "not an address" is not a valid'),
            ("bad gender", [line(gender="m")],
             'line 4: gender "m" is not one of male, female'),
            ("bad category", [line(category="person")],
             'line 4: category "person" is not one of individual, role'),
            ("bad status", [line(status="removed")],
             'line 4: status "removed" is not one of active, disabled'),
            ("bad reading", [line(family_reading="山田")],
             "line 4: family_reading is empty or not kana"),
            ("broken UTF-8",
             [line().replace("山田".encode(), b"\xe5\xb1")],
             "line 4: not valid UTF-8 text"),
            ("wrong field count", [line() + b"\textra"],
             "line 4: 11 fields, the header has 10"),
            ("duplicated ID", ["\t".join(record("imp302-new")[c]
                                         for c in COLUMNS).encode()],
             'line 4: umin_id "imp302-new" is on line 2 already'),
        ]
        for name, raw, message in cases:
            with self.subTest(name):
                path = self.write(good, raw_lines=raw)
                for flags in [(), ("--full",)]:
                    code, out, err = self.run_import(path, *flags)
                    self.assertEqual(code, 1)
                    self.assertIn(message, err)
                    self.assertIn("refused, nothing written", err)
                    self.assertIn("refused=1", out)
                    self.assertEqual(self.whole_table(), before)

    def test_a_bad_header_refuses_the_file(self):
        self.imported([record("imp311-old")])
        before = self.whole_table()
        cases = [
            (COLUMNS + ["nickname"], 'line 1: unknown column "nickname"'),
            (COLUMNS[:-1], 'line 1: missing column "status"'),
            (COLUMNS + ["gender"], 'line 1: column "gender" appears twice'),
        ]
        for columns, message in cases:
            with self.subTest(message):
                rows = [dict(record("imp312-new"), nickname="x")]
                code, out, err = self.run_import(self.write(rows, columns),
                                                 "--full")
                self.assertEqual(code, 1)
                self.assertIn(message, err)
                self.assertEqual(self.whole_table(), before)

    def test_every_problem_is_listed_up_to_a_hundred(self):
        bad = [("imp4%02d-x\tonly two" % i).encode() for i in range(3)]
        code, out, err = self.run_import(
            self.write([record("imp401-a")], raw_lines=bad))
        self.assertEqual(code, 1)
        self.assertEqual(err.splitlines()[:3],
                         ["line %d: 2 fields, the header has 10" % n
                          for n in (3, 4, 5)])
        many = [b"x"] * 150
        code, out, err = self.run_import(self.write([], raw_lines=many))
        self.assertEqual(code, 1)
        lines = err.splitlines()
        self.assertEqual(lines[99], "line 101: 1 fields, the header has 10")
        self.assertEqual(lines[100], "and 50 more")
        self.assertIn("refused=150", out)
        self.assertEqual(self.whole_table(), [])

    def test_a_dry_run_writes_nothing_and_prints_the_counts(self):
        self.imported([record("imp501-same"), record("imp502-changed"),
                       record("imp503-missing")])
        before = self.whole_table()
        rows = [record("imp501-same"),
                record("imp502-changed", given_name="次郎"),
                record("imp504-new")]
        path = self.write(rows)
        code, out, err = self.run_import(path, "--dry-run", "--full")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out.splitlines(),
                         ["new=1 changed=1 removed=1 unchanged=1 refused=0",
                          "dry run, nothing written"])
        code, out, err = self.run_import(path, "--dry-run")
        self.assertEqual(out.splitlines()[0],
                         "new=1 changed=1 removed=0 unchanged=1 refused=0")
        # With a bad line: the refused count, exit 1.
        path = self.write(rows, raw_lines=[b"bad"])
        code, out, err = self.run_import(path, "--dry-run")
        self.assertEqual(code, 1)
        self.assertEqual(out.splitlines()[0],
                         "new=1 changed=1 removed=0 unchanged=1 refused=1")
        self.assertIn("line 5: 1 fields, the header has 10", err)
        self.assertEqual(self.whole_table(), before)
        # The real run prints the same counts as the dry run did.
        self.assertEqual(self.imported(rows, "--full"),
                         "new=1 changed=1 removed=1 unchanged=1 refused=0")

    def test_full_marks_missing_accounts_removed_never_deleted(self):
        self.imported([record("imp601-kept"), record("imp602-gone"),
                       record("imp603-off", status="disabled")])
        rows = [record("imp601-kept")]
        # Without --full, missing accounts stay as they are.
        self.assertEqual(self.imported(rows),
                         "new=0 changed=0 removed=0 unchanged=1 refused=0")
        self.assertEqual({k: v["status"] for k, v in self.stored().items()},
                         {"imp601-kept": "active", "imp602-gone": "active",
                          "imp603-off": "disabled"})
        self.assertEqual(self.imported(rows, "--full"),
                         "new=0 changed=0 removed=2 unchanged=1 refused=0")
        self.assertEqual({k: v["status"] for k, v in self.stored().items()},
                         {"imp601-kept": "active", "imp602-gone": "removed",
                          "imp603-off": "removed"})
        self.assertEqual(self.imported(rows, "--full"),
                         "new=0 changed=0 removed=0 unchanged=1 refused=0")
        # Back in the file, a removed account is active again.
        self.assertEqual(self.imported(rows + [record("imp602-gone")]),
                         "new=0 changed=1 removed=0 unchanged=1 refused=0")
        self.assertEqual(self.stored()["imp602-gone"]["status"], "active")

    def test_an_account_that_stops_being_active_loses_its_pending_flows(self):
        """Its reset flows and operator links are voided."""
        self.imported([record("imp801-off"), record("imp802-gone")])
        for umin_id in ["imp801-off", "imp802-gone"]:
            harness.db_exec(
                "INSERT INTO reset_flows (token_hash, umin_id, via, state, "
                "code_expires_at, client_address, created_at, updated_at) "
                "VALUES (SHA2(%s, 256), %s, 'id', 'code_sent', "
                "UTC_TIMESTAMP() + INTERVAL 10 MINUTE, '127.0.0.1', "
                "UTC_TIMESTAMP(), UTC_TIMESTAMP())", [umin_id, umin_id],
                database=SCRATCH)
        # An operator link sent for a request of the first account.
        harness.db_exec(
            "INSERT INTO operators (id, login, display_name, password_hash, "
            "created_at, updated_at) VALUES (1, 'op', 'op', 'x', "
            "UTC_TIMESTAMP(), UTC_TIMESTAMP()); "
            "INSERT INTO operator_requests (id, receipt_number, umin_id, "
            "family_name, given_name, family_reading, given_reading, "
            "affiliation, contact_mail, reason, message, client_address, "
            "created_at, updated_at) VALUES (1, 'R1', 'imp801-off', '山田', "
            "'太郎', 'やまだ', 'たろう', '', 'a@example.org', 'other', '', "
            "'127.0.0.1', UTC_TIMESTAMP(), UTC_TIMESTAMP()); "
            "INSERT INTO operator_link_tokens (token_hash, request_id, "
            "umin_id, operator_id, created_at, expires_at) VALUES "
            "(SHA2('link', 256), 1, 'imp801-off', 1, UTC_TIMESTAMP(), "
            "UTC_TIMESTAMP() + INTERVAL 1 DAY)", database=SCRATCH)
        self.assertEqual(
            self.imported([record("imp801-off", status="disabled")], "--full"),
            "new=0 changed=1 removed=1 unchanged=0 refused=0")
        self.assertEqual(harness.db_query(
            "SELECT umin_id, state FROM reset_flows ORDER BY umin_id",
            database=SCRATCH),
            [{"umin_id": "imp801-off", "state": "voided"},
             {"umin_id": "imp802-gone", "state": "voided"}])
        self.assertIsNotNone(harness.db_value(
            "SELECT voided_at FROM operator_link_tokens", database=SCRATCH))

    def test_full_refuses_a_file_without_accounts(self):
        self.imported([record("imp701-a")])
        code, out, err = self.run_import(self.write([]), "--full")
        self.assertEqual(code, 1)
        self.assertIn("line 1: the file holds no account", err)
        self.assertEqual(self.stored()["imp701-a"]["status"], "active")

    def test_an_unreadable_file_is_named(self):
        code, out, err = self.run_import(os.path.join(self.tmp, "none.tsv"))
        self.assertEqual(code, 1)
        self.assertIn("none.tsv", err)


def unique_identity():
    """Identity data no other account has: a random hiragana given name
    and reading and a random birth date."""
    kana = "".join(random.choice("あいうえおかきくけこさしすせそたちつてと")
                   for _ in range(8))
    return {"family_name": "輸入", "given_name": kana,
            "family_reading": "ゆにゅう", "given_reading": kana,
            "gender": "female",
            "birth_date": "19%02d-%02d-%02d" % (random.randint(10, 99),
                                                random.randint(1, 12),
                                                random.randint(1, 28))}


def profile_form(identity):
    return dict(identity, birth_date=identity["birth_date"].replace("-", "/"))


class InactiveAccountsAreUnknown(flows.FlowTestCase):
    """A disabled or removed account answers as an unknown ID, and its
    not-me link as an unknown link."""

    def answer(self, ask, typed=None):
        """The visible text of the answer to ASK(browser) in a browser of
        its own, TYPED (an ID the page may repeat) replaced; no flow began."""
        with harness.Browser() as browser:
            response = ask(browser)
            self.assertEqual(response.status_code, 200)
            self.assertIsNone(browser.cookie(flows.FLOW_COOKIE))
        text = harness.text(response.text)
        return text.replace(typed, "ID") if typed else text

    def by_id(self, typed):
        return self.answer(
            lambda browser: flows.request_code_by_id(browser, typed), typed)

    def by_profile(self, identity):
        return self.answer(lambda browser: flows.request_code_by_profile(
            browser, **profile_form(identity)))

    def set_status(self, umin_id, status):
        harness.db_exec("UPDATE accounts SET status = %s WHERE umin_id = %s",
                        [status, umin_id])

    def test_send_id_answers_as_for_an_unknown_id(self):
        unknown = "nobody%s-none" % secrets.token_hex(3)
        expected = self.by_id(unknown)
        self.assertIn("ご入力のUMIN IDが存在しない", expected)
        for status in ["disabled", "removed"]:
            with self.subTest(status):
                umin_id = flows.fresh_account()
                self.set_status(umin_id, status)
                self.assertEqual(self.by_id(umin_id), expected)
                self.assertIsNone(flows.flow_row(umin_id))
                self.mailbox.assert_none(umin_id + "@example.org", self.mark)
                self.mailbox.assert_none(flows.umin_address(umin_id),
                                         self.mark, wait=0)
                # Active again, the same ID gets its code: the answer above
                # was the status's doing.
                self.set_status(umin_id, "active")
                with harness.Browser() as browser:
                    flows.request_code_by_id(browser, umin_id)
                self.mailbox.wait_for_one(umin_id + "@example.org", self.mark)

    def test_send_profile_answers_as_for_an_unknown_person(self):
        expected = self.by_profile(unique_identity())
        self.assertIn("ご入力の内容で一致するUMIN IDが存在しない", expected)
        for status in ["disabled", "removed"]:
            with self.subTest(status):
                identity = unique_identity()
                umin_id = flows.fresh_account(**identity)
                self.set_status(umin_id, status)
                self.assertEqual(self.by_profile(identity), expected)
                self.assertIsNone(flows.flow_row(umin_id))
                self.mailbox.assert_none(umin_id + "@example.org", self.mark)
                self.set_status(umin_id, "active")
                with harness.Browser() as browser:
                    flows.request_code_by_profile(browser,
                                                  **profile_form(identity))
                self.mailbox.wait_for_one(umin_id + "@example.org", self.mark)

    def test_a_not_me_link_of_an_inactive_account_is_unknown(self):
        for status in ["disabled", "removed"]:
            with self.subTest(status), harness.Browser() as browser:
                umin_id = flows.fresh_account()
                link = make_link(umin_id)
                form = browser.get(link)
                self.assertEqual(form.status_code, 200)
                self.set_status(umin_id, status)
                # The page opened before, and the link opened now.
                response = browser.submit(NOT_ME_PAGE, page=form.text)
                self.assertEqual(response.status_code, 404)
                self.assertIn("このリンクは無効です", response.text)
                page = browser.get(link)
                self.assertEqual(page.status_code, 404)
                self.assertIn("このリンクは無効です", page.text)
                self.assertEqual(requests_of(umin_id), [])


if __name__ == "__main__":
    unittest.main()
