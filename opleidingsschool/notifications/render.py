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
from django.utils.html import escape

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


def _parts(template: str, recipient, context: dict, stop_url: str) -> dict[str, str]:
    """Subject, text body, footer and HTML of a mail, in the recipient's language."""
    preferences_url = f"{settings.SITE_URL}{reverse('bijeenkomsten:preferences')}"
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
    return {"subject": subject, "body": body, "footer": footer, "html": html}


def _message(parts: dict[str, str], recipient, stop_url: str, reply_to=None,
             attachments: Iterable[tuple[str, bytes, str]] = ()) -> OutboxMessage:
    headers = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
    if stop_url:
        headers["List-Unsubscribe"] = f"<{stop_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = OutboxMessage(
        subject=parts["subject"],
        body=f"{parts['body']}\n-- \n{parts['footer']}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        reply_to=[formataddr((str(reply_to), reply_to.email))] if reply_to is not None else None,
        headers=headers,
    )
    message.attach_alternative(parts["html"], "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


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
    stop_url = unsubscribe_url(user_id=recipient.pk, field=preference) if preference else ""
    return _message(_parts(template, recipient, context, stop_url), recipient, stop_url,
                    reply_to=reply_to, attachments=attachments)


# --- One mail to many ---------------------------------------------------------------------------

_MARK = "\ue000"


class _StandIn:
    """A recipient whose every printed value is a marker: the mail is rendered once per
    language with it, and each person's own values are put in its place."""

    pk = id = None

    def __init__(self, language: str):
        self.language = language

    first_name = f"{_MARK}first{_MARK}"
    last_name = f"{_MARK}last{_MARK}"
    email = f"{_MARK}email{_MARK}"

    def get_short_name(self) -> str:
        return f"{_MARK}short{_MARK}"

    def get_full_name(self) -> str:
        return f"{_MARK}full{_MARK}"

    def __str__(self) -> str:
        return self.get_full_name()


_STOP = f"{_MARK}stop{_MARK}"


def render_mails(*, template: str, recipients, context: dict,
                 preference: str | None = None) -> dict[int, EmailMultiAlternatives]:
    """The same mail to many people (a session reminder): per user id the message that
    `render_mail` would make for them, rendered once per language instead of once per
    person. Only for templates that print no more of the recipient than their names and
    e-mail address (tests/notifications/test_render.py compares the two)."""
    by_language: dict[str, list] = {}
    for person in recipients:
        by_language.setdefault(person.language or settings.LANGUAGE_CODE, []).append(person)
    messages = {}
    for language, people in by_language.items():
        shape = _parts(template, _StandIn(language), context, _STOP if preference else "")
        for person in people:
            stop_url = unsubscribe_url(user_id=person.pk, field=preference) if preference else ""
            values = {
                f"{_MARK}first{_MARK}": person.first_name, f"{_MARK}last{_MARK}": person.last_name,
                f"{_MARK}email{_MARK}": person.email, f"{_MARK}short{_MARK}": person.get_short_name(),
                f"{_MARK}full{_MARK}": person.get_full_name(), _STOP: stop_url,
            }
            parts = {}
            for name, text in shape.items():
                for marker, value in values.items():
                    if marker in text:
                        text = text.replace(marker, escape(value) if name == "html" else value)
                parts[name] = text
            messages[person.pk] = _message(parts, person, stop_url)
    return messages
