"""umin-passwdctl init and check-config, and the same judgement at start-up:
the shipped example (all-zero keys) is refused naming both keys, by the
command, by a page and by a worker; init writes random keys and keeps every
other line."""
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

import harness

KEYS = ["code_hmac_key", "outbox_key"]


def example():
    return os.path.join(harness.root(), "etc", "passwd.conf.example")


def run(args, config=None, stdin=subprocess.DEVNULL):
    env = dict(os.environ, PASSWD_CONFIG=config or harness.config_path())
    return subprocess.run(args, env=env, stdin=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)


def passwdctl(*args, config=None):
    return run([os.path.join(harness.root(), "build", "tools", "passwdctl")]
               + list(args), config)


class CheckConfig(unittest.TestCase):
    def test_the_shipped_example_is_refused_naming_the_keys(self):
        proc = passwdctl("check-config", example())
        self.assertEqual(proc.returncode, 1)
        lines = proc.stderr.decode().splitlines()
        self.assertEqual(len(lines), 2, lines)
        for key, line in zip(KEYS, lines):
            self.assertIn(key + ": all zero", line)

    def test_the_running_configuration_passes(self):
        proc = passwdctl("check-config")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(b": ok", proc.stdout)

    def test_missing_short_and_unparsable_keys_each_get_a_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "passwd.conf")
            with open(path, "w") as f:
                f.write("code_hmac_key = abcd\nno_such_key = 1\n")
            proc = passwdctl("check-config", path)
            self.assertEqual(proc.returncode, 1)
            text = proc.stderr.decode()
            self.assertIn("code_hmac_key: expected 64 hex digits", text)
            self.assertIn("unknown key 'no_such_key'", text)
            self.assertIn("outbox_key: missing or empty", text)
            self.assertNotIn("abcd", text)  # a value is never echoed
            self.assertEqual(passwdctl("check-config", os.path.join(
                tmp, "absent.conf")).returncode, 1)

    def test_target_sections_are_checked_line_by_line(self):
        with open(harness.config_path(), encoding="utf-8") as f:
            top = f.read().split("\n[target ", 1)[0]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "passwd.conf")
            with open(path, "w") as f:
                f.write(top + "\n[target hook]\nkind = command\n"
                        "path = /bin/true\ncolour = red\n"
                        "[target dir]\nkind = ldap\nuri = ldap://ldap.example\n"
                        "starttls = false\nbind_dn = cn=x\n"
                        "bind_password = Secret-Bind-9\nbase_dn = dc=x\n"
                        "[target hook]\nkind = htpasswd\npath = /x\n")
            proc = passwdctl("check-config", path)
            self.assertEqual(proc.returncode, 1)
            lines = proc.stderr.decode().splitlines()
            text = "\n".join(lines)
            self.assertIn("[target hook]: unknown key 'colour' for kind command",
                          text)
            self.assertIn("loopback host only", text)
            self.assertIn("[target hook]: named twice", text)
            self.assertIn("[target hook] host: missing", text)
            self.assertNotIn("Secret-Bind-9", text)
            for line in lines:
                self.assertRegex(line, r"passwd\.conf:\d+: ")
            # The sync-worker refuses it too.
            worker = os.path.join(harness.root(), "build", "tools", "sync_worker")
            proc = run([worker, "--once"], config=path)
            self.assertEqual(proc.returncode, 1)
            self.assertIn(b"colour", proc.stderr)

    def test_a_page_and_a_worker_refuse_to_start_and_say_why(self):
        page = os.path.join(harness.root(), "build", "cgi", "index")
        proc = run([page], config=example())
        self.assertNotEqual(proc.returncode, 0)
        self.assertEqual(proc.stdout, b"")
        err = proc.stderr.decode().strip().splitlines()
        self.assertEqual(len(err), 1, err)
        self.assertIn("refusing to start", err[0])
        self.assertIn("code_hmac_key", err[0])
        worker = os.path.join(harness.root(), "build", "tools", "housekeeper")
        proc = run([worker, "--once"], config=example())
        self.assertEqual(proc.returncode, 1)
        self.assertIn(b"outbox_key", proc.stderr)


class Init(unittest.TestCase):
    def test_writes_random_keys_keeps_the_rest_and_sets_0640(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "passwd.conf")
            shutil.copy(example(), path)
            os.chmod(path, 0o644)
            proc = passwdctl("init", path)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o640)
            with open(example()) as f:
                before = f.read().splitlines()
            with open(path) as f:
                after = f.read().splitlines()
            self.assertEqual(len(before), len(after))
            changed = [(a, b) for a, b in zip(before, after) if a != b]
            self.assertEqual([b.split(" =")[0] for _, b in changed], KEYS)
            values = [b.split("= ")[1] for _, b in changed]
            self.assertNotEqual(values[0], values[1])
            for value in values:
                self.assertRegex(value, r"^[0-9a-f]{64}$")
                self.assertNotIn(value.encode(), proc.stdout + proc.stderr)
            self.assertEqual(passwdctl("check-config", path).returncode, 0)
            # Again: nothing to do, the keys stay.
            self.assertEqual(passwdctl("init", path).returncode, 0)
            with open(path) as f:
                self.assertEqual(f.read().splitlines(), after)

    def test_adds_keys_a_file_lacks(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "passwd.conf")
            with open(path, "w") as f:
                f.write("# mine\ndb_name = other\n")
            self.assertEqual(passwdctl("init", path).returncode, 0)
            with open(path) as f:
                lines = f.read().splitlines()
            self.assertEqual(lines[:2], ["# mine", "db_name = other"])
            self.assertEqual([l.split(" =")[0] for l in lines[2:]], KEYS)


if __name__ == "__main__":
    unittest.main()
