"""The reminder engine moved to the outbox (opleidingsschool.notifications.outbox); this name
stays for callers that knew it here."""

from opleidingsschool.notifications.outbox import (  # noqa: F401
    batches,
    claim,
    claim_batch,
    deliver,
    deliver_one,
    message_domain,
    record,
    sweep,
    to_send,
)
