"""make install: the production layout, and nothing in it that points into
the checkout (the build tree is gone once a package is built)."""
import os
import unittest

import harness
import install_tree


class InstallLayout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tree = install_tree.InstalledTree()

    @classmethod
    def tearDownClass(cls):
        cls.tree.remove()

    def test_no_installed_file_mentions_the_build_tree(self):
        root = harness.root().encode()
        for path in self.tree.files():
            with open(path, "rb") as f:
                self.assertNotIn(root, f.read(), path)

    def test_pages_console_and_workers_are_apart(self):
        index = self.tree.find("index")
        login = self.tree.find("login")
        self.assertTrue(index.endswith("/umin-passwd/cgi/index"), index)
        self.assertTrue(login.endswith("/umin-passwd/cgi-admin/login"), login)
        lib = os.path.dirname(os.path.dirname(index))
        for worker in ["mail_sender", "sync_worker", "housekeeper"]:
            self.assertTrue(os.access(self.tree.path(lib + "/" + worker), os.X_OK))

    def test_data_is_under_share(self):
        share = os.path.dirname(self.tree.find("words.dict"))
        self.assertTrue(share.endswith("/share/umin-passwd"), share)
        for name in ["templates/layout.tpl", "static/passwd.css",
                     "templates/i18n/ja.res", "templates/i18n/en.res",
                     "templates/i18n/console_ja.res",
                     "errors/429.html", "errors/en/429.html",
                     "sql/001_schema.sql",
                     "nginx/passwd.conf", "nginx/passwd-http.conf"]:
            self.assertTrue(os.path.isfile(self.tree.path(share + "/" + name)), name)
        self.assertFalse(os.path.exists(self.tree.path(share + "/sql/demo")))

    def test_configuration_is_installed_once_with_installed_paths(self):
        conf = self.tree.find("console-allow.conf")
        etc = os.path.dirname(conf)
        self.assertTrue(etc.endswith("/etc/umin-passwd"), etc)
        main = self.tree.path(etc + "/passwd.conf")
        self.assertEqual(os.stat(main).st_mode & 0o777, 0o640)
        with open(main, encoding="utf-8") as f:
            text = f.read()
        share = os.path.dirname(self.tree.find("words.dict"))
        self.assertIn("\ntemplates_dir = %s/templates\n" % share, text)
        self.assertIn("\ncatalogue_dir = %s/templates/i18n\n" % share, text)
        self.assertIn("\ndictionary_path = %s/words.dict\n" % share, text)
        with open(self.tree.path(conf), encoding="utf-8") as f:
            allow = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        self.assertEqual(allow, ["allow 127.0.0.1;", "allow ::1;", "deny all;"])
        # A second install keeps what the site edited.
        for name in ["passwd.conf", "console-allow.conf", "health-allow.conf"]:
            with open(self.tree.path(etc + "/" + name), "a") as f:
                f.write("# edited by the site\n")
        again = install_tree.subprocess.run(
            ["make", "-s", "-C", harness.root(), "install",
             "DESTDIR=" + self.tree.destdir],
            stdout=install_tree.subprocess.PIPE,
            stderr=install_tree.subprocess.STDOUT, text=True, timeout=900)
        self.assertEqual(again.returncode, 0, again.stdout)
        for name in ["passwd.conf", "console-allow.conf", "health-allow.conf"]:
            with open(self.tree.path(etc + "/" + name), encoding="utf-8") as f:
                self.assertTrue(f.read().endswith("# edited by the site\n"), name)

    def test_uninstall_leaves_only_the_sites_files(self):
        tree = install_tree.InstalledTree()
        try:
            run = install_tree.subprocess.run(
                ["make", "-s", "-C", harness.root(), "uninstall",
                 "DESTDIR=" + tree.destdir],
                stdout=install_tree.subprocess.PIPE,
                stderr=install_tree.subprocess.STDOUT, text=True, timeout=300)
            self.assertEqual(run.returncode, 0, run.stdout)
            left = sorted(os.path.basename(p) for p in tree.files())
            self.assertEqual(left, ["console-allow.conf", "health-allow.conf",
                                    "passwd.conf"])
        finally:
            tree.remove()


if __name__ == "__main__":
    unittest.main()
