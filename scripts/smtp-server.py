#!/usr/bin/python3
"""The development stack's mail catcher: an SMTP server that delivers nothing.

Every message it accepts is stored in a Maildir (var/mail/ for the stack) with
two headers in front, X-Envelope-From: and X-Envelope-To: (the MAIL FROM and
RCPT TO addresses), so tests can find the mail sent to one recipient. It takes
UTF-8 mail (SMTPUTF8, 8BITMIME), needs no authentication and offers no TLS.

Runs with Debian's /usr/bin/python3, which has python3-aiosmtpd. scripts/start
starts it; SIGTERM or SIGINT stops it and removes its pid file.
"""

import argparse
import asyncio
import logging
import mailbox
import os
import signal
import sys

from aiosmtpd.smtp import SMTP

log = logging.getLogger("smtp-server")


class MaildirHandler:
    """Stores each message of a finished DATA command in a Maildir."""

    def __init__(self, maildir_path):
        self._path = maildir_path
        self._ensure_folders()
        self._maildir = mailbox.Maildir(maildir_path, factory=None, create=False)

    def _ensure_folders(self):
        # Maildir(create=True) makes them only for a new top folder; a test
        # may also have emptied var/mail/ meanwhile.
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(self._path, sub), exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        content = content.replace(b"\r\n", b"\n")
        mail_from = envelope.mail_from or ""
        rcpt_tos = ", ".join(envelope.rcpt_tos)
        trace = ("X-Envelope-From: <%s>\nX-Envelope-To: %s\n"
                 % (mail_from, rcpt_tos)).encode("utf-8")
        try:
            self._ensure_folders()
            # Maildir writes to tmp/ and renames into new/: a reader never sees
            # half a message.
            key = self._maildir.add(trace + content)
        except OSError as e:
            log.error("could not store a message for %s: %s", rcpt_tos, e)
            return "451 Requested action aborted: local error in processing"
        log.info("stored %s from <%s> to %s (%d bytes)", key, mail_from,
                 rcpt_tos, len(content))
        return "250 Message accepted for delivery"


def write_pid_file(path):
    tmp = "%s.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % os.getpid())
    os.replace(tmp, path)


def remove_pid_file(path):
    try:
        with open(path) as f:
            if f.read().strip() != str(os.getpid()):
                return
        os.unlink(path)
    except OSError:
        pass


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = MaildirHandler(args.maildir)

    def factory():
        return SMTP(handler, enable_SMTPUTF8=True, decode_data=False,
                    hostname="localhost", ident="passwd dev mail catcher",
                    data_size_limit=args.max_size)

    server = await loop.create_server(factory, host=args.host, port=args.port,
                                      reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.pid_file:
        write_pid_file(args.pid_file)
    log.info("listening on %s:%d, storing mail in %s", args.host, args.port,
             args.maildir)
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        server.close()
        await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--pid-file")
    parser.add_argument("--max-size", type=int, default=10 * 1024 * 1024)
    args = parser.parse_args()
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO,
        format="%(asctime)s %(name)s[%(process)d] %(levelname)s %(message)s")
    # aiosmtpd logs every connection and command at INFO; keep warnings only.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    try:
        asyncio.run(serve(args))
    except OSError as e:
        log.error("cannot listen on %s:%d: %s", args.host, args.port, e)
        return 1
    finally:
        if args.pid_file:
            remove_pid_file(args.pid_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
