"""The curriculum's pages. Views parse input, get objects from selectors (out of scope is a
404), check permissions (visible but read-only is a 403), call services and render."""

from __future__ import annotations

import mimetypes
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opleidingsschool.access import visible_students
from opleidingsschool.models import Schooljaar

from . import forms, selectors, services
from .models import Curriculumbouwsteen, InleveringStatus, Leeruitkomst, Leerwerktaak
from .navigation import tabs_for
from .permissions import (
    can_edit_inlevering,
    can_manage_curriculum,
    can_review,
    can_view_curriculum,
    invulling_school,
    is_member,
)

PAGE_SIZE = 25


def curriculum_required(view):
    """The curriculum is for students and staff members; to anyone else it does not exist."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_view_curriculum(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    """Maintaining the curriculum is for coordinators; to others these pages do not exist."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_manage_curriculum(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _render(request, template: str, context: dict, *, tab: str = "", status: int = 200):
    context.setdefault("tabs", tabs_for(request.user, active=tab))
    return render(request, template, context, status=status)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filters(form) -> dict:
    return form.cleaned_data if form.is_valid() else {}


def _form_page(request, *, form, heading: str, cancel_url: str, tab: str, aside: str = "",
               context: dict | None = None, status: int = 200):
    return _render(
        request, "leerwerktaken/form.html",
        {"form": form, "heading": heading, "cancel_url": cancel_url, "aside": aside,
         **(context or {})},
        tab=tab, status=status,
    )


@curriculum_required
def index(request):
    tabs = tabs_for(request.user, active="")
    return redirect(tabs[0].url)


# Learning outcomes and their meaning per school -------------------------------------------


@curriculum_required
def leeruitkomst_list(request):
    manage = can_manage_curriculum(request.user)
    schools = selectors.schools_of(request.user)
    outcomes = list(selectors.leeruitkomsten_for_list(schools=schools, include_inactive=manage))
    groups: dict[str, list[Leeruitkomst]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.group or _("Other"), []).append(outcome)
    return _render(
        request, "leerwerktaken/leeruitkomst_list.html",
        {"groups": groups, "can_manage": manage, "schools": schools},
        tab="leeruitkomsten",
    )


@curriculum_required
def leeruitkomst_detail(request, uuid):
    manage = can_manage_curriculum(request.user)
    outcomes = Leeruitkomst.objects.all() if manage else Leeruitkomst.objects.filter(
        is_active=True)
    leeruitkomst = get_object_or_404(outcomes, uuid=uuid)
    schools = selectors.schools_of(request.user)
    own_school = invulling_school(request.user)
    return _render(
        request, "leerwerktaken/leeruitkomst_detail.html",
        {
            "leeruitkomst": leeruitkomst,
            "invullingen": selectors.invullingen_of(leeruitkomst, first=schools),
            "own_school_ids": [school.pk for school in schools],
            "can_manage": manage,
            "invulling_school": own_school,
            "tasks": leeruitkomst.leerwerktaken.filter(is_active=True).order_by("title"),
        },
        tab="leeruitkomsten",
    )


@coordinator_required
def leeruitkomst_create(request):
    return _leeruitkomst_form(request, None)


@coordinator_required
def leeruitkomst_update(request, uuid):
    return _leeruitkomst_form(request, get_object_or_404(Leeruitkomst, uuid=uuid))


def _leeruitkomst_form(request, leeruitkomst):
    form = forms.LeeruitkomstForm(request.POST or None, instance=leeruitkomst)
    if request.method == "POST" and form.is_valid():
        saved = services.save_leeruitkomst(leeruitkomst=leeruitkomst, **form.cleaned_data)
        messages.success(request, _("Learning outcome ‘%(title)s’ saved.") % {"title": saved})
        return redirect(saved)
    heading = _("Edit learning outcome") if leeruitkomst else _("New learning outcome")
    cancel = leeruitkomst.get_absolute_url() if leeruitkomst else reverse(
        "leerwerktaken:leeruitkomst_list")
    return _form_page(request, form=form, heading=heading, cancel_url=cancel,
                      tab="leeruitkomsten")


