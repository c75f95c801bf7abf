"""A real SMTP server process (aiosmtpd) for the test run; what it receives is read back from
its Maildir with Python's email parser."""

from __future__ import annotations

import email
import email.policy
import mailbox
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the SMTP server stopped: {process.stderr.read()!r}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the SMTP server did not start listening")


class SmtpServer:
    def __init__(self, port: int, maildir: Path):
        self.port = port
        self.maildir = maildir

    def clear(self) -> None:
        for folder in ("new", "cur", "tmp"):
            for path in (self.maildir / folder).glob("*"):
                path.unlink()

    def messages(self) -> list[email.message.EmailMessage]:
        """Everything received, oldest first, parsed with the modern email policy."""
        paths = sorted((self.maildir / "new").glob("*"), key=lambda path: path.stat().st_mtime_ns)
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for path in paths
        ]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[email.message.EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(list((self.maildir / "new").glob("*"))) >= count:
                break
            time.sleep(0.05)
        return self.messages()


@pytest.fixture(scope="session")
def _smtp_process(tmp_path_factory):
    maildir = tmp_path_factory.mktemp("smtp") / "maildir"
    mailbox.Maildir(str(maildir), create=True)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        _wait_until_listening(port, process)
        yield SmtpServer(port, maildir)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def smtp(_smtp_process, settings):
    """Mail goes over SMTP to the real server process for this test."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _smtp_process.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://portal.example.org"
    _smtp_process.clear()
    yield _smtp_process
    _smtp_process.clear()
