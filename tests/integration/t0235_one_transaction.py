"""A code request and a code entry run one database transaction each, the
wrong code included (it used to run three: the check, the flow read again,
the recipients); the code page only reads, with no transaction at all, in
one statement: the flow keeps where its code went (sql/015). A code
request sends twelve statements.
Counted in MariaDB's general query log (to a table for the test's
duration): the START TRANSACTION statements of the pages' own database
account, which nothing else uses while the test runs."""
import unittest

import flows
import harness
import t0500_operator_request as operator_request


def page_log_count(condition, params):
    """Rows of the general log of the pages' database account since the log
    was switched on that meet CONDITION (SQL, with %s for PARAMS)."""
    user = harness.read_config().get("pages_db_user") or \
        harness.read_config()["db_user"]
    value = harness.db_value(
        "SELECT COUNT(*) FROM mysql.general_log WHERE user_host LIKE %s AND "
        + condition, [user + "[%"] + params)
    return int(value or 0)


def page_statements(argument_like):
    """Statements whose text is like ARGUMENT_LIKE (a prepared statement's
    Execute is logged with its text)."""
    return page_log_count("command_type = 'Execute' AND argument LIKE %s",
                          [argument_like])


def page_round_trips():
    """Statements, prepared or not, one round trip each; not the session
    settings of a new connection (SET ..., SHOW ...), which a request that
    finds its thread's connection open does not send."""
    return page_log_count(
        "command_type IN ('Execute', 'Query') AND argument NOT LIKE 'SET %%'"
        " AND argument NOT LIKE 'SHOW %%'", [])


def page_transactions():
    """Transactions begun."""
    return page_log_count("argument = 'START TRANSACTION'", [])


def statement_counts():
    """The counts of the statements the tests below look at."""
    return {
        "round trips": page_round_trips(),
        "limit events": page_statements("INSERT INTO rate_limit_events%"),
        "mails": page_statements("INSERT INTO mail_outbox%"),
        "receipt reads": page_statements("SELECT%FROM operator_requests%"),
    }


def counted_since(before):
    """What statement_counts() counted since BEFORE."""
    return {name: n - before[name] for name, n in statement_counts().items()}


def log_statements(test):
    """Switches MariaDB's general log on, to a table, for TEST's duration."""
    was_on = harness.db_value("SELECT @@GLOBAL.general_log")
    output = harness.db_value("SELECT @@GLOBAL.log_output")
    harness.db_exec("SET GLOBAL log_output = 'TABLE'")
    harness.db_exec("SET GLOBAL general_log = 1")
    test.addCleanup(harness.db_exec, "SET GLOBAL log_output = %s", [output])
    test.addCleanup(harness.db_exec, "SET GLOBAL general_log = %s" % int(was_on))


class OneTransaction(flows.FlowTestCase):
    def setUp(self):
        super().setUp()
        log_statements(self)
        self.account = flows.fresh_account()
        self.address = flows.umin_address(self.account)

    def transactions_of(self, request):
        before = page_transactions()
        response = request()
        return response, page_transactions() - before

    def test_each_step_runs_one_transaction(self):
        form = self.browser.get(flows.SEND_ID)
        self.assertEqual(form.status_code, 200)
        before = statement_counts()
        sent, count = self.transactions_of(lambda: self.browser.submit(
            flows.SEND_ID, {"umin_id": self.account}, page=form.text))
        self.assertEqual(sent.status_code, 303)
        self.assertEqual(count, 1, "code request")
        # Its two limits' events in one statement at its end, and the mails
        # to the account's two addresses in one (docs/performance.md, "Where
        # a POST's time goes"): twelve round trips in all, START and COMMIT
        # included.
        self.assertEqual(counted_since(before), {
            "round trips": 12, "limit events": 1, "mails": 1,
            "receipt reads": 0}, "code request")
        code = flows.wait_for_code(self.mailbox, self.address, self.mark)

        selects = page_statements("SELECT%")
        accounts = page_statements("%FROM accounts%")
        page, count = self.transactions_of(lambda: self.browser.get(flows.CODE))
        self.assertEqual(page.status_code, 200)
        self.assertIn("t***@umin.ac.jp", page.text)
        # A page that only shows rows reads them without a transaction,
        # in one statement: the flow, with where its code went.
        self.assertEqual(count, 0, "code page")
        self.assertEqual(page_statements("SELECT%") - selects, 1, "code page")
        self.assertEqual(page_statements("%FROM accounts%") - accounts, 0,
                         "code page")

        wrong = "%010d" % ((int(code) + 1) % 10**10)
        accounts = page_statements("%FROM accounts%")
        answer, count = self.transactions_of(lambda: self.browser.submit(
            flows.CODE, {"access_code": wrong}, page=page.text))
        self.assertEqual(answer.status_code, 200)
        self.assertIn("アクセスコードが正しくありません。", answer.text)
        # The form again shows where the code went, read with the flow.
        self.assertIn("t***@umin.ac.jp", answer.text)
        self.assertEqual(count, 1, "wrong code")
        self.assertEqual(page_statements("%FROM accounts%") - accounts, 0,
                         "wrong code")

        right, count = self.transactions_of(lambda: self.browser.submit(
            flows.CODE, {"access_code": code}, page=answer.text))
        self.assertEqual(right.status_code, 303)
        self.assertEqual(count, 1, "right code")


class OperatorRequestRoundTrips(unittest.TestCase):
    def setUp(self):
        operator_request.forget_rate_events()
        self.addCleanup(operator_request.forget_rate_events)
        log_statements(self)
        self.browser = harness.Browser()
        self.addCleanup(self.browser.close)

    def test_a_request_sends_eight_statements(self):
        page = self.browser.get(operator_request.PAGE)
        self.assertEqual(page.status_code, 200)
        before = statement_counts()
        answer = self.browser.submit(operator_request.PAGE,
                                     operator_request.valid_fields())
        self.assertEqual(answer.status_code, 303)
        # No read of the receipt number before the insert, no second
        # statement for the new row's id, and the address's and the
        # contact's events in one: START, two limits, the request, the
        # mail, the audit row, the events, COMMIT.
        self.assertEqual(counted_since(before), {
            "round trips": 8, "limit events": 1, "mails": 1,
            "receipt reads": 0}, "operator request")

if __name__ == "__main__":
    unittest.main()
