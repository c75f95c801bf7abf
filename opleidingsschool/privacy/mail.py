"""The privacy module's one mail, "your data export is ready", sent through the outbox
(opleidingsschool/notifications/) as source "export": subject "export:<DataExport id>", kind
"ready". A mail the person asked for: it has no unsubscribe link."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import DataExport, ExportStatus, Herinnering, SkipReason
from opleidingsschool.notifications import outbox
from opleidingsschool.notifications.registry import Due, Source
from opleidingsschool.notifications.render import render_mail

PREFIX = "export"


def send_export_ready(*, data_export: DataExport) -> None:
    """Record the mail once; the outbox sends it after the commit."""
    outbox.notify([Due(f"{PREFIX}:{data_export.pk}", data_export.user_id, "ready")])


def build(*, rows: list[Herinnering]) -> dict[int, object]:
    """One query: the exports of the batch. The link is signed when the mail is built and
    works for PRIVACY_EXPORT_LINK_HOURS from then; an export gone or not ready is skipped."""
    from .services import download_url

    ids = {int(row.subject_key.split(":", 1)[1]) for row in rows}
    exports = DataExport.objects.filter(pk__in=ids, status=ExportStatus.READY).in_bulk()
    mails: dict[int, object] = {}
    for row in rows:
        data_export = exports.get(int(row.subject_key.split(":", 1)[1]))
        if data_export is None or data_export.user_id != row.user_id:
            mails[row.pk] = SkipReason.GONE
            continue
        mails[row.pk] = render_mail(
            template="privacy_export", recipient=row.user,
            context={"url": f"{settings.SITE_URL}{download_url(data_export)}",
                     "hours": settings.PRIVACY_EXPORT_LINK_HOURS},
        )
    return mails


SOURCE = Source(prefix=PREFIX, build=build, label=lambda kind: str(_("Data export ready")))
