"""nginx keeps its FastCGI connections to the pages open (the console's
too), and a page process never lets an idle or half-sent connection, or a dead sibling, stall
a request another thread or process could serve (docs/performance.md)."""
import os
import signal
import socket
import struct
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

import harness

INDEX = "/cgi-open-bin/passwd/index"
SEND_ID = "/cgi-open-bin/passwd/send_id"


def page_processes(page):
    """The page's worker processes: the children of its multiwatch."""
    with open(harness.var_path("run", "fcgi", page + ".pid")) as f:
        parent = f.read().strip()
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == parent and fields[0] not in "ZX":
            children.append(int(entry))
    return children


def threads_of(pid):
    """The number of threads of process PID."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    raise AssertionError("no Threads: line for %d" % pid)


def socket_inodes(pids):
    """The inodes of the sockets the processes hold open."""
    inodes = set()
    for pid in pids:
        fd_dir = "/proc/%d/fd" % pid
        for fd in os.listdir(fd_dir):
            try:
                target = os.readlink(os.path.join(fd_dir, fd))
            except OSError:
                continue
            if target.startswith("socket:"):
                inodes.add(target)
    return inodes


def raw_connection(page):
    """A FastCGI connection straight to the page's socket, past nginx."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(harness.var_path("run", "fcgi", page + ".sock"))
    return sock


def begin_request_record():
    """FCGI_BEGIN_REQUEST for a responder, keeping the connection."""
    body = struct.pack(">HB5x", 1, 1)
    return struct.pack(">BBHHBx", 1, 1, 1, len(body), 0) + body


def get_all(count, workers=10, path=INDEX):
    """GETs the page at PATH (the top page) `count` times in parallel; their
    statuses."""
    def one(_):
        with harness.Browser(timeout=10) as browser:
            return browser.get(path).status_code
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, range(count)))


class KeptConnections(unittest.TestCase):
    def assert_connections_kept(self, page, path):
        pids = page_processes(page)
        self.assertGreaterEqual(len(pids), 1)
        with harness.Browser() as browser:
            for _ in range(5):
                self.assertEqual(browser.get(path).status_code, 200)
            before = socket_inodes(pids)
            for _ in range(100):
                self.assertEqual(browser.get(path).status_code, 200)
            after = socket_inodes(pids)
        # One client in a row needs one connection from nginx's worker; a
        # connection per request would leave none of the earlier ones open.
        new = after - before
        self.assertLessEqual(len(new), 4, "a new FastCGI connection per request")

    def test_requests_reuse_the_connections_nginx_keeps(self):
        self.assert_connections_kept("index", INDEX)

    def test_the_console_keeps_its_connections_too(self):
        # Through the map of console page names to upstreams
        # (passwd-upstreams.conf); an unknown name still has no page.
        self.assert_connections_kept("admin-login", "/cgi-bin/passwd-admin/login")
        with harness.Browser() as browser:
            missing = browser.get("/cgi-bin/passwd-admin/no_such_page")
        self.assertEqual(missing.status_code, 502)

    def test_idle_connections_hold_no_thread(self):
        # Far more idle connections than the page has threads in all its
        # processes: a process that waited for the next request of a kept
        # connection in a thread would stop answering.
        idle = [raw_connection("index") for _ in range(40)]
        try:
            started = time.monotonic()
            statuses = get_all(40)
            self.assertEqual(statuses, [200] * 40)
            self.assertLess(time.monotonic() - started, 8)
        finally:
            for sock in idle:
                sock.close()

    def test_a_half_sent_request_holds_one_thread_only(self):
        # Each of these connections stops in the middle of its request, so a
        # thread waits for the rest: the other threads go on serving. (The
        # send_id form, whose processes run page_threads threads; the top
        # page's run only a thread per CPU.)
        stuck = []
        try:
            for _ in range(3):
                sock = raw_connection("send_id")
                sock.sendall(begin_request_record()[:5])
                stuck.append(sock)
            time.sleep(0.3)
            self.assertEqual(get_all(30, path=SEND_ID), [200] * 30)
        finally:
            for sock in stuck:
                sock.close()

    def test_a_killed_process_stalls_nothing(self):
        pids = page_processes("index")
        self.assertGreaterEqual(len(pids), 2, "the test needs two processes")
        with harness.Browser() as browser:
            for _ in range(20):
                browser.get(INDEX)
        os.kill(pids[0], signal.SIGKILL)
        # nginx drops the dead process's idle connections as they close; the
        # other process, and the one multiwatch starts again, answer.
        time.sleep(0.5)
        started = time.monotonic()
        self.assertEqual(get_all(40), [200] * 40)
        self.assertLess(time.monotonic() - started, 8)
        deadline = time.monotonic() + 10
        while len(page_processes("index")) < len(pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(len(page_processes("index")), len(pids))

    def test_a_page_without_the_database_runs_a_thread_per_cpu(self):
        # Its requests never wait, so threads beyond the CPUs would only
        # preempt each other (docs/performance.md); a page that reads the
        # database runs page_threads, to wait for it in several at once.
        page_threads = int(harness.read_config().get("page_threads", "8"))
        for page in ["index", "done", "send_id", "code"]:
            pids = page_processes(page)
            self.assertGreaterEqual(len(pids), 1, page)
            for pid in pids:
                with self.subTest(page=page, pid=pid):
                    expected = page_threads
                    if page in ("index", "done"):
                        expected = min(page_threads, len(os.sched_getaffinity(pid)))
                    # A process multiwatch started again (the tests above
                    # kill some) may not have started its threads yet.
                    deadline = time.monotonic() + 5
                    while threads_of(pid) < expected and time.monotonic() < deadline:
                        time.sleep(0.05)
                    self.assertEqual(threads_of(pid), expected)

    def test_sigterm_and_sigusr1_end_a_process(self):
        # systemd stops a page with SIGTERM, multiwatch with SIGUSR1: its
        # threads, idle in epoll, must not keep it alive.
        for sig in [signal.SIGTERM, signal.SIGUSR1]:
            with self.subTest(signal=sig):
                self.stop_one_with(sig)

    def stop_one_with(self, sig):
        pids = page_processes("index")
        with harness.Browser() as browser:
            for _ in range(20):
                browser.get(INDEX)
        os.kill(pids[0], sig)
        deadline = time.monotonic() + 3
        while os.path.exists("/proc/%d/stat" % pids[0]) and time.monotonic() < deadline:
            with open("/proc/%d/stat" % pids[0]) as f:
                if f.read().rsplit(")", 1)[1].split()[0] in "ZX":
                    break
            time.sleep(0.05)
        self.assertNotIn(pids[0], page_processes("index"))
        self.assertEqual(get_all(20), [200] * 20)
        deadline = time.monotonic() + 10
        while len(page_processes("index")) < len(pids) and time.monotonic() < deadline:
            time.sleep(0.1)


if __name__ == "__main__":
    unittest.main()
