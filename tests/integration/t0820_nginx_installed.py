"""The installed nginx include: `nginx -t` passes on a server block that
includes it (paths moved into the DESTDIR), it points at the installed
folders and /run's sockets, limits every POST location, restricts the console
and the health check to the site's allow-lists; and through the development
nginx, built from the same files: limit_req answers the Japanese 429 page,
and Strict-Transport-Security stays off plain HTTP."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import requests

import harness
import install_tree

NGINX = "/usr/sbin/nginx"


class InstalledNginx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tree = install_tree.InstalledTree()
        cls.share = os.path.dirname(cls.tree.find("words.dict"))
        cls.etc = os.path.dirname(cls.tree.find("console-allow.conf"))
        with open(cls.tree.path(cls.share + "/nginx/passwd.conf"), encoding="utf-8") as f:
            cls.server = f.read()
        with open(cls.tree.path(cls.share + "/nginx/passwd-http.conf"), encoding="utf-8") as f:
            cls.http = f.read()
        with open(cls.tree.path(cls.share + "/nginx/passwd-upstreams.conf"), encoding="utf-8") as f:
            cls.upstreams = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tree.remove()

    def test_nginx_t_passes_on_a_server_block_including_the_installed_files(self):
        work = tempfile.mkdtemp(prefix="passwd-nginx-")
        try:
            # The installed files, with their installed paths moved into the
            # DESTDIR and the access log into the work folder.
            for name in ["passwd.conf", "passwd-http.conf", "passwd-upstreams.conf",
                         "security-headers.conf"]:
                with open(self.tree.path(self.share + "/nginx/" + name), encoding="utf-8") as f:
                    text = f.read()
                for installed in [self.share, self.etc]:
                    text = text.replace(installed + "/", self.tree.path(installed) + "/")
                text = re.sub(r"^access_log \S+", "access_log %s/access.log" % work, text,
                              flags=re.M)
                with open(self.tree.path(self.share + "/nginx/" + name), "w",
                          encoding="utf-8") as f:
                    f.write(text)
            conf = os.path.join(work, "nginx.conf")
            with open(conf, "w", encoding="utf-8") as f:
                f.write(install_tree.nginx_conf(
                    work, self.tree.path(self.share + "/nginx"), 1,
                    server_name="passwd.example.org"))
            run = subprocess.run([NGINX, "-t", "-c", conf, "-e", work + "/nginx-error.log"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout)
            self.assertIn("test is successful", run.stdout)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def test_the_include_points_at_installed_folders_and_run_sockets(self):
        self.assertIn("alias %s/errors/;" % self.share, self.server)
        self.assertIn("alias %s/static/;" % self.share, self.server)
        self.assertIn("include %s/nginx/security-headers.conf;" % self.share, self.server)
        # Every page's socket in an upstream (kept connections): a public
        # page's named by its location, a console page's by the map of the
        # console's page names.
        sockets = re.findall(r"fastcgi_pass unix:(\S+);", self.server)
        upstreams = dict(re.findall(r"(?m)^upstream (\S+) \{\n\s+server unix:(\S+);",
                                    self.upstreams))
        self.assertGreater(len(upstreams), 5)
        sockets += list(upstreams.values())
        console_map = re.search(r"(?ms)^map \$passwd_admin_page \$passwd_admin_upstream \{\n(.*?)^\}",
                                self.upstreams)
        self.assertIsNotNone(console_map)
        mapped = dict(re.findall(r"(?m)^\s+(\S+) (\S+);$", console_map.group(1)))
        self.assertIn("fastcgi_pass $passwd_admin_upstream;", self.server)
        for name in upstreams:
            if name in mapped.values():
                continue
            self.assertIn("fastcgi_pass %s;" % name, self.server)
        console_pages = sorted(os.path.basename(f) for f in self.tree.files()
                               if os.path.basename(os.path.dirname(f)) == "cgi-admin")
        self.assertGreater(len(console_pages), 5)
        for page in console_pages:
            with self.subTest(console_page=page):
                self.assertEqual(mapped.get(page), "passwd-admin-" + page)
                self.assertTrue(upstreams["passwd-admin-" + page].endswith(
                    "/admin-%s.sock" % page))
        # An unknown name's upstream is a socket no page listens on.
        self.assertTrue(upstreams[mapped["default"]].endswith("/admin-no-page.sock"))
        self.assertNotIn("no-page", console_pages)
        self.assertIn("include %s/nginx/passwd-upstreams.conf;" % self.share, self.http)
        for sock in sockets:
            self.assertRegex(sock, r"^/run/umin-passwd/|^/\S+/run/umin-passwd/")

    def locations(self):
        """location name -> its block's text (nested blocks included)."""
        blocks = {}
        for match in re.finditer(r"^location (.*?) \{\n(.*?)^\}", self.server, re.M | re.S):
            blocks[match.group(1)] = match.group(2)
        return blocks

    def test_every_post_location_is_rate_limited(self):
        blocks = self.locations()
        get_only = {"= /cgi-open-bin/passwd/index", "= /cgi-open-bin/passwd/done",
                    "= /cgi-open-bin/passwd/health"}
        fastcgi = [name for name, body in blocks.items() if "fastcgi_pass" in body]
        self.assertIn("^~ /cgi-bin/passwd-admin/", fastcgi)
        for name in fastcgi:
            if name in get_only:
                continue
            with self.subTest(location=name):
                self.assertRegex(blocks[name], r"(?m)^\s*limit_req zone=passwd_\w+ ")
        self.assertIn("limit_req_status 429;", self.server)
        self.assertIn("error_page 429 /passwd/errors/${passwd_errors_lang}429.html;",
                      self.server)
        self.assertRegex(self.http, r"limit_req_zone \$passwd_post_client zone=passwd_post:")
        self.assertRegex(self.http, r"POST +\$binary_remote_addr;\s+default +\"\";")

    def test_console_and_health_are_limited_to_the_allow_lists(self):
        blocks = self.locations()
        self.assertIn("include %s/console-allow.conf;" % self.etc,
                      blocks["^~ /cgi-bin/passwd-admin/"])
        self.assertIn("include %s/health-allow.conf;" % self.etc,
                      blocks["= /cgi-open-bin/passwd/health"])

    def test_real_ip_block_is_there_commented(self):
        self.assertRegex(self.server, r"#\s+set_real_ip_from ")
        self.assertRegex(self.server, r"#\s+real_ip_header X-Forwarded-For;")
        self.assertNotRegex(self.server, r"(?m)^\s*set_real_ip_from")

    def test_hsts_is_sent_on_https_only(self):
        self.assertRegex(self.http, r"map \$https \$passwd_hsts \{\s+on\s+\"max-age=\d+\";"
                                    r"\s+default\s+\"\";")
        self.assertIn("add_header Strict-Transport-Security $passwd_hsts always;", self.server)


class DevelopmentNginx(unittest.TestCase):
    def test_over_the_limit_a_post_gets_the_japanese_429_page(self):
        url = harness.base_url() + "/__test/limit_req"
        statuses = []
        for _ in range(3):
            r = requests.post(url, data={"a": "b"}, timeout=harness.DEFAULT_TIMEOUT)
            statuses.append(r.status_code)
        self.assertEqual(statuses[-1], 429, statuses)
        r.encoding = "utf-8"
        self.assertIn("しばらく時間をおいてお試しください", r.text)
        # GETs are never counted.
        self.assertNotEqual(requests.get(url, timeout=harness.DEFAULT_TIMEOUT).status_code, 429)

    def test_no_strict_transport_security_over_http(self):
        for path in ["/cgi-open-bin/passwd/index", "/passwd/static/passwd.css",
                     "/nonexistent"]:
            r = requests.get(harness.base_url() + path, timeout=harness.DEFAULT_TIMEOUT)
            self.assertNotIn("Strict-Transport-Security", r.headers, path)


if __name__ == "__main__":
    unittest.main()
