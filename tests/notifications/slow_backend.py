"""A mail backend for the tests with real workers: each mail takes a moment (a slow mail server)
and is then written as its own file, so a test can count what "arrived" and find duplicates.

FAIL_MAIL_EVERY=N makes the server misbehave on every Nth send of the process, before anything
is written (the mail did not arrive), in turn: it drops the connection, it refuses service
for now (421), it refuses the recipient for now (450)."""

import itertools
import os
import smtplib
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

_counter = itertools.count()
_sends = itertools.count(1)
_failures = itertools.count()


def _failure(message) -> smtplib.SMTPException:
    kind = next(_failures) % 3
    if kind == 0:
        return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    if kind == 1:
        return smtplib.SMTPResponseException(421, b"4.3.2 Service not available, try again later")
    return smtplib.SMTPRecipientsRefused(
        {address: (450, b"4.2.1 Mailbox busy, try again later") for address in message.recipients()}
    )


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        fail_every = int(os.environ.get("FAIL_MAIL_EVERY", "0"))
        for message in email_messages:
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.2")))
            if fail_every and next(_sends) % fail_every == 0:
                raise _failure(message)
            name = folder / f"{os.getpid()}-{time.monotonic_ns()}-{next(_counter)}.eml"
            name.with_suffix(".tmp").write_bytes(message.message().as_bytes())
            name.with_suffix(".tmp").rename(name)  # appears whole, or not at all
        return len(email_messages)
