"""Writes of the privacy module: asking for an export and building it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from opleidingsschool.models import DataExport, ExportStatus, User

from . import export

SIGNING_SALT = "opleidingsschool.privacy.export"


def export_link_max_age() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.PRIVACY_EXPORT_LINK_HOURS)


def download_token(data_export: DataExport) -> str:
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(data_export.uuid))


def export_for_token(token: str, *, user) -> DataExport | None:
    """The user's ready export behind a signed link that has not expired, else None.
    Raises signing.SignatureExpired for a genuine link past its time."""
    try:
        value = signing.TimestampSigner(salt=SIGNING_SALT).unsign(
            token, max_age=export_link_max_age())
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        return None
    return DataExport.objects.filter(
        uuid=value, user=user, status=ExportStatus.READY).first()


def download_url(data_export: DataExport) -> str:
    return reverse("privacy:export_download", args=[download_token(data_export)])


def render_dossier(user: User, data: dict | None = None) -> str:
    """The printable dossier (HTML) of everything about `user`, in their language."""
    data = data or export.collect(user)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return render_to_string("privacy/dossier.html", {
            "person": user, "data": data, "sections": export.dossier_sections(data),
            "standalone": True,
        })


@transaction.atomic
def request_export(*, user: User) -> DataExport:
    """Ask for a zip of everything; a task builds it and mails a link once the commit
    succeeds. A request still being prepared is reused, not doubled."""
    pending = DataExport.objects.filter(user=user, status=ExportStatus.PENDING).first()
    if pending is not None:
        return pending
    data_export = DataExport.objects.create(user=user)
    from .tasks import task_build_export

    transaction.on_commit(lambda: task_build_export.delay(export_id=data_export.pk))
    return data_export


def build_export(*, data_export: DataExport, mail: bool = True) -> DataExport:
    """Build the zip (data.json, dossier.html, files), mark it ready, mail the link (not
    for the demo, which sends nothing)."""
    from .mail import send_export_ready

    user = data_export.user
    data = export.collect(user)
    content = export.build_zip(user, dossier_html=render_dossier(user, data))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    data_export.file.save(f"gegevens-{data_export.uuid}-{stamp}.zip", ContentFile(content),
                          save=False)
    data_export.status = ExportStatus.READY
    data_export.ready_at = timezone.now()
    data_export.save(update_fields=["file", "status", "ready_at"])
    if mail:
        send_export_ready(data_export=data_export)
    return data_export
