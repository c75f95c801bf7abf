"""Assignments, submissions, feedback and files."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opleidingsschool.permissions import coordinator_required

from .. import forms, selectors, services
from ..models import InleveringStatus, Leerwerktaak
from ..permissions import (
    can_edit_inlevering,
    can_review,
    is_member,
    managed_partnerschap,
)
from ..reads import record_bestand_read
from ._common import (
    _filters,
    _page,
    _render,
    curriculum_required,
)

# Assignments, submissions and files -------------------------------------------------------


@coordinator_required
def toewijzing_create(request, uuid):
    """A coordinator assigns their own partnership's task to its students."""
    leerwerktaak = get_object_or_404(
        Leerwerktaak.objects.active().filter(partnerschap=managed_partnerschap(request.user)),
        uuid=uuid)
    form = forms.ToewijzingForm(request.POST or None, leerwerktaak=leerwerktaak)
    if request.method == "POST" and form.is_valid():
        try:
            toewijzingen = services.assign_leerwerktaak(
                leerwerktaak=leerwerktaak, students=list(form.cleaned_data["students"]),
                due_date=form.cleaned_data["due_date"], by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = ", ".join(str(s) for t in toewijzingen for s in t.students.all())
            messages.success(request, _("‘%(title)s’ assigned to %(names)s.") % {
                "title": leerwerktaak, "names": names})
            return redirect(leerwerktaak)
    return _render(
        request, "leerwerktaken/toewijzing_form.html",
        {"form": form, "leerwerktaak": leerwerktaak},
        tab="leerwerktaken",
    )


@curriculum_required
def toewijzing_list(request):
    form = forms.ToewijzingFilterForm(request.GET or None)
    filters = _filters(form)
    toewijzingen = selectors.toewijzingen_for_list(
        request.user, status=filters.get("status") or "", query=filters.get("q") or "")
    is_student = hasattr(request.user, "student")
    return _render(
        request, "leerwerktaken/toewijzing_list.html",
        {"page": _page(request, toewijzingen), "form": form, "is_student": is_student,
         "is_filtered": any(filters.values()) if filters else False},
        tab="opdrachten",
    )


def _toewijzing(request, uuid):
    return get_object_or_404(selectors.toewijzing_detail_queryset(request.user), uuid=uuid)


@curriculum_required
@require_http_methods(["GET", "POST"])
def toewijzing_detail(request, uuid):
    toewijzing = _toewijzing(request, uuid)
    inlevering = toewijzing.inlevering
    may_edit = can_edit_inlevering(request.user, inlevering)
    form = None
    if may_edit:
        form = forms.InleveringForm(request.POST or None, request.FILES or None,
                                    initial={"text": inlevering.text})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_inlevering(inlevering=inlevering, text=form.cleaned_data["text"],
                                         files=form.cleaned_data["files"], by=request.user)
                if request.POST.get("action") == "hand_in":
                    versie = services.hand_in(inlevering=inlevering, by=request.user)
                    messages.success(request, _(
                        "‘%(title)s’ handed in (version %(number)s). Your mentors can now give "
                        "feedback.") % {"title": toewijzing.leerwerktaak, "number": versie.number})
                else:
                    messages.success(request, _("Your work on ‘%(title)s’ has been saved.") % {
                        "title": toewijzing.leerwerktaak})
                return redirect(toewijzing)
            except ValidationError as error:
                form.add_error(None, error)
    return _render(
        request, "leerwerktaken/toewijzing_detail.html",
        {
            "toewijzing": toewijzing,
            "inlevering": inlevering,
            "form": form,
            "can_review": can_review(request.user, toewijzing),
            "is_member": is_member(request.user, toewijzing),
            "statuses": InleveringStatus,
        },
        tab="opdrachten",
    )


@curriculum_required
def feedback_create(request, uuid):
    toewijzing = _toewijzing(request, uuid)
    if not can_review(request.user, toewijzing):
        raise PermissionDenied
    inlevering = toewijzing.inlevering
    form = forms.FeedbackForm(request.POST or None,
                              criteria=toewijzing.leerwerktaak.criteria_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(inlevering=inlevering, by=request.user,
                                   text=form.cleaned_data["text"], regels=form.regels())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Feedback on ‘%(title)s’ saved.") % {
                "title": toewijzing.leerwerktaak})
            return redirect(toewijzing)
    return _render(
        request, "leerwerktaken/feedback_form.html",
        {"form": form, "toewijzing": toewijzing, "inlevering": inlevering},
        tab="opdrachten",
    )


@curriculum_required
def toewijzing_complete(request, uuid):
    toewijzing = _toewijzing(request, uuid)
    if not can_review(request.user, toewijzing):
        raise PermissionDenied
    inlevering = toewijzing.inlevering
    form = forms.CompleteForm(
        request.POST or None, partnerschap_id=toewijzing.leerwerktaak.partnerschap_id,
        initial={"leeruitkomsten": list(toewijzing.leerwerktaak.leeruitkomsten.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_inlevering(inlevering=inlevering, by=request.user,
                                         leeruitkomsten=form.cleaned_data["leeruitkomsten"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("‘%(title)s’ completed.") % {
                "title": toewijzing.leerwerktaak})
            return redirect(toewijzing)
    return _render(
        request, "leerwerktaken/toewijzing_complete.html",
        {"form": form, "toewijzing": toewijzing, "inlevering": inlevering},
        tab="opdrachten",
    )


@curriculum_required
def bestand_download(request, uuid):
    bestand = get_object_or_404(selectors.bestanden_for(request.user), uuid=uuid)
    content_type = mimetypes.guess_type(bestand.original_name)[0] or "application/octet-stream"
    try:
        handle = bestand.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_bestand_read(request.user, bestand)  # issue 13: who read it
    response = FileResponse(handle, as_attachment=True, filename=bestand.original_name,
                            content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@curriculum_required
def bestand_delete(request, uuid):
    bestand = get_object_or_404(
        selectors.bestanden_for(request.user).select_related("inlevering__toewijzing"), uuid=uuid)
    toewijzing = bestand.inlevering.toewijzing
    if request.method != "POST":
        return redirect(toewijzing)
    if not can_edit_inlevering(request.user, bestand.inlevering):
        raise PermissionDenied
    try:
        services.delete_bestand(bestand=bestand, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File ‘%(name)s’ removed.") % {"name": bestand.original_name})
    return redirect(toewijzing)
