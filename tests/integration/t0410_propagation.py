"""Propagation to the development stack's real slapd, to a command target,
and the console's list of failed deliveries with its audited "retry now".

The directory is the [target directory] section of var/passwd.conf; each
test adds its own fresh account to it (as the slapd admin) with an initial
password, renews the password through the pages, and binds with ldapwhoami.
Tests that stop slapd start it again in tearDown, whatever happened."""
import os
import re
import subprocess
import time
import unittest

import flows
import harness
import t0520_console as console

NEW = "Kq7mWz2x!Lp"
OLD = "Old#Pass9word"
SUFFIX = "dc=umin,dc=ac,dc=jp"
DELIVERIES = console.CONSOLE + "deliveries"
RETRY = console.CONSOLE + "delivery_retry"


def directory():
    """The name and keys of the dev config's ldap target."""
    for name, target in harness.read_targets().items():
        if target.get("kind") == "ldap":
            return name, target
    raise AssertionError("the dev config names no ldap target")


def ldap_uri():
    return directory()[1]["uri"]


def person_dn(umin_id):
    return "uid=%s,ou=people,%s" % (umin_id, SUFFIX)


def ldap_add_person(umin_id, password):
    """Adds an entry for UMIN_ID with PASSWORD, as the directory's admin."""
    ldif = ("dn: %s\nobjectClass: inetOrgPerson\nuid: %s\ncn: Test %s\n"
            "sn: Test\nuserPassword: %s\n" % (person_dn(umin_id), umin_id,
                                              umin_id, password))
    subprocess.run(
        ["ldapadd", "-x", "-H", ldap_uri(), "-D", "cn=admin," + SUFFIX,
         "-y", harness.var_path("secrets", "ldap_admin_password")],
        input=ldif.encode(), check=True, timeout=30,
        stdout=subprocess.DEVNULL)


def binds(umin_id, password):
    """True when the directory accepts PASSWORD for UMIN_ID (ldapwhoami)."""
    return subprocess.run(
        ["ldapwhoami", "-x", "-H", ldap_uri(), "-o", "nettimeout=5",
         "-D", person_dn(umin_id), "-w", password],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        timeout=30).returncode == 0


