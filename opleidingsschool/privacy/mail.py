"""The privacy module's one mail. Kept in this one function so that it can leave through
the notifications outbox (opleidingsschool/notifications/) once that exists."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from opleidingsschool.models import DataExport


def send_export_ready(*, data_export: DataExport, url: str) -> None:
    """Tell the person their export is ready, with the signed link and until when it works,
    in their language."""
    user = data_export.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "url": url, "hours": settings.PRIVACY_EXPORT_LINK_HOURS,
                   "PORTAL_NAME": settings.PORTAL_NAME}
        subject = render_to_string("emails/privacy_export_subject.txt", context).strip()
        body = render_to_string("emails/privacy_export_body.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
