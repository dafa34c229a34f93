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


def nginx_conf(work, nginx_dir, listen, server_name="localhost", top=""):
    """An nginx.conf around the installed include (NGINX_DIR/passwd.conf and
    its log format passwd-http.conf) that writes only under WORK, with one
    server on 127.0.0.1:LISTEN; TOP goes before everything else."""
    return """{top}pid {w}/nginx.pid;
error_log {w}/nginx-error.log;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {w}/body;
    fastcgi_temp_path {w}/fastcgi;
    proxy_temp_path {w}/proxy;
    scgi_temp_path {w}/scgi;
    uwsgi_temp_path {w}/uwsgi;
    include {nginx}/passwd-http.conf;
    server {{
        listen 127.0.0.1:{listen};
        server_name {name};
        include {nginx}/passwd.conf;
    }}
}}
""".format(top=top, w=work, nginx=nginx_dir, listen=listen, name=server_name)


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
