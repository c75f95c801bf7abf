"""Everything the portal holds about one person (issue 13, "the student's own data").

EXPORT names, per model, the ways a row belongs to the person: a lookup from the model to
their User, optionally narrowed (`only`) or with fields left out (`exclude`), e.g. a
triangle meeting's notes reach the student once they are shared, as on the portal's pages.
tests/privacy/test_export.py walks every model: one with a foreign key to User, Student,
Medewerker or Starter must have an entry here or in EXEMPT, with the reason.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import zipfile
from dataclasses import dataclass, field

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import FileField, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Source:
    """`path` leads from the model to the person's User (e.g. "student__user")."""

    path: str
    only: Q = field(default_factory=Q)
    exclude: tuple[str, ...] = ()


NOT_SHARED_NOTES = ("notes_progress", "notes_questions", "notes_agreements")
_STUDENT = "student__user"
_STAGE = "stage__student__user"
_SHARED = Q(shared_at__isnull=False)
_OWN_ITEM = Q(gesprek__isnull=True) | Q(gesprek__shared_at__isnull=False)

EXPORT: dict[str, list[Source]] = {
    "opleidingsschool.User": [Source("pk", exclude=("password",))],
    "opleidingsschool.Student": [Source("user")],
    "opleidingsschool.Medewerker": [Source("user")],
    "opleidingsschool.Starter": [Source("user")],
    "opleidingsschool.Stage": [Source(_STUDENT)],
    "opleidingsschool.Begeleider": [Source("medewerker__user"), Source(_STAGE)],
    "opleidingsschool.Reeks": [Source("created_by")],
    "opleidingsschool.Bijeenkomst": [Source("created_by")],
    "opleidingsschool.Aanmelding": [Source("user")],
    "opleidingsschool.Uitnodiging": [Source("medewerker__user"), Source("invited_by")],
    "opleidingsschool.KalenderFeed": [Source("user", exclude=("token",))],
    "opleidingsschool.Herinnering": [Source("user")],
    "opleidingsschool.NotificatieVoorkeur": [Source("user")],
    "opleidingsschool.Presentatie": [Source(_STUDENT)],
    "opleidingsschool.JuryLid": [Source("medewerker__user")],
    "opleidingsschool.ReadRecord": [Source("owner"), Source("reader")],
    "opleidingsschool.Professionalisering": [Source("medewerker__user")],
    "begeleiding.Leervraag": [Source(_STUDENT)],
    "begeleiding.Reactie": [Source("author"), Source("leervraag__student__user")],
    # A mentor who confirmed hours gets the date and hours, never the student's reflection.
    "begeleiding.Logregel": [
        Source(_STUDENT),
        Source("confirmed_by", exclude=("done", "learned", "leervraag", "visibility")),
    ],
    "begeleiding.Lesaanbod": [Source("medewerker__user")],
    "begeleiding.Lesbezoek": [Source(_STUDENT), Source("host__user", exclude=("observations",
                                                                               "reflection"))],
    "begeleiding.Klikcheck": [Source("begeleider__stage__student__user")],
    "begeleiding.Klikafspraak": [Source("klikcheck__begeleider__stage__student__user"),
                                 Source("author")],
    "begeleiding.Dagplan": [Source(_STUDENT)],
    # A note of thanks: its writer's, and the colleague's who reads it.
    "begeleiding.Bedankje": [Source(_STUDENT), Source("medewerker__user")],
    "begeleiding.Opleidingsteamlid": [Source("medewerker__user"), Source("added_by")],
    "begeleiding.Ontwikkelplan": [Source(_STUDENT)],
    "begeleiding.Ontwikkelpunt": [Source("ontwikkelplan__student__user")],
    # A lesson observation is the observer's while a draft, the observed student's once sent.
    "begeleiding.Lesobservatie": [Source("observer"), Source(_STUDENT, only=Q(sent_at__isnull=False))],
    "begeleiding.Observatiescore": [
        Source("lesobservatie__observer"),
        Source("lesobservatie__student__user", only=Q(lesobservatie__sent_at__isnull=False)),
    ],
    "leerwerktaken.Invulling": [Source("updated_by")],
    "leerwerktaken.Toewijzing": [Source("assigned_by"), Source("students__user")],
    "leerwerktaken.Inlevering": [Source("completed_by"), Source("toewijzing__students__user")],
    "leerwerktaken.InleveringVersie": [Source("handed_in_by"),
                                       Source("inlevering__toewijzing__students__user")],
    "leerwerktaken.Bestand": [Source("uploaded_by"),
                              Source("inlevering__toewijzing__students__user")],
    "leerwerktaken.Feedback": [Source("author"), Source("inlevering__toewijzing__students__user")],
    "driehoek.Driehoeksgesprek": [
        Source("created_by"), Source("notes_updated_by"), Source("shared_by"),
        Source(_STAGE, only=_SHARED),
        Source(_STAGE, only=~_SHARED, exclude=NOT_SHARED_NOTES),
        Source("deelnemers", exclude=NOT_SHARED_NOTES),
    ],
    "driehoek.Akkoord": [Source("user")],
    "driehoek.Addendum": [Source("author"), Source("gesprek__stage__student__user")],
    "driehoek.Wijziging": [Source("user")],
    "driehoek.Leerdoel": [Source("created_by"), Source(_STAGE, only=_OWN_ITEM)],
    "driehoek.Actiepunt": [Source("owner"), Source("done_by"), Source("created_by"),
                           Source(_STAGE, only=_OWN_ITEM)],
    "driehoek.Behoefte": [Source("created_by"), Source(_STAGE, only=_OWN_ITEM)],
    "driehoek.Tussenevaluatie": [Source("created_by"), Source(_STAGE, only=_SHARED)],
    "driehoek.Oordeel": [Source("tussenevaluatie__stage__student__user",
                                only=Q(tussenevaluatie__shared_at__isnull=False))],
    "account.EmailAddress": [Source("user")],
    # The identities linked for logging in (issue 12): provider, the stable id and the claims
    # the provider gave (institution, affiliation). The second factor: which kinds and when
    # used, never its secret or recovery codes.
    "socialaccount.SocialAccount": [Source("user")],
    "mfa.Authenticator": [Source("user", exclude=("data",))],
    "admin.LogEntry": [Source("user")],
}

