"""A `make install` of the checkout into a temporary DESTDIR, for the tests
of the installed files (systemd units, nginx include).

InstalledTree(): runs `make install DESTDIR=<temp>` once per test class and
finds what it installed, wherever configure's --prefix put it:
- .path(p): the DESTDIR copy of the installed absolute path p
- .find(name): the installed absolute path of the one file called name
- .remove(): deletes the tree.
"""

import os
import shutil
import subprocess
import tempfile

import harness


class InstalledTree:
    def __init__(self):
        self.destdir = tempfile.mkdtemp(prefix="passwd-install-")
        run = subprocess.run(
            ["make", "-s", "-C", harness.root(), "install",
             "DESTDIR=" + self.destdir],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=900)
        if run.returncode != 0:
            self.remove()
            raise AssertionError("make install failed:\n" + run.stdout[-3000:])

    def path(self, installed):
        """The file the installed absolute path names, inside DESTDIR."""
        return self.destdir + installed

    def find(self, name):
        """The installed absolute path of the one file called name."""
        found = []
        for folder, _, files in os.walk(self.destdir):
            if name in files:
                found.append(os.path.join(folder, name)[len(self.destdir):])
        if len(found) != 1:
            raise AssertionError("%s installed %d times: %s"
                                 % (name, len(found), found))
        return found[0]

    def files(self):
        """Every installed file, as DESTDIR paths."""
        for folder, _, names in os.walk(self.destdir):
            for name in names:
                yield os.path.join(folder, name)

    def remove(self):
        shutil.rmtree(self.destdir, ignore_errors=True)
