"""The privacy module's one mail, sent through the outbox (opleidingsschool/notifications/):
"dataexport:<id>", kind "ready". The signed download link is made when the mail is sent, so
its hours count from then. Asked for by the person: it has no unsubscribe."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import DataExport, ExportStatus, Herinnering, SkipReason
from opleidingsschool.notifications import outbox
from opleidingsschool.notifications.registry import Due, Source
from opleidingsschool.notifications.render import render_mail

PREFIX = "dataexport"


def send_export_ready(*, data_export: DataExport) -> None:
    """Tell the person their export is ready, with the signed link and until when it works,
    in their language (once the transaction commits)."""
    outbox.notify([Due(f"{PREFIX}:{data_export.pk}", data_export.user_id, "ready")])


def build(*, rows: list[Herinnering]) -> dict[int, object]:
    from .services import download_url

    exports = DataExport.objects.in_bulk({int(row.subject_key.split(":", 1)[1]) for row in rows})
    result: dict[int, object] = {}
    for row in rows:
        data_export = exports.get(int(row.subject_key.split(":", 1)[1]))
        if data_export is None or data_export.status != ExportStatus.READY:
            result[row.pk] = SkipReason.GONE
            continue
        result[row.pk] = render_mail(
            template="privacy_export", recipient=row.user,
            context={"url": f"{settings.SITE_URL}{download_url(data_export)}",
                     "hours": settings.PRIVACY_EXPORT_LINK_HOURS, "PORTAL_NAME": settings.PORTAL_NAME},
        )
    return result


SOURCE = Source(prefix=PREFIX, build=build, label=lambda kind: str(_("Your data is ready")))