EXEMPT: dict[str, str] = {
    "opleidingsschool.DataExport": "the exports themselves: the zip is the answer, not data",
    "opleidingsschool.ImportBatch": (
        "a coordinator's uploaded spreadsheet, deleted two days after the upload; what it "
        "imported is in the person's own records"
    ),
    "auditlog.LogEntry": (
        "the change history of records holds other people's data; the records themselves "
        "are exported, the history is given by the coordinator on request"
    ),
}


def _model(label: str):
    return apps.get_model(label)


def _rows(label: str, user) -> list[dict]:
    """The person's rows of one model: pk and fields, each once, fields of the sources
    that reach the row merged (a field left out by one source and given by another is
    given)."""
    model = _model(label)
    names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    m2m = [f.name for f in model._meta.many_to_many]
    rows: dict = {}
    for source in EXPORT[label]:
        lookup = Q(**{source.path: user.pk}) & source.only
        allowed = [name for name in names if name not in source.exclude]
        queryset = (model._default_manager.filter(lookup).distinct().order_by("pk")
                    .prefetch_related(*m2m))
        for obj in queryset:
            row = rows.setdefault(obj.pk, {"pk": obj.pk, "fields": {}})
            for name in allowed:
                field_obj = model._meta.get_field(name)
                value = field_obj.value_from_object(obj)
                if isinstance(field_obj, FileField):
                    value = value.name if value else ""
                row["fields"][name] = value
            for name in m2m:
                if name not in source.exclude:
                    row["fields"][name] = sorted(item.pk for item in getattr(obj, name).all())
    return [rows[pk] for pk in sorted(rows)]


def collect(user) -> dict:
    """Everything about `user`, in the documented JSON shape (docs/privacy-export.md)."""
    records = {}
    for label in EXPORT:
        rows = _rows(label, user)
        if rows:
            records[label] = rows
    return {
        "format": "opleidingsschool-export",
        "version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "person": {"id": user.pk, "email": user.email, "name": user.get_full_name()},
        "records": records,
        "files": files_of(user, records),
    }


def files_of(user, records: dict) -> list[dict]:
    """The uploaded files among the exported rows, with their path inside the zip."""
    files = []
    for label, rows in records.items():
        model = _model(label)
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, FileField) or label == "opleidingsschool.DataExport":
                continue
            for row in rows:
                name = row["fields"].get(model_field.name)
                if name:
                    files.append({
                        "record": f"{label}:{row['pk']}",
                        "path": f"files/{label}-{row['pk']}-{os.path.basename(name)}",
                        "storage_name": name,
                    })
    return files


def to_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


HIDDEN_IN_DOSSIER = {"uuid", "sequence", "notes_version"}


def _names_of_links(model, rows: list[dict]) -> dict[str, dict]:
    """Per link field, {id: readable name} of the rows it points to: one query per field."""
    names = {}
    for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if not model_field.is_relation:
            continue
        ids = set()
        for row in rows:
            value = row["fields"].get(model_field.name)
            ids.update(value if isinstance(value, list) else [value] if value else [])
        if ids:
            related = model_field.related_model._default_manager.in_bulk(ids)
            names[model_field.name] = {pk: str(obj) for pk, obj in related.items()}
    return names


def dossier_sections(data: dict) -> list[dict]:
    """The export as readable sections for the printable dossier: per model its plural
    name and per row the fields' names and values, links shown by name."""
    sections = []
    for label, rows in data["records"].items():
        model = _model(label)
        links = _names_of_links(model, rows)
        items = []
        for row in rows:
            pairs = []
            for name, value in row["fields"].items():
                model_field = model._meta.get_field(name)
                if value in ("", None, []) or name in HIDDEN_IN_DOSSIER:
                    continue
                if name in links:
                    values = value if isinstance(value, list) else [value]
                    value = ", ".join(links[name].get(item, str(item)) for item in values)
                elif getattr(model_field, "choices", None):
                    value = dict(model_field.flatchoices).get(value, value)
                elif isinstance(value, bool):
                    value = _("yes") if value else _("no")
                elif isinstance(value, datetime.datetime):
                    value = date_format(timezone.localtime(value), "DATETIME_FORMAT")
                elif isinstance(value, datetime.date):
                    value = date_format(value, "DATE_FORMAT")
                pairs.append((str(model_field.verbose_name), value))
            items.append({"pk": row["pk"], "fields": pairs})
        sections.append({"label": label, "title": str(model._meta.verbose_name_plural),
                         "items": items})
    return sections


def build_zip(user, *, dossier_html: str) -> bytes:
    """data.json, dossier.html and the person's files, in one zip."""
    from django.core.files.storage import default_storage

    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", to_json(data))
        archive.writestr("dossier.html", dossier_html)
        for item in data["files"]:
            try:
                with default_storage.open(item["storage_name"], "rb") as handle:
                    archive.writestr(item["path"], handle.read())
            except FileNotFoundError:
                continue
    return buffer.getvalue()
