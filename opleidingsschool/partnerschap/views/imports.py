"""Importing and exporting the students list (issue 11): upload, preview, confirm, invite;
the template and the export in the same columns. Staff and placements will reuse these
views with their own importer (`kind`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from ...imports import services as imports
from ...imports import tables
from ...models import ImportKind, Student
from .. import forms, selectors
from .base import CoordinatorMixin, FormPageMixin

__all__ = ["StudentExport", "StudentImport", "StudentImportPreview", "StudentImportResult",
           "StudentImportTemplate"]

FORMATS = ("csv", "xlsx")


def _download(data, *, fmt: str, name: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(tables.render(data, fmt), content_type=tables.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class ImportMixin(CoordinatorMixin):
    model = Student
    kind = ImportKind.STUDENTEN

    @property
    def importer(self):
        return imports.IMPORTERS[self.kind]


class StudentImport(ImportMixin, FormPageMixin, FormView):
    """The upload: a file that cannot be read as a whole is refused on this page; a readable
    one goes to its preview, with nothing written yet."""

    template_name = "partnerschap/import_upload.html"
    form_class = forms.ImportUploadForm
    heading = gettext_lazy("Import students")

    def form_valid(self, form):
        try:
            batch = imports.upload_batch(
                kind=self.kind, upload=form.cleaned_data["file"], by=self.request.user)
        except tables.TableError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return redirect(batch.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=self.importer.columns, **kwargs)


class BatchMixin(ImportMixin):
    def load_object(self):
        self.batch = get_object_or_404(
            selectors.import_batches(user=self.request.user, kind=self.kind),
            uuid=self.kwargs["uuid"])


class StudentImportPreview(BatchMixin, TemplateView):
    """What the file would change, row by row; POST writes it all (or nothing)."""

    template_name = "partnerschap/import_preview.html"
    heading = gettext_lazy("Check the import")

    def get(self, request, *args, **kwargs):
        if self.batch.applied_at:
            return redirect(self.batch.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
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
        return super().get_context_data(
            batch=self.batch, preview=preview, columns=columns,
            error_rows=[r for r in rows if r["preview"].status == "error"],
            change_rows=[r for r in rows if r["preview"].status in ("new", "changed")],
            unchanged_rows=[r for r in rows if r["preview"].status == "unchanged"],
            can_confirm=not preview.has_errors and preview.has_changes
            and not self.batch.is_expired,
            upload_url=self.url_for("import"), **kwargs)


class StudentImportResult(BatchMixin, TemplateView):
    """After the import: what it did, and the invitations to the new students (once)."""

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
            messages.success(request, ngettext(
                "An invitation has been sent to %(count)s new student.",
                "Invitations have been sent to %(count)s new students.", sent) % {"count": sent})
        else:
            messages.info(request, _("Everyone from this import has been invited already."))
        return redirect(self.batch.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            batch=self.batch, result=self.batch.result,
            invitable=list(imports.invitable(self.batch)) if not self.batch.invited_at else [],
            **kwargs)


class StudentImportTemplate(ImportMixin, View):
    """An empty list in the import's columns, with one example row."""

    def get(self, request, fmt):
        data = tables.dataset(self.importer.headers, self.importer.template_rows(),
                              title=_("students"))
        return _download(data, fmt=fmt, name=_("students-template"))


class StudentExport(ImportMixin, View):
    """Every student in the import's columns: importing it again changes nothing."""

    def get(self, request, fmt):
        data = tables.dataset(self.importer.headers, self.importer.export_rows(),
                              title=_("students"))
        name = f"{_('students')}-{timezone.localdate():%Y-%m-%d}"
        return _download(data, fmt=fmt, name=name)
