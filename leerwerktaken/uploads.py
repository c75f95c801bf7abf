"""Limits for files handed in with a submission, and the one check that enforces them."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # bytes per file
MAX_FILES_PER_UPLOAD = 10
ALLOWED_EXTENSIONS = (
    "pdf", "doc", "docx", "odt", "rtf", "txt",
    "ppt", "pptx", "odp", "xls", "xlsx", "ods", "csv",
    "jpg", "jpeg", "png", "gif", "webp", "heic",
    "mp3", "m4a", "wav", "mp4", "mov", "webm",
)


def allowed_extensions_text() -> str:
    return ", ".join(ALLOWED_EXTENSIONS)


def validate_upload(upload) -> None:
    """Refuse an empty file, a file over MAX_UPLOAD_SIZE and a type outside
    ALLOWED_EXTENSIONS, with a message that names the file."""
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if not upload.size:
        raise ValidationError(
            _("The file ‘%(name)s’ is empty. Choose the file again or save it anew."),
            code="empty", params={"name": name},
        )
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file ‘%(name)s’ is %(size)s; files may be at most %(max)s."),
            code="too_big",
            params={"name": name, "size": filesizeformat(upload.size),
                    "max": f"{MAX_UPLOAD_SIZE // (1024 * 1024)} MB"},
        )
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("The file ‘%(name)s’ is of a type you cannot hand in. Allowed: %(allowed)s."),
            code="type", params={"name": name, "allowed": allowed_extensions_text()},
        )
