"""make run on a fresh machine: the first thing it does is install the
packages (scripts/install-deps). No tool those packages bring (aclocal,
autoconf, a compiler) runs before, so its first line is no error."""
import os
import shutil
import subprocess
import tempfile
import unittest

import harness

ROOT = harness.root()
# What a fresh Debian 12 lacks until scripts/install-deps has run.
MISSING = {"aclocal", "autoconf", "autoreconf", "autoheader", "automake",
           "g++", "c++", "gcc", "cc", "pkg-config"}


def path_without_build_tools(folder):
    """A folder of links to every command of /usr/bin and /bin but those a
    fresh machine lacks."""
    os.makedirs(folder)
    for source in ("/usr/bin", "/bin"):
        for name in os.listdir(source):
            base = name.split("-")[0] if name.startswith("aclocal") or \
                name.startswith("automake") else name
            link = os.path.join(folder, name)
            if base in MISSING or name in MISSING or os.path.exists(link):
                continue
            os.symlink(os.path.join(source, name), link)
    return folder


def fresh_clone(scratch):
    """A clone of the checkout without config.mak or build/, with this
    tree's make files (which may not be committed yet)."""
    clone = os.path.join(scratch, "clone")
    subprocess.run(["git", "clone", "-q", ROOT, clone], check=True)
    shutil.copy(os.path.join(ROOT, "Makefile"), clone)
    shutil.rmtree(os.path.join(clone, "mk"))
    shutil.copytree(os.path.join(ROOT, "mk"), os.path.join(clone, "mk"))
    return clone


def dry_run_on_a_fresh_machine(goal):
    """The lines `make -n GOAL` prints (stdout and stderr in order) in a
    fresh clone, with no build tool on the PATH. -n: make prints what it
    would run, but it still runs the recipe that remakes an included
    makefile (config.mak), which is what printed "aclocal: not found" on a
    fresh machine."""
    with tempfile.TemporaryDirectory() as scratch:
        clone = fresh_clone(scratch)
        bin_dir = path_without_build_tools(os.path.join(scratch, "bin"))
        # A login shell's environment: none of the variables a make running
        # this test (make check) hands its children, which would make the
        # clone's make print "Entering directory" lines first.
        env = {name: value for name, value in os.environ.items()
               if not name.startswith("MAKE") and name != "MFLAGS"}
        env["PATH"] = bin_dir
        result = subprocess.run(["make", "-n", goal], cwd=clone, env=env,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                timeout=120)
        return result.stdout.strip().splitlines()


class FreshMakeRunTest(unittest.TestCase):
    def test_make_run_installs_packages_first(self):
        output = dry_run_on_a_fresh_machine("run")
        self.assertTrue(output, "make -n run printed nothing")
        self.assertEqual(output[0], "scripts/install-deps", output[:5])
        # What follows is the sub-make's own dry run, on a machine where
        # install-deps did not really run; it may well fail there.

    def test_the_check_itself_can_fail(self):
        """A goal that needs the configuration (make all) does run
        configure's tools first on such a machine."""
        output = dry_run_on_a_fresh_machine("all")
        self.assertIn("aclocal", output[0])


if __name__ == "__main__":
    unittest.main()
