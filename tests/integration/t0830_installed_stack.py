"""The installed service runs: make install into a temporary DESTDIR, then the
installed executables (not build/) are started the way the systemd units
start them (multiwatch on a listening socket, PASSWD_CONFIG naming a
configuration in that tree), with an nginx of their own that includes the
installed nginx files. The development stack's private MariaDB and mail
catcher serve them. Through that nginx: the top page, the whole code flow to
a new password, and a console login."""
import os
import re
import signal
import socket
import subprocess
import time
import unittest

import requests

import flows
import harness
import install_tree

NGINX = "/usr/sbin/nginx"
SPAWN_FCGI = "/usr/bin/spawn-fcgi"
MULTIWATCH = "/usr/bin/multiwatch"
GOOD = "Kq7mWz2x!Rv"
CONSOLE_LOGIN = "/cgi-bin/passwd-admin/login"
CONSOLE_QUEUE = "/cgi-bin/passwd-admin/queue"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class InstalledStack(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.processes = []
        cls.tree = install_tree.InstalledTree()
        try:
            cls.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start(cls):
        tree = cls.tree
        share = os.path.dirname(tree.find("words.dict"))
        etc = os.path.dirname(tree.find("console-allow.conf"))
        lib = os.path.dirname(os.path.dirname(tree.find("index")))
        cls.port = free_port()
        cls.base = "http://127.0.0.1:%d" % cls.port
        cls.work = tree.path("/work")
        os.makedirs(cls.work)

        # The installed configuration, with the development stack's values
        # (database, secrets, mail catcher) and this tree's templates and
        # dictionary.
        dev = harness.read_config()
        conf = tree.path(etc + "/passwd.conf")
        with open(conf, encoding="utf-8") as f:
            text = f.read()
        values = dict(dev)
        values.update(templates_dir=tree.path(share + "/templates"),
                      dictionary_path=tree.path(share + "/words.dict"),
                      public_base_url=cls.base)
        for key, value in values.items():
            line = "%s = %s" % (key, value)
            text, n = re.subn(r"(?m)^#?\s*%s\s*=.*$" % key, line.replace("\\", "\\\\"),
                              text, count=1)
            if n == 0:
                text += "\n" + line + "\n"
        with open(conf, "w", encoding="utf-8") as f:
            f.write(text)
        env = dict(os.environ, PASSWD_CONFIG=conf)

        # The pages, as umin-passwd-page@.service and the console's start them.
        sockets = cls.work + "/run"
        os.makedirs(sockets)
        cls.log = open(cls.work + "/stack.log", "ab")
        for folder, prefix in [("cgi", ""), ("cgi-admin", "admin-")]:
            for page in sorted(os.listdir(tree.path(lib + "/" + folder))):
                sock = "%s/%s%s.sock" % (sockets, prefix, page)
                cls.spawn([SPAWN_FCGI, "-n", "-s", sock, "-M", "0660", "--",
                           MULTIWATCH, "-f", "1", "--",
                           tree.path("%s/%s/%s" % (lib, folder, page))], env)
        for worker in ["mail_sender", "sync_worker", "housekeeper"]:
            cls.spawn([tree.path(lib + "/" + worker)], env)

        # nginx with the installed includes, their paths moved into the tree.
        nginx_dir = tree.path(share + "/nginx")
        for name in os.listdir(nginx_dir):
            path = os.path.join(nginx_dir, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for installed in [share, etc]:
                text = text.replace(installed + "/", tree.path(installed) + "/")
            text = re.sub(r"unix:/\S*/umin-passwd/", "unix:%s/" % sockets, text)
            text = re.sub(r"(?m)^access_log \S+", "access_log %s/access.log" % cls.work, text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        nginx_conf = cls.work + "/nginx.conf"
        with open(nginx_conf, "w", encoding="utf-8") as f:
            f.write(install_tree.nginx_conf(
                cls.work, nginx_dir, cls.port,
                top="user root;\ndaemon off;\n"))
        cls.spawn([NGINX, "-c", nginx_conf, "-e", cls.work + "/nginx-error.log"], env)

        deadline = time.time() + 30
        while True:
            try:
                if requests.get(cls.base + "/cgi-open-bin/passwd/index",
                                timeout=3).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.time() > deadline:
                raise AssertionError("the installed stack does not answer:\n"
                                     + cls.tail(cls.work + "/stack.log")
                                     + cls.tail(cls.work + "/nginx-error.log"))
            time.sleep(0.3)

    @classmethod
    def spawn(cls, argv, env):
        cls.processes.append(subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=cls.log,
            stderr=subprocess.STDOUT, start_new_session=True))

    @staticmethod
    def tail(path):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-30:])
        except OSError:
            return ""

    @classmethod
    def tearDownClass(cls):
        for process in cls.processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in cls.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if getattr(cls, "log", None):
            cls.log.close()
        cls.tree.remove()

    def setUp(self):
        # The shared helpers (harness.Browser, flows) talk to this stack.
        self.saved_base = os.environ.get("PASSWD_BASE_URL")
        os.environ["PASSWD_BASE_URL"] = self.base
        flows.reset_limits()

    def tearDown(self):
        if self.saved_base is None:
            os.environ.pop("PASSWD_BASE_URL", None)
        else:
            os.environ["PASSWD_BASE_URL"] = self.saved_base
        flows.reset_limits()

    def test_top_page_and_static_files_come_from_the_installed_tree(self):
        page = requests.get(self.base + "/cgi-open-bin/passwd/index", timeout=10)
        self.assertEqual(page.status_code, 200)
        self.assertIn("パスワード", page.text)
        css = requests.get(self.base + "/passwd/static/passwd.css", timeout=10)
        self.assertEqual(css.status_code, 200)
        missing = requests.get(self.base + "/no-such-page", timeout=10)
        self.assertEqual(missing.status_code, 404)
        missing.encoding = "utf-8"
        self.assertIn("<html", missing.text)

    def test_the_whole_code_flow_to_a_new_password(self):
        account = flows.fresh_account()
        address = flows.umin_address(account)
        mailbox = harness.Mailbox()
        with harness.Browser() as browser:
            mark = mailbox.mark()
            sent = flows.request_code_by_id(browser, account)
            self.assertEqual(sent.status_code, 303, harness.text(sent.text))
            code = flows.wait_for_code(mailbox, address, mark)
            entered = flows.enter_code(browser, code)
            self.assertEqual(entered.status_code, 303, harness.text(entered.text))
            browser.get(flows.NEW_PASSWORD)
            done = browser.submit(flows.NEW_PASSWORD, {
                "password": GOOD, "password_confirmation": GOOD})
            self.assertEqual(done.status_code, 303, harness.text(done.text))
            self.assertEqual(harness.location_path(done), flows.DONE)
            self.assertIn("パスワード更新完了", browser.get(flows.DONE).text)
        self.assertEqual(flows.flow_row(account)["state"], "done")
        self.assertIn("password_changed", flows.audit_events(account))

    def test_console_login(self):
        with harness.Browser() as browser:
            self.assertEqual(browser.get(CONSOLE_LOGIN).status_code, 200)
            response = browser.submit(CONSOLE_LOGIN, {"login": "demo-op",
                                                      "password": "Demo#Op3r8"})
            self.assertEqual(response.status_code, 303, harness.text(response.text))
            self.assertEqual(harness.location_path(response), CONSOLE_QUEUE)
            self.assertEqual(browser.get(CONSOLE_QUEUE).status_code, 200)


if __name__ == "__main__":
    unittest.main()
