"""The code an authenticator app shows, read far enough from the end of its 30 seconds.

allauth accepts only the current period's code (MFA_TOTP_TOLERANCE is 0), so a code read a
moment before the period turns is refused when the request arrives in the next one. On a
loaded machine that moment is long enough to make a test fail now and then; a person would
simply type the next code. These helpers wait for the next period when too little is left.
"""

import time

import pyotp

PERIOD = 30


def current_code(secret: str, margin: float = 5.0) -> str:
    """The app's code now, with at least `margin` seconds of its period left."""
    left = PERIOD - time.time() % PERIOD
    if left < margin:
        time.sleep(left + 0.05)
    return pyotp.TOTP(secret).now()


def wrong_code(secret: str) -> str:
    """A code of the right shape that is not the current one."""
    return f"{(int(pyotp.TOTP(secret).now()) + 1) % 1_000_000:06d}"
