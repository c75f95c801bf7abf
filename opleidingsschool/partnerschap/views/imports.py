"""Importing and exporting the students, staff and placements lists (issue 11): upload,
preview, confirm, invite; the template and the export in the same columns. One set of views;
each list names its importer (`kind`), its model and its texts (`ListTexts`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.generic import FormView, TemplateView, View

from ...imports import services as imports
from ...imports import tables
from ...models import ImportKind, Medewerker, Stage, Student
from .. import forms, selectors
from .base import CoordinatorMixin, FormPageMixin

__all__ = [
    "MedewerkerExport", "MedewerkerImport", "MedewerkerImportPreview", "MedewerkerImportResult",
    "MedewerkerImportTemplate", "StageExport", "StageImport", "StageImportPreview",
    "StageImportResult", "StageImportTemplate", "StudentExport", "StudentImport",
    "StudentImportPreview", "StudentImportResult", "StudentImportTemplate",
]

FORMATS = ("csv", "xlsx")


def _download(data, *, fmt: str, name: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(tables.render(data, fmt), content_type=tables.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@dataclass(frozen=True)
class ListTexts:
    """What the import pages say about one list (lazily translated)."""

    heading: str
    intro: str
    confirm_note: str
    back: str
    file_title: str  # the sheet's title and the start of the downloads' names
    template_name: str
    # Lists that create accounts: the result page's invitations (ngettext pairs).
    invite_heading: str = ""
    invited_on: str = ""  # with %(when)s
    waiting: str = ""  # plural by %(counter)s
    sent: str = ""  # plural by %(count)s


STUDENT_TEXTS = ListTexts(
    heading=gettext_lazy("Import students"),
    intro=gettext_lazy(
        "Upload the list of students. You first see what the file would change, row by row; "
        "nothing is saved until you confirm."),
    confirm_note=gettext_lazy(
        "Nothing has been saved yet. Importing saves every row below at once; new students "
        "are not mailed until you choose to invite them."),
    back=gettext_lazy("Back to the students"),
    file_title=gettext_lazy("students"),
    template_name=gettext_lazy("students-template"),
    invite_heading=gettext_lazy("Invite the new students"),
    invited_on=gettext_lazy("The new students were invited on %(when)s."),
    waiting=ngettext_lazy(
        "%(counter)s new student has no invitation yet. The invitation has a link to choose a "
        "password; each person gets one, however often you press the button.",
        "%(counter)s new students have no invitation yet. The invitation has a link to choose "
        "a password; each person gets one, however often you press the button.", "counter"),
    sent=ngettext_lazy("An invitation has been sent to %(count)s new student.",
                       "Invitations have been sent to %(count)s new students.", "count"),
)
STAFF_TEXTS = ListTexts(
    heading=gettext_lazy("Import staff members"),
    intro=gettext_lazy(
        "Upload the list of staff members. You first see what the file would change, row by "
        "row; nothing is saved until you confirm."),
    confirm_note=gettext_lazy(
        "Nothing has been saved yet. Importing saves every row below at once; new staff "
        "members are not mailed until you choose to invite them."),
    back=gettext_lazy("Back to the staff members"),
    file_title=gettext_lazy("staff members"),
    template_name=gettext_lazy("staff-members-template"),
    invite_heading=gettext_lazy("Invite the new staff members"),
    invited_on=gettext_lazy("The new staff members were invited on %(when)s."),
    waiting=ngettext_lazy(
        "%(counter)s new staff member has no invitation yet. The invitation has a link to "
        "choose a password; each person gets one, however often you press the button.",
        "%(counter)s new staff members have no invitation yet. The invitation has a link to "
        "choose a password; each person gets one, however often you press the button.", "counter"),
    sent=ngettext_lazy("An invitation has been sent to %(count)s new staff member.",
                       "Invitations have been sent to %(count)s new staff members.", "count"),
)
PLACEMENT_TEXTS = ListTexts(
    heading=gettext_lazy("Import placements"),
    intro=gettext_lazy(
        "Upload the list of placements. You first see what the file would change, row by "
        "row; nothing is saved until you confirm. The students and staff members must be in "
        "the portal already."),
    confirm_note=gettext_lazy(
        "Nothing has been saved yet. Importing saves every row below at once, each placement "
        "with its triangle, as the placement form does."),
    back=gettext_lazy("Back to the placements"),
    file_title=gettext_lazy("placements"),
    template_name=gettext_lazy("placements-template"),
)


class ImportMixin(CoordinatorMixin):
    model = Student
    kind = ImportKind.STUDENTEN
    texts = STUDENT_TEXTS

    @property
    def importer(self):
        return imports.IMPORTERS[self.kind]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("texts", self.texts)
        kwargs.setdefault("columns", self.importer.columns)
        return super().get_context_data(**kwargs)

    def url_for(self, action: str, **kwargs) -> str:
        if not kwargs:
            return super().url_for(action)
        return reverse(f"{self.namespace}:{self.model._meta.model_name}_{action}", kwargs=kwargs)


class ListImport(ImportMixin, FormPageMixin, FormView):
    """The upload: a file that cannot be read as a whole is refused on this page; a readable
    one goes to its preview, with nothing written yet."""

    template_name = "partnerschap/import_upload.html"
    form_class = forms.ImportUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.texts.heading,
            template_xlsx_url=self.url_for("import_template", fmt="xlsx"),
            template_csv_url=self.url_for("import_template", fmt="csv"),
            export_url=self.url_for("export", fmt="xlsx"), **kwargs)

    def form_valid(self, form):
        try:
            batch = imports.upload_batch(
                kind=self.kind, upload=form.cleaned_data["file"], by=self.request.user,
                partnerschap=self.partnerschap)
        except tables.TableError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return redirect(batch.get_absolute_url())


class BatchMixin(ImportMixin):
    def load_object(self):
        self.batch = get_object_or_404(
            selectors.import_batches(
                user=self.request.user, kind=self.kind, partnerschap=self.partnerschap),
            uuid=self.kwargs["uuid"])


class ImportPreview(BatchMixin, TemplateView):
    """What the file would change, row by row; POST writes it all (or nothing)."""

    template_name = "partnerschap/import_preview.html"
    heading = gettext_lazy("Check the import")

    def get(self, request, *args, **kwargs):
        if self.batch.applied_at:
            return redirect(self.batch.get_absolute_url())
        if self.batch.is_running:
            # A worker writes it: the progress, refreshed every few seconds, not the rows.
            total = len(self.batch.rows)
            return self.render_to_response(super().get_context_data(
                batch=self.batch, running=True, total=total,
                done=min(imports.progress_of(self.batch), total)))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            if imports.in_background(self.batch):
                imports.queue_batch(batch=self.batch)
                return redirect(self.batch.get_absolute_url())
            batch = imports.confirm_batch(batch=self.batch)
        except imports.ImportRefused as error:
            return self.render_to_response(self.get_context_data(refused=str(error)))
        result = batch.result
        messages.success(request, _(
            "The file has been imported: %(new)s new, %(changed)s changed, %(unchanged)s "
            "unchanged.") % result)
        return redirect(batch.get_absolute_url())

    def get_context_data(self, **kwargs):
        preview = imports.preview_batch(batch=self.batch)
        columns = self.importer.columns
        rows = [
            {"preview": row, "cells": [
                {"value": row.cells[c.field], "error": row.errors.get(c.field),
                 "changed": c.field in row.changed, "old": row.old.get(c.field, ""),
                 "header": c.header}
                for c in columns],
             "changed_headers": [c.header for c in columns if c.field in row.changed]}
            for row in preview.rows
        ]
        kwargs.setdefault("refused", self.batch.refused)  # by the worker, nothing written
        return super().get_context_data(
            batch=self.batch, preview=preview, columns=columns,
            error_rows=[r for r in rows if r["preview"].status == "error"],
            change_rows=[r for r in rows if r["preview"].status in ("new", "changed")],
            unchanged_rows=[r for r in rows if r["preview"].status == "unchanged"],
            can_confirm=not preview.has_errors and preview.has_changes
            and not self.batch.is_expired,
            upload_url=self.url_for("import"), **kwargs)


class ImportResult(BatchMixin, TemplateView):
    """After the import: what it did, and the invitations to the new people (once)."""

    template_name = "partnerschap/import_result.html"
    heading = gettext_lazy("Import done")

    def get(self, request, *args, **kwargs):
        if not self.batch.applied_at:
            return redirect(self.batch.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.batch.applied_at:
            return redirect(self.batch.get_absolute_url())
        sent = imports.invite_batch(batch=self.batch)
        if sent:
            messages.success(request, self.texts.sent % {"count": sent})
        else:
            messages.info(request, _("Everyone from this import has been invited already."))
        return redirect(self.batch.get_absolute_url())

    def get_context_data(self, **kwargs):
        invitable = list(imports.invitable(self.batch)) if not self.batch.invited_at else []
        texts = self.texts
        return super().get_context_data(
            batch=self.batch, result=self.batch.result, invitable=invitable,
            acceptance=imports.acceptance(self.batch)
            if self.batch.invited_at and self.importer.creates_people else None,
            creates_people=self.importer.creates_people,
            invited_on=texts.invited_on % {
                "when": date_format(timezone.localtime(self.batch.invited_at), "j F Y, H:i")}
            if self.batch.invited_at else "",
            waiting=texts.waiting % {"counter": len(invitable)}
            if invitable else "",
            **kwargs)


class ImportTemplate(ImportMixin, View):
    """An empty list in the import's columns, with one example row."""

    def get(self, request, fmt):
        data = tables.dataset(self.importer.headers, self.importer.template_rows(),
                              title=str(self.texts.file_title))
        return _download(data, fmt=fmt, name=str(self.texts.template_name))