def sync_once(config=None):
    """Runs one pass of the sync-worker; returns its standard error."""
    env = dict(os.environ, PASSWD_CONFIG=config or harness.config_path())
    worker = os.path.join(harness.root(), "build", "tools", "sync_worker")
    proc = subprocess.run([worker, "--once"], env=env, timeout=180,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.stderr.decode("utf-8", "replace")


def renew(account, password):
    """Sets ACCOUNT's password through the pages."""
    response = flows.renew(account, password)
    assert response.status_code == 303, response.status_code


def delivery(account, target):
    rows = harness.db_query(
        "SELECT id, status, attempts, last_error, credential, "
        "next_try_at > last_try_at AS backs_off, "
        "next_try_at > UTC_TIMESTAMP() AS later "
        "FROM password_sync_queue WHERE umin_id = %s AND target = %s "
        "ORDER BY id", [account, target])
    return rows


def wait_until(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(1)
    raise AssertionError("not within %d s: %s" % (seconds, what))


class LdapTarget(unittest.TestCase):
    def setUp(self):
        harness.clear_clock_offset()
        flows.reset_limits()
        self.account = flows.fresh_account()
        ldap_add_person(self.account, OLD)
        self.target = directory()[0]

    def tearDown(self):
        harness.clear_clock_offset()
        harness.service("start", "ldap")

    def test_the_stack_worker_delivers_a_renewal_within_its_interval(self):
        self.assertTrue(binds(self.account, OLD))
        renew(self.account, NEW)
        interval = int(harness.read_config()["sync_interval_seconds"])
        self.assertLessEqual(interval, 60)
        # The running sync-worker's next pass, with room for a slow machine.
        wait_until(lambda: binds(self.account, NEW), interval + 90,
                   "the new password binds")
        self.assertFalse(binds(self.account, OLD))
        row = delivery(self.account, self.target)[-1]
        self.assertEqual(row["status"], "delivered")
        self.assertTrue(row["credential"].startswith("$6$rounds="))
        self.assertIn("password_synced", flows.audit_events(self.account))

    def test_a_failed_delivery_is_retried_until_slapd_is_back(self):
        harness.service("stop", "ldap")
        renew(self.account, NEW)
        sync_once()
        rows = delivery(self.account, self.target)
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["status"], "failed")
        self.assertGreaterEqual(int(rows[0]["attempts"]), 1)
        self.assertIn("ldap " + self.target, rows[0]["last_error"])
        self.assertEqual(rows[0]["backs_off"], "1")
        self.assertEqual(rows[0]["later"], "1")
        first = int(rows[0]["attempts"])
        # Past its next try it is tried again, and fails again.
        harness.set_clock_offset(2 * 60 + 5)
        sync_once()
        rows = delivery(self.account, self.target)
        self.assertEqual(rows[0]["status"], "failed")
        self.assertGreater(int(rows[0]["attempts"]), first)
        # slapd back: the next due try delivers it.
        harness.service("start", "ldap")
        harness.set_clock_offset(60 * 60 + 5)
        sync_once()
        wait_until(lambda: delivery(self.account, self.target)[0]["status"]
                   == "delivered", 120, "delivered once slapd is back")
        self.assertTrue(binds(self.account, NEW))
        self.assertFalse(binds(self.account, OLD))
        events = flows.audit_events(self.account)
        self.assertIn("password_sync_failed", events)
        self.assertIn("password_synced", events)

    def test_starttls_is_required_unless_allowed_off(self):
        # The same directory with StartTLS required (the default): slapd has
        # no TLS, so the delivery fails rather than go out in clear text.
        config = harness.var_path("tmp", "t0410-starttls.conf")
        with open(harness.config_path(), encoding="utf-8") as f:
            text = f.read()
        top = text[:text.index("\n[target ")]
        name = "t0410-tls"
        with open(config, "w", encoding="utf-8") as f:
            f.write(top + "\n[target %s]\nkind = ldap\nuri = %s\n"
                    "bind_dn = cn=passwd-sync,ou=services,%s\n"
                    "bind_password_file = %s\nbase_dn = ou=people,%s\n"
                    % (name, ldap_uri(), SUFFIX,
                       harness.var_path("secrets", "ldap_sync_password"), SUFFIX))
        os.chmod(config, 0o600)
        try:
            harness.db_exec(
                "INSERT INTO password_sync_queue (umin_id, target, credential, "
                "status, attempts, created_at) SELECT umin_id, %s, credential, "
                "'pending', 0, UTC_TIMESTAMP() FROM password_sync_queue "
                "WHERE target = %s ORDER BY id DESC LIMIT 1", [name, self.target])
            sync_once(config)
            rows = harness.db_query(
                "SELECT status, last_error FROM password_sync_queue "
                "WHERE target = %s", [name])
            self.assertEqual(len(rows), 1)
            self.assertEqual(rows[0]["status"], "failed")
            self.assertIn("StartTLS", rows[0]["last_error"])
        finally:
            harness.db_exec("DELETE FROM password_sync_queue WHERE target = %s",
                            [name])
            os.unlink(config)

    def test_an_account_without_an_entry_fails_clearly(self):
        account = flows.fresh_account()
        renew(account, NEW)
        sync_once()
        row = delivery(account, self.target)[0]
        self.assertEqual(row["status"], "failed")
        self.assertIn("no entry matches " + account, row["last_error"])
        self.assertNotIn(row["credential"], row["last_error"])


class ConsoleDeliveries(console.ConsoleTestCase):
    def tearDown(self):
        super().tearDown()
        harness.service("start", "ldap")

    def failed_delivery(self):
        """A fresh account whose directory delivery failed; (account, id)."""
        account = flows.fresh_account()
        ldap_add_person(account, OLD)
        target = directory()[0]
        harness.service("stop", "ldap")
        try:
            renew(account, NEW)
            sync_once()
        finally:
            harness.service("start", "ldap")
        row = delivery(account, target)[0]
        self.assertEqual(row["status"], "failed")
        return account, row["id"]

    def test_lists_failed_deliveries_and_retries_one_now(self):
        account, row_id = self.failed_delivery()
        browser = console.signed_in_browser()
        page = browser.get(DELIVERIES)
        self.assertEqual(page.status_code, 200)
        text = harness.text(page.text)
        self.assertIn("配信失敗一覧", text)
        self.assertIn(account, text)
        self.assertIn(directory()[0], text)
        self.assertIn('href="/cgi-bin/passwd-admin/account?id=%s"' % account,
                      page.text)
        self.assertIn("/cgi-bin/passwd-admin/deliveries", page.text)  # the nav
        # No hash on the page.
        credential = harness.db_value(
            "SELECT credential FROM password_sync_queue WHERE id = %s", [row_id])
        self.assertNotIn(credential, page.text)
        self.assertNotIn(credential.rsplit("$", 1)[1], page.text)
        # Retry now: due at once, audited with the operator's name.
        token = harness.csrf_token(page.text)
        response = browser.post(RETRY, data={"id": row_id, "csrf_token": token,
                                             "page": "1"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(harness.location_path(response),
                         DELIVERIES + "?page=1&done=retry")
        self.assertEqual(harness.db_value(
            "SELECT next_try_at <= UTC_TIMESTAMP() FROM password_sync_queue "
            "WHERE id = %s", [row_id]), "1")
        audit = console.audit_rows(event="delivery_retry_requested",
                                   umin_id=account)
        self.assertEqual(len(audit), 1)
        self.assertEqual(audit[0]["operator_name"], console.DEMO_LOGIN)
        self.assertIn("row %s" % row_id, audit[0]["detail"])
        after = browser.get(response.headers["Location"])
        self.assertIn("再試行を予約しました", harness.text(after.text))
        # Without waiting for its backoff, the next pass delivers it.
        sync_once()
        self.assertEqual(harness.db_value(
            "SELECT status FROM password_sync_queue WHERE id = %s", [row_id]),
            "delivered")
        self.assertTrue(binds(account, NEW))
        # A delivered row has nothing to retry: a clear refusal, audited.
        page = browser.get(DELIVERIES)
        response = browser.post(RETRY, data={
            "id": row_id, "csrf_token": harness.csrf_token(page.text)})
        self.assertEqual(response.status_code, 409)
        self.assertIn("再試行できません", harness.text(response.text))
        self.assertTrue(console.audit_rows(event="admin_forbidden",
                                           umin_id=account))

    def test_a_forged_or_unknown_retry_is_refused(self):
        browser = console.signed_in_browser()
        page = browser.get(DELIVERIES)
        response = browser.post(RETRY, data={"id": "1", "csrf_token": "x"})
        self.assertEqual(response.status_code, 403)
        response = browser.post(RETRY, data={
            "id": "999999999999", "csrf_token": harness.csrf_token(page.text)})
        self.assertEqual(response.status_code, 404)
        response = browser.post(RETRY, data={
            "id": "abc", "csrf_token": harness.csrf_token(page.text)})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(browser.get(DELIVERIES + "?page=x").status_code, 400)

    def test_pages_newest_first_in_the_database(self):
        name = "t0410-page"
        harness.db_exec("DELETE FROM password_sync_queue WHERE target = %s", [name])
        values = ", ".join(
            "('t0410p%02d-x', '%s', NULL, 'failed', 1, 'test row', "
            "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP())" % (i, name)
            for i in range(55))
        harness.db_exec(
            "INSERT INTO password_sync_queue (umin_id, target, credential, "
            "status, attempts, last_error, next_try_at, created_at) VALUES "
            + values)
        try:
            browser = console.signed_in_browser()
            first = browser.get(DELIVERIES).text
            ids = re.findall(r"t0410p(\d\d)-x</a>", first)
            self.assertEqual(ids[:50], ["%02d" % i for i in range(54, 4, -1)])
            self.assertIn('href="/cgi-bin/passwd-admin/deliveries?page=2"', first)
            second = browser.get(DELIVERIES + "?page=2").text
            ids = re.findall(r"t0410p(\d\d)-x</a>", second)
            self.assertEqual(ids[:5], ["04", "03", "02", "01", "00"])
            self.assertIn('href="/cgi-bin/passwd-admin/deliveries?page=1"', second)
        finally:
            harness.db_exec("DELETE FROM password_sync_queue WHERE target = %s",
                            [name])


if __name__ == "__main__":
    unittest.main()
