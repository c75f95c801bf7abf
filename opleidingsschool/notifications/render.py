"""The one function that turns a template into a mail, in the recipient's language.

templates/emails/<name>_subject.txt and <name>_body.txt are required; <name>_body.html is
used when it exists, otherwise the HTML part is the text with its links made clickable.
Every mail gets the footer (why you get it, where to choose your mails), says it is automatic
(RFC 3834) and, when it can be turned off, carries a one-click List-Unsubscribe (RFC 8058).
"""

from __future__ import annotations

import email.policy
import zoneinfo
from collections.abc import Iterable
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .unsubscribe import unsubscribe_url

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class OutboxMessage(EmailMultiAlternatives):
    """Folds its subject the modern way: Django's (compat32) encoding of a long non-ASCII
    subject starts it on a continuation line, which mail programs show with a leading space."""

    def message(self):
        msg = super().message()
        if "Subject" in msg:
            msg.replace_header("Subject", email.policy.SMTP.header_factory("Subject", str(self.subject)))
        return msg


def _text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping (a name like 't Hooft stays as it is)."""
    return render_to_string("emails/_text.txt", {**context, "template_name": name})


def _html_template(name: str):
    try:
        return get_template(f"emails/{name}_body.html")
    except TemplateDoesNotExist:
        return None


def render_mail(
    *,
    template: str,
    recipient,
    context: dict,
    preference: str | None = None,
    reply_to=None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> EmailMultiAlternatives:
    """Render templates/emails/<template>_* for `recipient` (a User) in their language and
    Amsterdam time. `preference` is the NotificatieVoorkeur field that turns this kind of
    mail off (None: a mail the person must get, without unsubscribe). `reply_to` is the User
    the mail is sent on behalf of: replies go to them, not to the portal."""
    preferences_url = f"{settings.SITE_URL}{reverse('bijeenkomsten:preferences')}"
    stop_url = unsubscribe_url(user_id=recipient.pk, field=preference) if preference else ""
    with translation.override(recipient.language or settings.LANGUAGE_CODE), timezone.override(
        AMSTERDAM
    ):
        context = {
            **context,
            "user": recipient,
            "recipient": recipient,
            "portal_name": settings.PORTAL_NAME,
            "site_url": settings.SITE_URL,
            "preferences_url": preferences_url,
            "unsubscribe_url": stop_url,
        }
        subject = " ".join(_text(f"emails/{template}_subject.txt", context).split())
        body = _text(f"emails/{template}_body.txt", context).strip() + "\n"
        footer = _text("emails/_footer.txt", context).strip()
        html_template = _html_template(template)
        html_body = html_template.render(context) if html_template else None
        html = render_to_string(
            "emails/_base.html",
            {**context, "subject": subject, "text": body, "html_body": html_body, "footer": footer},
        )
    headers = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
    if stop_url:
        headers["List-Unsubscribe"] = f"<{stop_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = OutboxMessage(
        subject=subject,
        body=f"{body}\n-- \n{footer}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        reply_to=[formataddr((str(reply_to), reply_to.email))] if reply_to is not None else None,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
