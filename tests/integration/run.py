#!/usr/bin/python3
"""Runs the integration tests: every tests/integration/t[0-9]*.py (or the files
named on the command line), in file-name order, with unittest.

Prints one line per test case, "ok", "FAIL", "ERROR" or "skip" and its name,
with the traceback of each failure, and as the very last line
    RESULT passed=N failed=M skipped=K
for tests/run-tests. A test module that cannot be imported, and a failing
setUpClass or setUpModule, count as failed test cases. Exit status 0 only when
nothing failed and something passed.

Environment: PASSWD_BASE_URL, PASSWD_ROOT, PASSWD_CONFIG (see harness.py).
"""
import argparse
import faulthandler
import glob
import importlib.util
import os
import re
import signal
import sys
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class CountingResult(unittest.TestResult):
    """Counts test cases (a test with failing subtests fails once) and prints
    each verdict as it happens."""

    def __init__(self):
        super().__init__()
        self.passed = self.failed = self.skipped_count = 0
        self._current = None
        self._problems = []
        self._skip_reason = None
        self._started = 0.0
        # (test id, last line of its first problem), repeated at the end so
        # that the tail of a long log names what failed.
        self.failures = []

    def startTest(self, test):
        super().startTest(test)
        self._current = test
        self._problems = []
        self._skip_reason = None
        self._started = time.monotonic()

    def _problem(self, test, kind, err):
        text = "".join(traceback.format_exception(*err)) if err else ""
        if test is self._current:
            self._problems.append((kind, text))
        else:
            # setUpClass/setUpModule/tearDown* errors come without startTest.
            self.failed += 1
            name = test.id() if hasattr(test, "id") else str(test)
            self.failures.append((name, last_line(text)))
            print("%-7s %s\n%s" % (kind, name, indent(text)), flush=True)

    def addError(self, test, err):
        super().addError(test, err)
        self._problem(test, "ERROR", err)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._problem(test, "FAIL", err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "FAIL" if issubclass(err[0], test.failureException) else "ERROR"
            text = "".join(traceback.format_exception(*err))
            self._problems.append((kind, "%s\n%s" % (subtest._subDescription(), text)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if test is self._current:
            self._skip_reason = reason
        else:
            self.skipped_count += 1
            print("skip    %s: %s" % (test.id(), reason), flush=True)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._problems.append(("FAIL", "unexpected success\n"))

    def stopTest(self, test):
        super().stopTest(test)
        seconds = time.monotonic() - self._started
        if self._problems:
            self.failed += 1
            kind = "ERROR" if all(k == "ERROR" for k, _ in self._problems) else "FAIL"
            print("%-7s %s (%.2fs)" % (kind, test.id(), seconds), flush=True)
            self.failures.append((test.id(), last_line(self._problems[0][1])))
            for _, text in self._problems:
                print(indent(text), flush=True)
        elif self._skip_reason is not None:
            self.skipped_count += 1
            print("skip    %s: %s" % (test.id(), self._skip_reason), flush=True)
        else:
            self.passed += 1
            print("ok      %s (%.2fs)" % (test.id(), seconds), flush=True)
        self._current = None


EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Failure|Exit)\b.*:")


def last_line(text):
    """The exception line of a traceback ("SomeError: message"; a browser
    driver's message runs on over its stack frames), cut to 300
    characters."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if EXCEPTION_LINE.match(line):
            return line[:300]
    return lines[-1][:300] if lines else ""


def indent(text):
    return "".join("    " + line + "\n" for line in text.rstrip().splitlines())


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def main():
    parser = argparse.ArgumentParser(description="Runs the integration tests.")
    parser.add_argument("files", nargs="*",
                        help="test files (default: tests/integration/t[0-9]*.py)")
    parser.add_argument("-k", dest="patterns", action="append", default=[],
                        help="only test names containing this substring")
    args = parser.parse_args()

    # A hung test shows where it hangs when run-tests' timeout stops it.
    faulthandler.register(signal.SIGTERM, chain=True)
    sys.path.insert(0, HERE)
    files = args.files or sorted(glob.glob(os.path.join(HERE, "t[0-9]*.py")))
    loader = unittest.TestLoader()
    if args.patterns:
        loader.testNamePatterns = ["*%s*" % p for p in args.patterns]

    result = CountingResult()
    for path in files:
        print("== %s" % os.path.relpath(path, os.path.dirname(os.path.dirname(HERE))),
              flush=True)
        try:
            module = load_module(os.path.abspath(path))
            suite = loader.loadTestsFromModule(module)
        except BaseException:
            result.failed += 1
            result.failures.append((path, "cannot load"))
            print("ERROR   %s: cannot load\n%s" % (path, indent(traceback.format_exc())),
                  flush=True)
            continue
        # A top-level run: it also runs the module's tearDownClass/Module.
        suite.run(result)

    if result.failures:
        print("-- failed:", flush=True)
        for name, line in result.failures:
            print("   %s: %s" % (name, line), flush=True)
    print("RESULT passed=%d failed=%d skipped=%d"
          % (result.passed, result.failed, result.skipped_count), flush=True)
    return 0 if result.failed == 0 and result.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
