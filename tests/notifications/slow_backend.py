"""A mail backend for the worker-kill test: each mail takes a moment (a slow mail server) and
is then written as its own file, so a test can count what "arrived" and find duplicates."""

import itertools
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

_counter = itertools.count()


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        for message in email_messages:
            time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0.2")))
            name = folder / f"{os.getpid()}-{time.monotonic_ns()}-{next(_counter)}.eml"
            name.with_suffix(".tmp").write_bytes(message.message().as_bytes())
            name.with_suffix(".tmp").rename(name)  # appears whole, or not at all
        return len(email_messages)
