"""Shared helpers of the integration tests, which run against the stack that
scripts/start runs (nginx, the FastCGI pages, MariaDB, the SMTP catcher).

tests/run-tests runs them through tests/integration/run.py with
PASSWD_BASE_URL (http://127.0.0.1:PORT), PASSWD_ROOT (the checkout) and
PASSWD_CONFIG (var/passwd.conf) set; the defaults below fit `make run`.

- base_url(), root(), var_path(): where the stack is.
- Browser: a requests.Session that keeps cookies, with relative paths.
- Mailbox: the Maildir var/mail/ the SMTP catcher fills; wait for a message
  to one recipient newer than a mark, parsed with email.policy.default.
- db_query(), db_value(), db_exec(): SQL as the database root, for assertions.

Each of them also takes another stack's place as a parameter (Browser's
base_url, Mailbox's path, the db functions' cnf, read_config's path), which
scripts/drills uses for the local cluster's hosts and nodes.
- service(): scripts/service, to take the database or the mail server down.
- hidden_inputs(), hidden_value(), csrf_token(), links(), forms(), text():
  what a page offers, read with html.parser.
- set_clock_offset(): move every process's clock (test_clock_offset_file).
"""

import email
import email.policy
import html.parser
import os
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ElementTree

import requests

DEFAULT_TIMEOUT = 10


# --- where things are --------------------------------------------------------

def base_url():
    """The stack's base URL, without a trailing slash."""
    return os.environ.get("PASSWD_BASE_URL", "http://127.0.0.1:8080").rstrip("/")


