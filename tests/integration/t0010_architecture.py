"""The source tree's architecture, checked on the files themselves: each
folder of lib/ is a layer and includes only the layers below it; each table
is written by exactly one module (docs/design.md, "Tables and their
owners"); the pages under cgi/ hold no SQL."""
import glob
import os
import re
import tempfile
import unittest

import harness

ROOT = harness.root()

# lib/'s layers from the bottom up (README's layout table, docs/design.md).
LAYERS = ["base", "domain", "store", "mail", "flow", "web", "console"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def lib_files():
    return sorted(glob.glob(os.path.join(ROOT, "lib", "*", "*.*")))


def layer_violations(files):
    """(file, included header) pairs where a file includes a layer above its
    own, a folder that is no layer, or a header outside any folder."""
    bad = []
    for path in files:
        own = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for header in INCLUDE.findall(text):
            folder = header.split("/")[0] if "/" in header else ""
            if folder not in LAYERS or LAYERS.index(folder) > LAYERS.index(own):
                bad.append((os.path.relpath(path, ROOT), header))
    return bad


# Each table and the one module (lib/<layer>/<module>.cc) that writes it.
OWNERS = {
    "accounts": "lib/store/accounts.cc",
    "address_change_requests": "lib/store/address_changes.cc",
    "audit_log": "lib/store/audit.cc",
    "mail_outbox": "lib/mail/outbox.cc",
    "metric_counters": "lib/store/metric_counters.cc",
    "not_me_links": "lib/flow/not_me.cc",
    "operator_link_tokens": "lib/store/operator_links.cc",
    "operator_notes": "lib/store/operator_notes.cc",
    "operator_requests": "lib/store/operator_requests.cc",
    "operator_sessions": "lib/store/operators.cc",
    "operators": "lib/store/operators.cc",
    "password_changes": "lib/flow/password_sync.cc",
    "password_sync_queue": "lib/flow/password_sync.cc",
    "rate_limit_events": "lib/store/rate_limit.cc",
    "rate_limit_subjects": "lib/store/rate_limit.cc",
    "reset_flows": "lib/flow/reset_flow.cc",
    "schema_migrations": "lib/store/schema_migrations.cc",
}
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
WRITE = re.compile(r"\b(?:(?:INSERT|REPLACE)\s+INTO|DELETE\s+FROM)\s+([a-z_]+)|"
                   r"\bUPDATE\s+([a-z_]+)\s+SET\b", re.I)
ANY_SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|"
                     r"DELETE\s+FROM|REPLACE\s+INTO)\b", re.I)


def sources(*folders):
    out = []
    for folder in folders:
        for pattern in ("**/*.cc", "**/*.h"):
            out += glob.glob(os.path.join(ROOT, folder, pattern), recursive=True)
    return sorted(out)


def written_tables(path):
    """The tables a source file's string literals write (INSERT, UPDATE,
    DELETE, REPLACE), read from adjacent literals joined as C++ joins them."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    joined = " ".join(m.group(1) for m in STRING.finditer(text))
    return sorted({(m.group(1) or m.group(2)).lower()
                   for m in WRITE.finditer(joined)})


def ownership_violations(files):
    """(file, table) pairs where a file writes a table it does not own, or a
    table no owner is listed for."""
    bad = []
    for path in files:
        rel = os.path.relpath(path, ROOT)
        for table in written_tables(path):
            if OWNERS.get(table) != rel:
                bad.append((rel, table))
    return bad


def files_with_sql(files):
    found = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if any(ANY_SQL.search(m.group(1)) for m in STRING.finditer(text)):
            found.append(os.path.relpath(path, ROOT))
    return found


class TableOwnerTest(unittest.TestCase):
    maxDiff = None

    def test_each_table_is_written_by_its_owner_only(self):
        self.assertEqual(ownership_violations(sources("lib", "cgi", "tools")), [])

    def test_every_owner_exists_and_writes_its_table(self):
        for table, owner in OWNERS.items():
            path = os.path.join(ROOT, owner)
            self.assertTrue(os.path.isfile(path), owner)
            self.assertIn(table, written_tables(path), owner)

    def test_pages_hold_no_sql(self):
        self.assertEqual(files_with_sql(sources("cgi")), [])

    def test_the_checks_catch_a_stray_write_and_a_query(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "page.cc")
            with open(path, "w", encoding="utf-8") as f:
                f.write('const char k[] =\n    "UPDATE reset_flows "\n'
                        '    "SET state = ?";\n'
                        'const char q[] = "SELECT id FROM accounts";\n')
            self.assertEqual(written_tables(path), ["reset_flows"])
            self.assertEqual(len(ownership_violations([path])), 1)
            self.assertEqual(len(files_with_sql([path])), 1)


class LayerTest(unittest.TestCase):
    def test_every_lib_folder_is_a_layer(self):
        folders = {os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "lib", "*"))
                   if os.path.isdir(p)}
        self.assertEqual(folders, set(LAYERS))
        self.assertEqual(glob.glob(os.path.join(ROOT, "lib", "*.cc")) +
                         glob.glob(os.path.join(ROOT, "lib", "*.h")), [])

    def test_no_file_includes_a_layer_above_its_own(self):
        self.assertEqual(layer_violations(lib_files()), [])

    def test_the_check_catches_an_upward_include(self):
        # The checker itself: a store file that includes web/ is refused.
        with tempfile.TemporaryDirectory() as tmp:
            os.mkdir(os.path.join(tmp, "store"))
            path = os.path.join(tmp, "store", "bad.cc")
            with open(path, "w", encoding="utf-8") as f:
                f.write('#include "base/status.h"\n#include "web/request.h"\n')
            self.assertEqual([h for _, h in layer_violations([path])],
                             ["web/request.h"])


if __name__ == "__main__":
    unittest.main()