@curriculum_required
def invulling_list(request):
    school = invulling_school(request.user)
    if school is None:
        raise Http404
    outcomes = list(selectors.leeruitkomsten_for_list(schools=[school]))
    done = sum(1 for outcome in outcomes if outcome.school_invullingen)
    return _render(
        request, "leerwerktaken/invulling_list.html",
        {"outcomes": outcomes, "school": school, "done": done},
        tab="invulling",
    )


@curriculum_required
def invulling_edit(request, uuid):
    leeruitkomst = get_object_or_404(Leeruitkomst.objects.filter(is_active=True), uuid=uuid)
    school = invulling_school(request.user)
    if school is None:
        raise PermissionDenied
    invulling = leeruitkomst.invullingen.filter(school=school).first()
    form = forms.InvullingForm(request.POST or None, instance=invulling)
    if request.method == "POST" and form.is_valid():
        services.save_invulling(leeruitkomst=leeruitkomst, school=school, by=request.user,
                                **form.cleaned_data)
        messages.success(request, _("What ‘%(title)s’ means at %(school)s has been saved.") % {
            "title": leeruitkomst.title, "school": school})
        return redirect("leerwerktaken:invulling_list")
    return _render(
        request, "leerwerktaken/invulling_form.html",
        {"form": form, "leeruitkomst": leeruitkomst, "school": school},
        tab="invulling",
    )


# The task catalogue -------------------------------------------------------------------------


@curriculum_required
def leerwerktaak_list(request):
    manage = can_manage_curriculum(request.user)
    form = forms.CatalogueFilterForm(request.GET or None)
    filters = _filters(form)
    tasks = selectors.leerwerktaken_for_catalogue(
        query=filters.get("q") or "", study_year=filters.get("study_year"),
        speerpunt=filters.get("speerpunt"), leeruitkomst=filters.get("leeruitkomst"),
        kind=filters.get("kind") or "", include_inactive=manage,
    )
    return _render(
        request, "leerwerktaken/leerwerktaak_list.html",
        {"page": _page(request, tasks), "form": form, "can_manage": manage,
         "is_filtered": any(filters.values()) if filters else False},
        tab="leerwerktaken",
    )


@curriculum_required
def leerwerktaak_detail(request, uuid):
    manage = can_manage_curriculum(request.user)
    tasks = Leerwerktaak.objects.all() if manage else Leerwerktaak.objects.filter(is_active=True)
    leerwerktaak = get_object_or_404(
        tasks.prefetch_related("leeruitkomsten", "speerpunten"), uuid=uuid)
    return _render(
        request, "leerwerktaken/leerwerktaak_detail.html",
        {
            "leerwerktaak": leerwerktaak,
            "can_manage": manage,
            "toewijzingen": selectors.toewijzingen_of_task(leerwerktaak) if manage else [],
        },
        tab="leerwerktaken",
    )


@coordinator_required
def leerwerktaak_create(request):
    return _leerwerktaak_form(request, None)


@coordinator_required
def leerwerktaak_update(request, uuid):
    return _leerwerktaak_form(request, get_object_or_404(Leerwerktaak, uuid=uuid))


def _leerwerktaak_form(request, leerwerktaak):
    form = forms.LeerwerktaakForm(request.POST or None, instance=leerwerktaak)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = services.save_leerwerktaak(
            leerwerktaak=leerwerktaak, speerpunten=data.pop("speerpunten"),
            leeruitkomsten=data.pop("leeruitkomsten"), **data,
        )
        messages.success(request, _("Learning-work task ‘%(title)s’ saved.") % {"title": saved})
        return redirect(saved)
    heading = _("Edit learning-work task") if leerwerktaak else _("New learning-work task")
    cancel = leerwerktaak.get_absolute_url() if leerwerktaak else reverse(
        "leerwerktaken:leerwerktaak_list")
    return _form_page(request, form=form, heading=heading, cancel_url=cancel,
                      tab="leerwerktaken")


