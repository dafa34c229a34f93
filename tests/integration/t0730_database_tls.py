"""TLS to the database: with db_tls_ca set, a process connects only over
TLS and only to a server whose certificate its CA signed, and (unless
db_tls_verify_server is false) only for the host it dials. A throw-away MariaDB on a loopback TCP port with a certificate made
here stands in for a site's database server; the probe is
`umin-passwdctl migrate`, which connects with the configuration's database
settings, brings the throw-away database's schema up to date, and exits
non-zero, saying "cannot connect", when it cannot connect."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import harness

MARIADBD = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
INSTALL_DB = shutil.which("mariadb-install-db") or "/usr/bin/mariadb-install-db"
USER, PASSWORD = "tls_probe", "Tls-probe-7d1c"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_ca(dir_, name):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=%s" % name, "-keyout", name + "-key.pem",
            "-out", name + ".pem", cwd=dir_)
    return os.path.join(dir_, name + ".pem")


def make_server_cert(dir_, ca):
    with open(os.path.join(dir_, "san.cnf"), "w") as f:
        f.write("subjectAltName = IP:127.0.0.1\n")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server-key.pem", "-out", "server.csr", cwd=dir_)
    openssl("x509", "-req", "-in", "server.csr", "-CA", ca + ".pem",
            "-CAkey", ca + "-key.pem", "-CAcreateserial", "-days", "2",
            "-extfile", "san.cnf", "-out", "server-cert.pem", cwd=dir_)


class DatabaseTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in (MARIADBD, INSTALL_DB, shutil.which("openssl")):
            if not tool or not os.path.exists(tool):
                raise unittest.SkipTest("missing %s" % tool)
        cls.tmp = tempfile.mkdtemp(prefix="passwd-tls-")
        os.chmod(cls.tmp, 0o755)
        cls.ca = make_ca(cls.tmp, "ca")
        cls.other_ca = make_ca(cls.tmp, "other-ca")
        make_server_cert(cls.tmp, "ca")
        data = os.path.join(cls.tmp, "data")
        cls.sock = os.path.join(cls.tmp, "mysqld.sock")
        cls.port = free_port()
        user = ["--user=mysql"] if os.geteuid() == 0 else []
        if user:
            shutil.chown(cls.tmp, "mysql", "mysql")
            for name in os.listdir(cls.tmp):
                shutil.chown(os.path.join(cls.tmp, name), "mysql", "mysql")
        subprocess.run([INSTALL_DB, "--no-defaults", "--datadir=" + data,
                        "--auth-root-authentication-method=socket",
                        "--skip-test-db"] + user,
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        log = open(os.path.join(cls.tmp, "mariadbd.log"), "w")
        cls.server = subprocess.Popen(
            [MARIADBD, "--no-defaults", "--datadir=" + data,
             "--socket=" + cls.sock, "--port=%d" % cls.port,
             # The certificate names 127.0.0.1 only; 127.0.0.2 reaches the
             # same server under a name it does not carry.
             "--bind-address=127.0.0.1,127.0.0.2", "--skip-name-resolve",
             "--pid-file=" + os.path.join(cls.tmp, "mariadbd.pid"),
             "--ssl-ca=" + cls.ca,
             "--ssl-cert=" + os.path.join(cls.tmp, "server-cert.pem"),
             "--ssl-key=" + os.path.join(cls.tmp, "server-key.pem"),
             "--innodb-buffer-pool-size=16M"] + user,
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not os.path.exists(cls.sock):
            if cls.server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the TLS MariaDB did not start")
            time.sleep(0.2)
        # The probe's account may connect only over TLS.
        sql = ("CREATE DATABASE passwd; "
               "CREATE USER '%s'@'127.%%' IDENTIFIED BY '%s' REQUIRE SSL; "
               "GRANT ALL ON passwd.* TO '%s'@'127.%%';" % (USER, PASSWORD, USER))
        subprocess.run(["mariadb", "--no-defaults", "--socket=" + cls.sock,
                        "-uroot", "-e", sql], check=True)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None):
            cls.server.terminate()
            try:
                cls.server.wait(60)
            except subprocess.TimeoutExpired:
                cls.server.kill()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def probe(self, host="127.0.0.1", **settings):
        """Runs migrate with the development configuration pointed
        at the TLS server plus `settings`; the finished process."""
        values = {"db_host": "tcp://%s:%d" % (host, self.port),
                  "db_user": USER, "db_password": PASSWORD,
                  "migrate_user": "", "migrate_password": "",
                  "db_tls_ca": "", "db_tls_verify_server": "true"}
        values.update(settings)
        path = os.path.join(self.tmp, "passwd-%d.conf" % len(os.listdir(self.tmp)))
        with open(path, "w", encoding="utf-8") as f:
            f.write(harness.config_text_with(values))
        tool = os.path.join(harness.root(), "build", "tools", "passwdctl")
        return subprocess.run([tool, "migrate"],
                              env=dict(os.environ, PASSWD_CONFIG=path),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=60)

    def assertConnects(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stdout.decode())

    def assertRefused(self, proc):
        self.assertNotEqual(proc.returncode, 0, proc.stdout.decode())
        self.assertIn("cannot connect", proc.stdout.decode())

    def test_connects_over_tls_to_a_server_its_ca_signed(self):
        self.assertConnects(self.probe(db_tls_ca=self.ca))

    def test_without_tls_the_server_refuses_the_account(self):
        # The account requires TLS, so the connection above was encrypted.
        self.assertRefused(self.probe())

    def test_a_certificate_another_ca_signed_is_refused(self):
        self.assertRefused(self.probe(db_tls_ca=self.other_ca))
        self.assertRefused(self.probe(db_tls_ca=self.other_ca,
                                      db_tls_verify_server="false"))

    def test_a_certificate_for_another_host_is_refused_unless_told(self):
        self.assertRefused(self.probe(host="127.0.0.2", db_tls_ca=self.ca))
        self.assertConnects(self.probe(host="127.0.0.2", db_tls_ca=self.ca,
                                       db_tls_verify_server="false"))

if __name__ == "__main__":
    unittest.main()
