"""The installed systemd units pass `systemd-analyze verify`, offline (no
running systemd needed), and hold what the issue asks of them: socket
activation that only nginx can connect to, the umin-passwd user, hardening,
the journal. The units are verified from a copy in which the installed
executables' folder points into the DESTDIR, so verify finds the programs."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import install_tree

ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
SYSUSERS = shutil.which("systemd-sysusers") or "/usr/bin/systemd-sysusers"
HARDENING = ["User=umin-passwd", "NoNewPrivileges=yes", "ProtectSystem=strict",
             "ProtectHome=yes", "PrivateTmp=yes", "CapabilityBoundingSet=",
             "RuntimeDirectory=umin-passwd", "StateDirectory=umin-passwd",
             "SystemCallFilter=@system-service", "RestrictAddressFamilies="]


@unittest.skipUnless(os.access(ANALYZE, os.X_OK),
                     "systemd-analyze missing: scripts/install-deps installs systemd")
class SystemdUnits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tree = install_tree.InstalledTree()
        cls.unit_dir = os.path.dirname(cls.tree.find("umin-passwd.target"))
        cls.pkglib = os.path.dirname(os.path.dirname(cls.tree.find("index")))
        cls.units = {}
        for name in os.listdir(cls.tree.path(cls.unit_dir)):
            if name.startswith("umin-passwd"):
                with open(cls.tree.path(cls.unit_dir + "/" + name), encoding="utf-8") as f:
                    cls.units[name] = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tree.remove()

    def pages(self, folder):
        return sorted(os.listdir(self.tree.path(self.pkglib + "/" + folder)))

    def test_every_unit_passes_systemd_analyze_verify(self):
        work = tempfile.mkdtemp(prefix="passwd-units-")
        try:
            # Instances of the templates, as the target names them.
            names = []
            for name, text in self.units.items():
                text = text.replace(self.pkglib + "/", self.tree.path(self.pkglib) + "/")
                targets = [name]
                if name.startswith("umin-passwd-page@."):
                    targets = [name.replace("@.", "@%s." % p) for p in self.pages("cgi")]
                elif name.startswith("umin-passwd-console@."):
                    targets = [name.replace("@.", "@%s." % p) for p in self.pages("cgi-admin")]
                for target in targets:
                    with open(os.path.join(work, target), "w", encoding="utf-8") as f:
                        f.write(text)
                    names.append(target)
            self.assertGreaterEqual(len(names), 2 * 9 + 2 * 7 + 4)
            for name in sorted(names):
                run = subprocess.run([ANALYZE, "verify", "--man=no", os.path.join(work, name)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, timeout=120)
                with self.subTest(unit=name):
                    self.assertEqual(run.returncode, 0, run.stdout)
                    self.assertEqual(run.stdout.strip(), "", run.stdout)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def test_the_target_groups_every_page_console_page_and_worker(self):
        target = self.units["umin-passwd.target"]
        wants = " ".join(re.findall(r"^Wants=(.*)$", target, re.M)).split()
        expected = (["umin-passwd-page@%s.socket" % p for p in self.pages("cgi")]
                    + ["umin-passwd-console@%s.socket" % p for p in self.pages("cgi-admin")]
                    + ["umin-passwd-%s.service" % w
                       for w in ["mail-sender", "sync-worker", "housekeeper"]])
        self.assertEqual(sorted(wants), sorted(expected))
        self.assertIn("WantedBy=multi-user.target", target)

    def test_sockets_let_only_nginx_connect(self):
        for kind, prefix in [("page", ""), ("console", "admin-")]:
            socket = self.units["umin-passwd-%s@.socket" % kind]
            self.assertRegex(socket, r"\nListenStream=/\S*/umin-passwd/%s%%i\.sock\n" % prefix)
            self.assertIn("\nSocketGroup=www-data\n", socket)
            self.assertIn("\nSocketMode=0660\n", socket)
            service = self.units["umin-passwd-%s@.service" % kind]
            self.assertRegex(service, r"\nExecStart=/usr/bin/multiwatch -f \$\{FCGI_PROCS\} -- "
                                      r"/\S+/umin-passwd/%s/%%i\n"
                             % ("cgi" if kind == "page" else "cgi-admin"))
            self.assertIn("\nStandardInput=socket\n", service)

    def test_services_run_hardened_as_umin_passwd_and_log_to_the_journal(self):
        services = [n for n in self.units if n.endswith(".service")]
        self.assertEqual(len(services), 5)
        for name in services:
            text = self.units[name]
            with self.subTest(unit=name):
                for line in HARDENING:
                    self.assertIn("\n" + line, text)
                self.assertIn("\nStandardError=journal\n", text)
                self.assertIn("\nStandardOutput=journal\n", text)
                self.assertRegex(text, r"\nEnvironment=PASSWD_CONFIG=/\S*/umin-passwd/passwd\.conf\n")

    @unittest.skipUnless(os.access(SYSUSERS, os.X_OK), "systemd-sysusers missing")
    def test_sysusers_creates_the_system_user(self):
        root = tempfile.mkdtemp(prefix="passwd-sysusers-")
        try:
            os.makedirs(root + "/etc")
            conf = self.tree.path(self.tree.find("umin-passwd.conf"))
            run = subprocess.run([SYSUSERS, "--root=" + root, conf],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout)
            with open(root + "/etc/passwd", encoding="utf-8") as f:
                entry = f.read().strip().split(":")
            self.assertEqual(entry[0], "umin-passwd")
            self.assertEqual(entry[6], "/usr/sbin/nologin")
            self.assertTrue(entry[5].endswith("/lib/umin-passwd"), entry)
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