# Assignments, submissions and files -------------------------------------------------------


@coordinator_required
def toewijzing_create(request, uuid):
    leerwerktaak = get_object_or_404(Leerwerktaak.objects.filter(is_active=True), uuid=uuid)
    form = forms.ToewijzingForm(request.POST or None, leerwerktaak=leerwerktaak)
    if request.method == "POST" and form.is_valid():
        toewijzingen = services.assign_leerwerktaak(
            leerwerktaak=leerwerktaak, students=list(form.cleaned_data["students"]),
            due_date=form.cleaned_data["due_date"], by=request.user,
        )
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
        request.POST or None,
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


# On the way to startbekwaam ---------------------------------------------------------------


@curriculum_required
def progress(request):
    form = forms.ProgressFilterForm(request.GET or None)
    filters = _filters(form)
    students = selectors.progress_for(request.user, query=filters.get("q") or "",
                                      study_year=filters.get("study_year"))
    return _render(
        request, "leerwerktaken/progress.html",
        {"page": _page(request, students), "form": form,
         "outcome_total": Leeruitkomst.objects.filter(is_active=True).count(),
         "is_filtered": any(filters.values()) if filters else False},
        tab="voortgang",
    )


@curriculum_required
def student_evidence(request, uuid):
    student = get_object_or_404(
        visible_students(request.user).select_related("user", "opleiding"), uuid=uuid)
    evidence = selectors.evidence_for_student(request.user, student)
    return _render(
        request, "leerwerktaken/student_evidence.html",
        {
            "student": student,
            "evidence": evidence,
            "covered": sum(1 for item in evidence if item.items),
            "is_own": student.user_id == request.user.pk,
        },
        tab="voortgang",
    )


@coordinator_required
def coverage(request):
    schooljaar = Schooljaar.objects.current()
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        selectors.coverage_schools(schooljaar, query=query), selectors.COVERAGE_SCHOOLS_PER_PAGE
    ).get_page(request.GET.get("page"))
    outcomes, rows = selectors.coverage(schooljaar, list(page.object_list))
    return _render(
        request, "leerwerktaken/coverage.html",
        {"outcomes": outcomes, "rows": rows, "schooljaar": schooljaar, "page": page,
         "query": query},
        tab="dekking",
    )


# Curriculum building blocks ---------------------------------------------------------------


@curriculum_required
def bouwsteen_list(request):
    manage = can_manage_curriculum(request.user)
    form = forms.BouwsteenFilterForm(request.GET or None)
    filters = _filters(form)
    blocks = selectors.bouwstenen_for_list(
        query=filters.get("q") or "", leeruitkomst=filters.get("leeruitkomst"),
        speerpunt=filters.get("speerpunt"), soort=filters.get("soort") or "",
        include_inactive=manage,
    )
    return _render(
        request, "leerwerktaken/bouwsteen_list.html",
        {"page": _page(request, blocks), "form": form, "can_manage": manage,
         "is_filtered": any(filters.values()) if filters else False},
        tab="bouwstenen",
    )


@coordinator_required
def bouwsteen_create(request):
    return _bouwsteen_form(request, None)


@coordinator_required
def bouwsteen_update(request, uuid):
    return _bouwsteen_form(request, get_object_or_404(Curriculumbouwsteen, uuid=uuid))


def _bouwsteen_form(request, bouwsteen):
    form = forms.BouwsteenForm(request.POST or None, instance=bouwsteen)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = services.save_bouwsteen(
            bouwsteen=bouwsteen, leeruitkomsten=data.pop("leeruitkomsten"),
            speerpunten=data.pop("speerpunten"), **data,
        )
        messages.success(request, _("Building block ‘%(title)s’ saved.") % {"title": saved})
        return redirect("leerwerktaken:bouwsteen_list")
    heading = _("Edit building block") if bouwsteen else _("New building block")
    return _form_page(request, form=form, heading=heading,
                      cancel_url=reverse("leerwerktaken:bouwsteen_list"), tab="bouwstenen")
