"""Learning-question pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.access import visible_students
from opleidingsschool.pagination import Paginator

from .. import permissions, selectors, services
from ..forms import (
    AnswerForm,
    LeervraagFilterForm,
    LeervraagForm,
    ReactieForm,
)
from ._common import (
    PAGE_SIZE,
    _add_errors,
    _is_uuid,
    _student_or_404,
)


@login_required
def leervraag_list(request):
    student = selectors.own_student(request.user)
    form = LeervraagFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    of_student = None
    if request.GET.get("student"):
        of_student = visible_students(request.user).select_related("user").filter(
            uuid=request.GET["student"]
        ).first() if _is_uuid(request.GET["student"]) else None
    leervragen = selectors.leervragen_page_source(
        request.user, query=filters.get("q") or "", status=filters.get("status") or "",
        student=of_student, archived=bool(filters.get("archived")),
    )
    page = Paginator(leervragen, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "begeleiding/leervraag_list.html", {
        "page": page, "form": form, "is_student": student is not None,
        "of_student": of_student,
        "is_filtered": bool(filters and any(filters.values())),
    })


@login_required
def leervraag_create(request):
    student = _student_or_404(request)
    form = LeervraagForm(request.POST or None, student=student,
                         initial={"expertises": request.GET.getlist("tag")})
    if request.method == "POST" and form.is_valid():
        leervraag = services.save_leervraag(student=student, **form.cleaned_data)
        messages.success(request, _("Learning question ‘%(title)s’ saved.") % {
            "title": leervraag.title})
        return redirect(leervraag)
    return render(request, "begeleiding/leervraag_form.html", {"form": form})


@login_required
def leervraag_detail(request, uuid):
    leervraag = get_object_or_404(selectors.leervraag_detail_queryset(request.user), uuid=uuid)
    can_edit = permissions.can_edit_leervraag(request.user, leervraag)
    return render(request, "begeleiding/leervraag_detail.html", {
        "leervraag": leervraag,
        "can_edit": can_edit,
        "timeline": selectors.timeline(request.user, leervraag),
        "suggestions": selectors.suggestions_for(leervraag, limit=3) if can_edit else [],
        "reactie_form": ReactieForm(),
    })


@login_required
def leervraag_edit(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    form = LeervraagForm.for_leervraag(leervraag, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_leervraag(student=leervraag.student, leervraag=leervraag,
                                **form.cleaned_data)
        messages.success(request, _("Learning question ‘%(title)s’ saved.") % {
            "title": leervraag.title})
        return redirect(leervraag)
    return render(request, "begeleiding/leervraag_form.html", {"form": form,
                                                               "leervraag": leervraag})


@login_required
@require_POST
def leervraag_start(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    services.start_leervraag(leervraag=leervraag)
    messages.success(request, _("You are working on ‘%(title)s’.") % {"title": leervraag.title})
    return redirect(leervraag)


@login_required
def leervraag_answer(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    form = AnswerForm(request.POST or None,
                      initial={"reflection": leervraag.closing_reflection})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_leervraag(leervraag=leervraag, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Learning question ‘%(title)s’ answered.") % {
                "title": leervraag.title})
            return redirect(leervraag)
    return render(request, "begeleiding/leervraag_answer.html", {"form": form,
                                                                 "leervraag": leervraag})


@login_required
@require_POST
def leervraag_archive(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    if not permissions.can_edit_leervraag(request.user, leervraag):
        raise PermissionDenied
    archived = not leervraag.is_archived
    services.archive_leervraag(leervraag=leervraag, archived=archived)
    if archived:
        messages.success(request, _("Learning question ‘%(title)s’ archived.") % {
            "title": leervraag.title})
    else:
        messages.success(request, _("Learning question ‘%(title)s’ is back in your list.") % {
            "title": leervraag.title})
    return redirect(leervraag)


@login_required
@require_POST
def leervraag_comment(request, uuid):
    leervraag = get_object_or_404(selectors.leervragen_for(request.user), uuid=uuid)
    form = ReactieForm(request.POST)
    if form.is_valid():
        services.add_reactie(leervraag=leervraag, author=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(f"{leervraag.get_absolute_url()}#reacties")


@login_required
def leervraag_suggestions(request, uuid):
    leervraag = get_object_or_404(
        selectors.leervragen_for(request.user).select_related("student__user"), uuid=uuid
    )
    return render(request, "begeleiding/leervraag_suggestions.html", {
        "leervraag": leervraag,
        "suggestions": selectors.suggestions_for(leervraag),
        "tags": list(leervraag.expertises.all()),
        "can_request": permissions.can_edit_leervraag(request.user, leervraag),
    })