def root():
    """The checkout's absolute path."""
    return os.environ.get("PASSWD_ROOT") or os.path.abspath(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def var_path(*parts):
    """A path under the checkout's var/."""
    return os.path.join(root(), "var", *parts)


def config_path():
    return os.environ.get("PASSWD_CONFIG") or var_path("passwd.conf")


def read_config(path=None):
    """The stack's configuration's (or the one at PATH) top-level keys as a
    dict (key -> value string); the [target NAME] sections after them are
    read_targets'."""
    values = {}
    with open(path or config_path(), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                break
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def read_targets():
    """The configuration's propagation targets: NAME -> {key: value}."""
    targets, current = {}, None
    with open(config_path(), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("[target ") and line.endswith("]"):
                current = targets.setdefault(line[len("[target "):-1].strip(), {})
            elif current is not None and line and not line.startswith("#") \
                    and "=" in line:
                key, value = line.split("=", 1)
                current[key.strip()] = value.strip()
    return targets


def config_text_with(settings):
    """The stack's configuration with each top-level key of SETTINGS set to
    its value: a key already there is replaced, a new one goes above the
    first `[target NAME]` section (a key after one would belong to it)."""
    with open(config_path(), encoding="utf-8") as f:
        lines = f.read().splitlines()
    first_section = next((i for i, l in enumerate(lines)
                          if l.strip().startswith("[")), len(lines))
    top = [l for l in lines[:first_section]
           if l.split("=")[0].strip() not in settings]
    top += ["%s = %s" % kv for kv in settings.items()]
    return "\n".join(top + lines[first_section:]) + "\n"


def url(path, base=None):
    """An absolute URL for a path of the stack, or of the one at BASE
    (absolute URLs pass through)."""
    if path.startswith("http://") or path.startswith("https://"):
        return path
    return (base or base_url()).rstrip("/") + (
        path if path.startswith("/") else "/" + path)


# --- the browser -------------------------------------------------------------

class Browser:
    """One browser: a requests.Session keeping its cookies.

    Paths are relative to base_url(), or to BASE_URL when given.
    follow_redirects=False (the default) shows each 30x to the test; pass
    follow_redirects=True to the constructor or to one call to follow them.
    The last response is kept in .last.
    """

    def __init__(self, follow_redirects=False, timeout=DEFAULT_TIMEOUT,
                 base_url=None):
        self.session = requests.Session()
        self.follow_redirects = follow_redirects
        self.timeout = timeout
        self.base_url = base_url
        self.last = None

    def request(self, method, path, follow_redirects=None, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        if follow_redirects is None:
            follow_redirects = self.follow_redirects
        kwargs.setdefault("allow_redirects", follow_redirects)
        self.last = self.session.request(method, url(path, self.base_url),
                                         **kwargs)
        return self.last

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def head(self, path, **kwargs):
        return self.request("HEAD", path, **kwargs)

    def submit(self, path, fields=None, page=None, csrf_field=None, **kwargs):
        """POSTs fields to path with the hidden inputs of page (default: the
        last response's body) added first, e.g. the CSRF token."""
        html_text = page if page is not None else (self.last.text if self.last is not None else "")
        data = dict(hidden_inputs(html_text))
        if csrf_field is not None and csrf_field not in data:
            raise AssertionError("no hidden input %r on the page" % csrf_field)
        data.update(fields or {})
        return self.post(path, data=data, **kwargs)

    def cookie(self, name):
        """The value of a cookie the browser holds, or None."""
        for c in self.session.cookies:
            if c.name == name:
                return c.value
        return None

    @property
    def cookies(self):
        return self.session.cookies

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def location_path(response):
    """The path (and query) a redirect response points to."""
    location = response.headers.get("Location", "")
    parts = urllib.parse.urlsplit(location)
    return parts.path + ("?" + parts.query if parts.query else "")


# --- HTML --------------------------------------------------------------------

class _PageParser(html.parser.HTMLParser):
    """Collects forms, inputs, links and the visible text of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = []      # attribute dicts of <input>, <select>, <textarea>
        self.forms = []       # {"action", "method", "inputs": [...]}
        self.links = []       # (text, href)
        self.text_parts = []
        self._link = None     # [href, [text parts]] while inside <a>
        self._skip = 0        # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "form":
            self.forms.append({"action": attrs.get("action", ""),
                               "method": attrs.get("method", "get").lower(),
                               "inputs": []})
        elif tag in ("input", "select", "textarea", "button"):
            attrs["_tag"] = tag
            self.inputs.append(attrs)
            if self.forms:
                self.forms[-1]["inputs"].append(attrs)
        elif tag == "a":
            self._link = [attrs.get("href"), []]
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "td"):
            self.text_parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._link is not None:
            self.links.append((" ".join("".join(self._link[1]).split()),
                               self._link[0]))
            self._link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text_parts.append(data)
        if self._link is not None:
            self._link[1].append(data)


def _parse(html_text):
    parser = _PageParser()
    parser.feed(html_text)
    parser.close()
    return parser


def hidden_inputs(html_text):
    """{name: value} of every <input type="hidden"> on the page."""
    result = {}
    for attrs in _parse(html_text).inputs:
        if attrs["_tag"] == "input" and attrs.get("type", "").lower() == "hidden" \
                and "name" in attrs:
            result.setdefault(attrs["name"], attrs.get("value", ""))
    return result


def hidden_value(html_text, name):
    """The value of the hidden input NAME; AssertionError when absent."""
    values = hidden_inputs(html_text)
    if name not in values:
        raise AssertionError("no hidden input %r on the page (have: %s)"
                             % (name, ", ".join(sorted(values)) or "none"))
    return values[name]


def csrf_token(html_text, name="csrf_token"):
    """The CSRF token of a page's form (hidden input NAME)."""
    return hidden_value(html_text, name)


def inputs(html_text):
    """Attribute dicts of every input, select, textarea and button (the tag
    name in "_tag")."""
    return _parse(html_text).inputs


def forms(html_text):
    """Every form: {"action", "method", "inputs": [attribute dicts]}."""
    return _parse(html_text).forms


def links(html_text):
    """{link text: href} of the page's <a> elements (the first of equal texts)."""
    result = {}
    for text_, href in _parse(html_text).links:
        result.setdefault(text_, href)
    return result


def all_links(html_text):
    """[(link text, href)] in page order."""
    return _parse(html_text).links


def text(html_text):
    """The page's visible text, whitespace collapsed per line."""
    raw = "".join(_parse(html_text).text_parts)
    lines = (" ".join(line.split()) for line in raw.splitlines())
    return "\n".join(line for line in lines if line)


# --- mail --------------------------------------------------------------------

class Mailbox:
    """The Maildir the SMTP catcher writes (var/mail/, or PATH).

    Every stored message starts with X-Envelope-From: and X-Envelope-To:.
    Take a mark() before the action, then wait_for(recipient, since=mark).
    Messages are email.message.EmailMessage (policy=email.policy.default)
    with extra attributes: maildir_key, envelope_to (a list of lower-case
    addresses) and arrived_ns (the file's mtime: when the catcher stored it).
    A message is read once and kept, so waiting in a Maildir of thousands
    of messages (the drills') costs a directory listing a poll; one Mailbox
    may be shared by threads.
    """

    def __init__(self, path=None):
        self.path = path or var_path("mail")
        self._lock = threading.Lock()
        self._known = {}     # key -> [mtime_ns, path]
        self._parsed = {}    # key -> message

    def _files(self):
        """[(mtime_ns, key, path)] of the delivered messages, oldest first.
        The catcher writes into tmp/ and renames into new/, so a file seen
        here is complete."""
        listed = {}
        for sub in ("new", "cur"):
            folder = os.path.join(self.path, sub)
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            for name in names:
                if not name.startswith("."):
                    listed[name.split(":", 1)[0]] = os.path.join(folder, name)
        found = []
        with self._lock:
            for key in list(self._known):
                if key not in listed:  # removed
                    del self._known[key]
                    self._parsed.pop(key, None)
            for key, path in listed.items():
                entry = self._known.get(key)
                if entry is None:
                    try:
                        mtime = os.stat(path).st_mtime_ns
                    except FileNotFoundError:  # moved to cur/ meanwhile
                        continue
                    entry = self._known[key] = [mtime, path]
                else:
                    entry[1] = path
                found.append((entry[0], key, entry[1]))
        found.sort()
        return found

    def keys(self):
        return {key for _, key, _ in self._files()}

    def mark(self):
        """The messages there now; pass it as since= to see only newer ones."""
        return frozenset(self.keys())

    @staticmethod
    def _load(key, path, mtime_ns):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        msg.maildir_key = key
        msg.envelope_to = [a.strip().lower() for a in
                           str(msg.get("X-Envelope-To", "")).split(",") if a.strip()]
        msg.arrived_ns = mtime_ns
        return msg

    def _message(self, mtime_ns, key, path):
        msg = self._parsed.get(key)
        if msg is None:
            try:
                msg = self._load(key, path, mtime_ns)
            except FileNotFoundError:  # moved to cur/ meanwhile
                return None
            self._parsed[key] = msg
        return msg

    def messages(self, to=None, since=frozenset()):
        """Messages (oldest first), optionally only those to recipient TO and
        not in the mark SINCE."""
        result = []
        for mtime_ns, key, path in self._files():
            if key in since:
                continue
            msg = self._message(mtime_ns, key, path)
            if msg is None:
                continue
            if to is None or to.lower() in msg.envelope_to:
                result.append(msg)
        return result

    def wait_for(self, to, since=frozenset(), count=1, timeout=15, poll=0.1):
        """Waits until COUNT messages to TO newer than SINCE arrived and returns
        them (oldest first); AssertionError after TIMEOUT seconds. Looks every
        POLL seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages(to=to, since=since)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(
                    "%d message(s) to %s expected within %ss, got %d"
                    % (count, to, timeout, len(found)))
            time.sleep(poll)

    def wait_for_one(self, to, since=frozenset(), timeout=15, poll=0.1):
        """The first message to TO newer than SINCE."""
        return self.wait_for(to, since=since, count=1, timeout=timeout,
                             poll=poll)[0]

    def assert_none(self, to, since=frozenset(), wait=1.0):
        """AssertionError when a message to TO newer than SINCE arrives within
        WAIT seconds."""
        deadline = time.monotonic() + wait
        while True:
            found = self.messages(to=to, since=since)
            if found:
                raise AssertionError("unexpected mail to %s: %s"
                                     % (to, found[0].get("Subject")))
            if time.monotonic() >= deadline:
                return
            time.sleep(0.1)


def body_text(msg):
    """The decoded text/plain body of a message (or its only part)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        part = msg
    return part.get_content()


# --- the database ------------------------------------------------------------

def db_cnf():
    return var_path("mariadb.cnf")


def sql_quote(value):
    """VALUE as an SQL literal (None -> NULL, numbers bare, else a string)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    s = str(value)
    for a, b in (("\\", "\\\\"), ("\0", "\\0"), ("\n", "\\n"), ("\r", "\\r"),
                 ("'", "\\'"), ("\x1a", "\\Z")):
        s = s.replace(a, b)
    return "'" + s + "'"


def _mariadb(args, sql, database, cnf=None):
    cmd = ["mariadb", "--defaults-file=" + (cnf or db_cnf())] + args
    if database:
        cmd.append(database)
    proc = subprocess.run(cmd, input=sql.encode("utf-8"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError("mariadb failed (%d): %s\nSQL: %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace").strip(), sql))
    return proc.stdout


def _format(sql, params):
    if params is None:
        return sql
    if isinstance(params, dict):
        return sql % {k: sql_quote(v) for k, v in params.items()}
    return sql % tuple(sql_quote(p) for p in params)


def db_query(sql, params=None, database="passwd", cnf=None):
    """Runs one SELECT as the database root over the private socket (or with
    the client defaults file CNF, e.g. a cluster node's); returns a list of
    dicts (column -> str, or None for NULL). PARAMS fill %s (sequence) or
    %(name)s (dict) placeholders as quoted literals."""
    out = _mariadb(["--xml"], _format(sql, params), database, cnf)
    if not out.strip():
        return []
    rows = []
    for row in ElementTree.fromstring(out).iter("row"):
        record = {}
        for field in row.iter("field"):
            nil = field.get("{http://www.w3.org/2001/XMLSchema-instance}nil")
            record[field.get("name")] = None if nil == "true" else (field.text or "")
        rows.append(record)
    return rows


def db_value(sql, params=None, database="passwd", cnf=None):
    """The first column of the first row of a query, or None without rows."""
    rows = db_query(sql, params, database, cnf)
    if not rows:
        return None
    return next(iter(rows[0].values()))


def db_exec(sql, params=None, database="passwd", cnf=None):
    """Runs statements (no result wanted) as the database root."""
    _mariadb([], _format(sql, params), database, cnf)


# --- the stack's services ----------------------------------------------------

def service(action, name, check=True):
    """scripts/service ACTION NAME (e.g. service("stop", "smtp")); returns the
    CompletedProcess. start waits until the service answers."""
    proc = subprocess.run([os.path.join(root(), "scripts", "service"), action, name],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=180)
    if check and proc.returncode != 0:
        raise RuntimeError("scripts/service %s %s failed (%d):\n%s" % (
            action, name, proc.returncode, proc.stdout.decode("utf-8", "replace")))
    return proc


def clock_offset_path():
    return read_config().get("test_clock_offset_file") or var_path("run", "clock-offset")


def set_clock_offset(seconds):
    """Moves the clock of every process of the stack SECONDS ahead."""
    path = clock_offset_path()
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % int(seconds))
    os.replace(tmp, path)


def clear_clock_offset():
    try:
        os.unlink(clock_offset_path())
    except FileNotFoundError:
        pass
