"""Per-address limits group IPv6 clients by /64: requests from several
addresses of one /64 share one limit (code requests, operator requests,
console login failures), and another /64 has its own.

Real IPv6 requests: the test adds addresses of two /64s of the documentation
prefix (2001:db8::/32, one pair per stack port) to lo, sends each request from
one of them to the development nginx on [::1]:PORT (nginx/nginx-dev.conf.in
listens there when the machine has IPv6 loopback), and removes the addresses
again. Skipped without IPv6 loopback, without that listener, or when the
addresses cannot be added (not root)."""
import os
import re
import subprocess
import unittest
import urllib.parse

import requests.adapters

import flows
import harness

OPERATOR_REQUEST = "/cgi-open-bin/passwd/operator_request"
CONSOLE_LOGIN = "/cgi-bin/passwd-admin/login"


def port():
    return urllib.parse.urlsplit(harness.base_url()).port or 80


def prefix(n):
    """The Nth /64 of this stack's test addresses, e.g. 2001:db8:1fa6:1."""
    return "2001:db8:%x:%d" % (port(), n)


def group(n):
    return prefix(n) + "::/64"


def address(n, host):
    return "%s::%x" % (prefix(n), host)


ADDRESSES = [(1, 0x10), (1, 0x11), (1, 0x12), (1, 0xabcd), (2, 0x10)]


def ip(*args):
    return subprocess.run(["ip", "-6", "addr"] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=30)


def listens_on_ipv6_loopback():
    conf = os.path.join(harness.root(), "build", "nginx", "nginx-dev.conf")
    try:
        with open(conf, encoding="utf-8") as f:
            return "listen [::1]:%d;" % port() in f.read()
    except OSError:
        return False


class SourceAddress(requests.adapters.HTTPAdapter):
    """Sends every request from one local address."""

    def __init__(self, source):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def browser_from(source):
    """A browser whose requests come from SOURCE, to nginx on [::1]."""
    browser = harness.Browser(base_url="http://[::1]:%d" % port())
    browser.session.mount("http://", SourceAddress(source))
    return browser


def count_events(scope, subject):
    return int(harness.db_value(
        "SELECT COUNT(*) FROM rate_limit_events WHERE scope = %s "
        "AND subject = %s", [scope, subject]))


def preload(scope, subject, n):
    harness.db_exec(
        "INSERT INTO rate_limit_events (scope, subject, occurred_at) "
        "SELECT %%s, %%s, UTC_TIMESTAMP() FROM seq_1_to_%d" % n,
        [scope, subject])


class Ipv6Limits(flows.FlowTestCase):
    @classmethod
    def setUpClass(cls):
        if not listens_on_ipv6_loopback():
            raise unittest.SkipTest("nginx does not listen on [::1]:%d "
                                    "(no IPv6 loopback)" % port())
        cls.added = []
        for n, host in ADDRESSES:
            added = ip("replace", address(n, host) + "/128", "dev", "lo",
                       "nodad")
            if added.returncode != 0:
                cls.remove_addresses()
                raise unittest.SkipTest("cannot add %s to lo: %s" % (
                    address(n, host), added.stdout.decode().strip()))
            cls.added.append(address(n, host))

    @classmethod
    def tearDownClass(cls):
        cls.remove_addresses()

    @classmethod
    def remove_addresses(cls):
        for added in cls.added:
            ip("del", added + "/128", "dev", "lo")
        cls.added = []

    def tearDown(self):
        super().tearDown()
        for browser in getattr(self, "browsers", []):
            browser.close()

    def from_(self, n, host):
        browser = browser_from(address(n, host))
        self.browsers = getattr(self, "browsers", []) + [browser]
        return browser

    def send_unknown_id(self, browser):
        page = browser.get(flows.SEND_ID)
        self.assertEqual(page.status_code, 200)
        return browser.submit(flows.SEND_ID, {"umin_id": "nobody-v6"})

    def test_code_requests_of_one_64_share_the_address_limit(self):
        limit = int(harness.read_config().get("code_sends_per_address_hour",
                                              "30"))
        preload("code_send_address", group(1), limit - 2)
        # Two more from two addresses of the /64 reach the limit...
        for host in (0x10, 0x11):
            response = self.send_unknown_id(self.from_(1, host))
            self.assertEqual(response.status_code, 200, host)
        self.assertEqual(count_events("code_send_address", group(1)), limit)
        # ...so a third address of the same /64 is refused,
        response = self.send_unknown_id(self.from_(1, 0x12))
        self.assertEqual(response.status_code, 429)
        self.assertIn("以降に改めてお試しください。", response.text)
        # while another /64 is not.
        self.assertEqual(
            self.send_unknown_id(self.from_(2, 0x10)).status_code, 200)
        self.assertEqual(count_events("code_send_address", group(2)), 1)
        # No address is a subject of its own; the audit log keeps each one.
        self.assertEqual(int(harness.db_value(
            "SELECT COUNT(*) FROM rate_limit_events WHERE subject LIKE %s "
            "AND subject NOT LIKE '%%/64'", [prefix(1) + "%"])), 0)
        audited = {r["client_address"] for r in harness.db_query(
            "SELECT client_address FROM audit_log WHERE event = "
            "'send_refused' AND client_address LIKE %s", [prefix(1) + "::%"])}
        self.assertLessEqual({address(1, 0x10), address(1, 0x11),
                              address(1, 0x12)}, audited)

    def test_operator_requests_of_one_64_share_the_address_limit(self):
        limit = int(harness.read_config().get(
            "operator_requests_per_address_hour", "5"))
        scope = "operator_request_address"
        preload(scope, group(1), limit - 1)
        fields = {
            "umin_id": "", "family_name": "山田", "given_name": "花子",
            "family_reading": "やまだ", "given_reading": "はなこ",
            "birth_date": "1980/04/01", "affiliation": "試験病院",
            "reason": "other", "message": "IPv6",
        }
        browser = self.from_(1, 0xabcd)
        browser.get(OPERATOR_REQUEST)
        response = browser.submit(OPERATOR_REQUEST, dict(
            fields, contact_mail="v6-a-%d@example.org" % port()))
        self.assertEqual(response.status_code, 303)
        self.assertTrue(re.search(r"receipt=R\d{8}-\d{6}",
                                  harness.location_path(response)))
        other = self.from_(1, 0x10)
        other.get(OPERATOR_REQUEST)
        response = other.submit(OPERATOR_REQUEST, dict(
            fields, contact_mail="v6-b-%d@example.org" % port()))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(count_events(scope, group(1)), limit)

    def test_console_login_failures_count_per_64(self):
        # The console's allow-list lets ::1 in, no other IPv6 address; its
        # /64 is ::/64, and failures are counted under it.
        scope = "admin_login_address"
        browser = harness.Browser(base_url="http://[::1]:%d" % port())
        self.browsers = [browser]
        browser.get(CONSOLE_LOGIN)
        response = browser.submit(CONSOLE_LOGIN, {"login": "t-nobody-v6",
                                                  "password": "Wrong#Pass00"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(count_events(scope, "::/64"), 1)
        self.assertEqual(count_events(scope, "::1"), 0)
        preload(scope, "::/64", 19)
        browser.get(CONSOLE_LOGIN)
        response = browser.submit(CONSOLE_LOGIN, {"login": "t-nobody-v6",
                                                  "password": "Wrong#Pass00"})
        self.assertEqual(response.status_code, 429)


if __name__ == "__main__":
    unittest.main()