class ListExport(ImportMixin, View):
    """The partnership's whole list in the import's columns: importing it again changes
    nothing."""

    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        data = tables.dataset(self.importer.headers,
                              self.importer.export_rows(partnerschap=self.partnerschap),
                              title=str(self.texts.file_title))
        name = f"{self.texts.file_title}-{timezone.localdate():%Y-%m-%d}".replace(" ", "-")
        return _download(data, fmt=fmt, name=name)


# --- The lists -----------------------------------------------------------------------------


class StudentImport(ListImport):
    pass


class StudentImportPreview(ImportPreview):
    pass


class StudentImportResult(ImportResult):
    pass


class StudentImportTemplate(ImportTemplate):
    pass


class StudentExport(ListExport):
    pass


class StaffMixin:
    model = Medewerker
    kind = ImportKind.MEDEWERKERS
    texts = STAFF_TEXTS


class MedewerkerImport(StaffMixin, ListImport):
    pass


class MedewerkerImportPreview(StaffMixin, ImportPreview):
    pass


class MedewerkerImportResult(StaffMixin, ImportResult):
    pass


class MedewerkerImportTemplate(StaffMixin, ImportTemplate):
    pass


class MedewerkerExport(StaffMixin, ListExport):
    pass


class PlacementMixin:
    model = Stage
    kind = ImportKind.STAGES
    texts = PLACEMENT_TEXTS


class StageImport(PlacementMixin, ListImport):
    pass


class StageImportPreview(PlacementMixin, ImportPreview):
    pass


class StageImportResult(PlacementMixin, ImportResult):
    pass


class StageImportTemplate(PlacementMixin, ImportTemplate):
    pass


class StageExport(PlacementMixin, ListExport):
    pass
