"""The source tree's architecture, checked on the files themselves: each
folder of lib/ is a layer and includes only the layers below it."""
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
