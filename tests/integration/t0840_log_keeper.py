"""The development stack keeps its log files bounded while it runs
(issue 9): scripts/log-keeper copies a file past LOG_MAX_BYTES to FILE.1 and
empties it, and a writer holding the file open with O_APPEND goes on at the
start of the emptied file; the running stack has its keeper."""
import os
import subprocess
import tempfile
import unittest

import harness

KEEPER = os.path.join(harness.root(), "scripts", "log-keeper")


def keep_once(folder, max_bytes):
    return subprocess.run(
        [KEEPER, "--once", folder], capture_output=True, text=True,
        timeout=60, env=dict(os.environ, LOG_MAX_BYTES=str(max_bytes)))


class LogKeeperPass(unittest.TestCase):
    def test_a_file_past_the_limit_is_kept_as_file_1_and_emptied(self):
        with tempfile.TemporaryDirectory() as folder:
            big = os.path.join(folder, "page.log")
            small = os.path.join(folder, "other.log")
            old = os.path.join(folder, "page.log.1")
            with open(old, "w") as f:
                f.write("the generation before\n")
            with open(small, "w") as f:
                f.write("x" * 100)
            # A writer that keeps the file open, as a page process does.
            writer = os.open(big, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
            try:
                os.write(writer, b"line\n" * 400)  # 2,000 bytes
                result = keep_once(folder, 1000)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("page.log", result.stdout)
                with open(old) as f:
                    self.assertEqual(f.read(), "line\n" * 400)
                self.assertEqual(os.path.getsize(big), 0)
                # The next line lands at the start: no hole of zeros.
                os.write(writer, b"after\n")
                with open(big, "rb") as f:
                    self.assertEqual(f.read(), b"after\n")
            finally:
                os.close(writer)
            # Under the limit: untouched, and no FILE.1 made for it.
            self.assertEqual(os.path.getsize(small), 100)
            self.assertFalse(os.path.exists(small + ".1"))

    def test_under_the_limit_nothing_changes(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "page.log")
            with open(path, "w") as f:
                f.write("y" * 1000)
            result = keep_once(folder, 1000)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stdout, "")
            self.assertEqual(os.path.getsize(path), 1000)
            self.assertEqual(sorted(os.listdir(folder)), ["page.log"])

    def test_a_bad_limit_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            result = keep_once(folder, "ten")
            self.assertEqual(result.returncode, 2)
            self.assertIn("must be numbers", result.stderr)


class StackKeeper(unittest.TestCase):
    def test_the_running_stack_has_its_log_keeper(self):
        pid_file = harness.var_path("run", "log-keeper.pid")
        with open(pid_file) as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = f.read().split(b"\0")
        self.assertIn(KEEPER.encode(), argv)
        self.assertIn(harness.var_path("log").encode(), argv)


if __name__ == "__main__":
    unittest.main()
