"""Pages around sessions: the agenda for everyone, the coordinator's planning, attendance,
the leercafé's experts, invitations, notification preferences. Symposium pages live in
views_symposium.py, the calendar feed in feeds.py."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool import schoolcalendar
from opleidingsschool.access import medewerker_of, partnerschap_of
from opleidingsschool.models import AanmeldingStatus, Bijeenkomst
from opleidingsschool.notifications.selectors import mail_log
from opleidingsschool.pagination import Paginator

from . import notices, permissions, selectors, services
from .forms import (
    AgendaFilterForm,
    AnswerForm,
    AttendanceForm,
    BijeenkomstForm,
    GuestExpertForm,
    InviteForm,
    PlanningFilterForm,
    ReeksForm,
    VoorkeurForm,
    add_service_errors,
)

PAGE_SIZE = 20
# The agenda lists the school holidays and days off of this far ahead (the feed: a year).
CLOSED_AHEAD = datetime.timedelta(days=120)


def _visible(request, uuid) -> Bijeenkomst:
    return get_object_or_404(selectors.detail_queryset(request.user), uuid=uuid)


def _planned(request, uuid) -> Bijeenkomst:
    """Coordinator pages, about a session of the coordinator's own partnership: anyone else
    (another partnership's coordinator too) gets a 404, as for anything outside their scope."""
    return get_object_or_404(
        selectors.planned_by(_require_planner(request)).select_related("partnerschap"), uuid=uuid
    )


def _require_planner(request):
    """The partnership whose sessions the coordinator plans; anyone else gets a 404."""
    partnerschap = partnerschap_of(request.user) if permissions.can_plan(request.user) else None
    if partnerschap is None:
        raise Http404
    return partnerschap


@login_required
def agenda(request):
    form = AgendaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.agenda_for(
        request.user,
        past=filters.get("when") == "past",
        soort=filters.get("soort") or "",
        mine=bool(filters.get("mine")),
        with_status=False,
    )
    page = Paginator(list(sessions.values_list("pk", flat=True)), PAGE_SIZE).get_page(
        request.GET.get("page"))
    page.object_list = selectors.agenda_sessions(request.user, list(page.object_list))
    today = timezone.localdate()
    closed = [] if filters.get("when") == "past" else schoolcalendar.closed_spans_for(
        request.user, today, today + CLOSED_AHEAD)
    return render(
        request,
        "bijeenkomsten/agenda.html",
        {
            "page": page,
            "closed_spans": closed,
            "form": form,
            "is_filtered": any(filters.values()) if filters else False,
            "uitnodigingen": selectors.open_uitnodigingen_for(request.user),
            "can_plan": permissions.can_plan(request.user),
        },
    )


@login_required
def detail(request, uuid):
    bijeenkomst = _visible(request, uuid)
    can_plan = permissions.can_manage(request.user, bijeenkomst)
    context = {
        "bijeenkomst": bijeenkomst,
        "can_plan": can_plan,
        "can_register": permissions.can_register(bijeenkomst, is_open=bool(bijeenkomst.is_open_to_me)),
        "uitnodiging": selectors.my_uitnodiging(request.user, bijeenkomst),
        "schools": list(bijeenkomst.schools.all()),
        "is_jurylid": selectors.jurylid_for(request.user, bijeenkomst) is not None,
    }
    if bijeenkomst.soort == "symposium":
        context.update(selectors.symposium_context(bijeenkomst))
    if can_plan:
        context["aanmeldingen"] = selectors.registrations(bijeenkomst)
        context["uitnodigingen"] = selectors.uitnodigingen(bijeenkomst)
        context["mail_log"] = mail_log(notices.subject_key(bijeenkomst.pk))
    return render(request, "bijeenkomsten/bijeenkomst_detail.html", context)


@login_required
@require_POST
def register(request, uuid):
    bijeenkomst = _visible(request, uuid)
    if not permissions.can_register(bijeenkomst, is_open=bool(bijeenkomst.is_open_to_me)):
        messages.error(request, _("You cannot register for this session."))
        return redirect(bijeenkomst)
    try:
        aanmelding = services.register(bijeenkomst=bijeenkomst, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(bijeenkomst)
    if aanmelding.status == AanmeldingStatus.WAITING:
        messages.info(
            request,
            _(
                "‘%(title)s’ is full: you are on the waiting list. You move up "
                "automatically when a place comes free."
            )
            % {"title": bijeenkomst.title},
        )
    else:
        messages.success(request, _("You are registered for ‘%(title)s’.") % {"title": bijeenkomst.title})
    return redirect(bijeenkomst)


@login_required
@require_POST
def unregister(request, uuid):
    bijeenkomst = _visible(request, uuid)
    services.unregister(bijeenkomst=bijeenkomst, user=request.user)
    messages.success(
        request, _("You are no longer registered for ‘%(title)s’.") % {"title": bijeenkomst.title}
    )
    return redirect(bijeenkomst)


# Planning ------------------------------------------------------------------------------


@login_required
def planning(request):
    partnerschap = _require_planner(request)
    form = PlanningFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.planning_page_source(
        partnerschap=partnerschap,
        query=filters.get("q") or "",
        soort=filters.get("soort") or "",
        past=filters.get("when") == "past",
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bijeenkomsten/planning.html",
        {
            "page": page,
            "form": form,
            "is_filtered": any(filters.values()) if filters else False,
            "series": selectors.latest_series(partnerschap) if partnerschap else [],
        },
    )


@login_required
def create(request):
    partnerschap = _require_planner(request)
    form = BijeenkomstForm(request.POST or None, partnerschap=partnerschap)
    if request.method == "POST" and form.is_valid():
        try:
            bijeenkomst = services.create_bijeenkomst(
                by=request.user,
                partnerschap=partnerschap,
                day=form.cleaned_data["day"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                schools=form.cleaned_data["schools"],
                **form.session_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session ‘%(title)s’ planned.") % {"title": bijeenkomst.title})
            return redirect(bijeenkomst)
    return render(request, "bijeenkomsten/bijeenkomst_form.html", {"form": form, "is_new": True})


@login_required
def create_series(request):
    partnerschap = _require_planner(request)
    form = ReeksForm(request.POST or None, partnerschap=partnerschap)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reeks = services.create_reeks(
                by=request.user,
                partnerschap=partnerschap,
                first=data["first"],
                last=data["last"],
                weekday=data["weekday"],
                pattern=data["pattern"],
                week_of_month=data["week_of_month"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                schools=data["schools"],
                rule=form.rule(),
                **form.session_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = reeks.bijeenkomsten.count()
            messages.success(
                request,
                _("Series ‘%(title)s’ planned: %(count)s sessions.") % {"title": reeks.title, "count": count},
            )
            return redirect(reverse("bijeenkomsten:planning") + f"?q={reeks.title}")
    return render(request, "bijeenkomsten/reeks_form.html", {"form": form})


@login_required
def edit(request, uuid):
    bijeenkomst = _planned(request, uuid)
    form = BijeenkomstForm(
        request.POST or None, instance=bijeenkomst, partnerschap=bijeenkomst.partnerschap)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_bijeenkomst(
                bijeenkomst=bijeenkomst,
                by=request.user,
                day=form.cleaned_data["day"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                schools=form.cleaned_data["schools"],
                **form.session_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session ‘%(title)s’ saved.") % {"title": form.cleaned_data["title"]})
            return redirect(bijeenkomst)
    return render(
        request,
        "bijeenkomsten/bijeenkomst_form.html",
        {"form": form, "bijeenkomst": bijeenkomst, "is_new": False},
    )


@login_required
def cancel(request, uuid):
    bijeenkomst = _planned(request, uuid)
    if request.method == "POST":
        services.cancel_bijeenkomst(bijeenkomst=bijeenkomst, by=request.user)
        messages.success(
            request,
            _("Session ‘%(title)s’ cancelled. Everyone who registered is told.")
            % {"title": bijeenkomst.title},
        )
        return redirect(bijeenkomst)
    return render(request, "bijeenkomsten/bijeenkomst_cancel.html", {"bijeenkomst": bijeenkomst})


@login_required
def attendance(request, uuid):
    bijeenkomst = _planned(request, uuid)
    if not permissions.can_take_attendance(request.user, bijeenkomst):
        raise PermissionDenied  # a cancelled session has no attendance
    aanmeldingen = [
        a for a in selectors.registrations(bijeenkomst) if a.status == AanmeldingStatus.REGISTERED
    ]
    form = AttendanceForm(request.POST or None, aanmeldingen=aanmeldingen)
    if request.method == "POST" and form.is_valid():
        present = services.record_attendance(
            bijeenkomst=bijeenkomst,
            by=request.user,
            present_ids=[int(pk) for pk in form.cleaned_data["present"]],
        )
        messages.success(
            request,
            _("Attendance of ‘%(title)s’ saved: %(present)s of %(total)s present.")
            % {"title": bijeenkomst.title, "present": present, "total": len(aanmeldingen)},
        )
        return redirect(bijeenkomst)
    return render(
        request,
        "bijeenkomsten/attendance.html",
        {"bijeenkomst": bijeenkomst, "form": form, "aanmeldingen": aanmeldingen},
    )


# Leercafé: the right experts ---------------------------------------------------------------


def _leercafe(request, uuid) -> Bijeenkomst:
    bijeenkomst = _planned(request, uuid)
    if not permissions.can_prepare_leercafe(request.user, bijeenkomst):
        raise Http404
    return bijeenkomst


def _experts_page(request, bijeenkomst, guest_form=None):
    return render(
        request,
        "bijeenkomsten/experts.html",
        {
            "bijeenkomst": bijeenkomst,
            "groups": selectors.leercafe_groups(bijeenkomst),
            "uitnodigingen": selectors.uitnodigingen(bijeenkomst),
            "guest_form": guest_form or GuestExpertForm(),
        },
    )


@login_required
def experts(request, uuid):
    return _experts_page(request, _leercafe(request, uuid))


@login_required
@require_POST
def invite_guest(request, uuid):
    """A guest expert from outside the partnership (issue 12): an account without a
    workplace, the account invitation (eduID, SURFconext or a password) and the session's."""
    bijeenkomst = _leercafe(request, uuid)
    form = GuestExpertForm(request.POST)
    if form.is_valid():
        try:
            uitnodiging, new_account = services.invite_guest_expert(
                bijeenkomst=bijeenkomst, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = {"name": uitnodiging.medewerker.user, "title": bijeenkomst.title}
            messages.success(request, (
                _("%(name)s is invited to ‘%(title)s’ as a guest expert and receives an e-mail "
                  "to log in, with eduID or a password of their own.")
                if new_account else _("%(name)s is invited to ‘%(title)s’.")
            ) % names)
            return redirect("bijeenkomsten:experts", uuid=bijeenkomst.uuid)
    return _experts_page(request, bijeenkomst, form)


@login_required
@require_POST
def invite(request, uuid):
    bijeenkomst = _planned(request, uuid)
    form = InviteForm(request.POST, partnerschap=bijeenkomst.partnerschap)
    if not form.is_valid():
        messages.error(request, _("Choose a colleague to invite."))
        return redirect("bijeenkomsten:experts", uuid=bijeenkomst.uuid)
    medewerker = form.cleaned_data["medewerker"]
    services.invite_expert(
        bijeenkomst=bijeenkomst,
        medewerker=medewerker,
        by=request.user,
        expertise=selectors.expertise_by_name(form.cleaned_data["expertise"] or ""),
    )
    messages.success(
        request,
        _("%(name)s is invited to ‘%(title)s’.") % {"name": medewerker.user, "title": bijeenkomst.title},
    )
    return redirect("bijeenkomsten:experts", uuid=bijeenkomst.uuid)


@login_required
@require_POST
def answer(request, uuid):
    uitnodiging = get_object_or_404(selectors.uitnodigingen_for(request.user), uuid=uuid)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline."))
        return redirect(uitnodiging.bijeenkomst)
    accept = form.cleaned_data["answer"] == "accept"
    services.answer_uitnodiging(uitnodiging=uitnodiging, accept=accept)
    title = uitnodiging.bijeenkomst.title
    if accept:
        messages.success(
            request, _("You accepted the invitation to ‘%(title)s’. Thank you!") % {"title": title}
        )
    else:
        messages.success(request, _("You declined the invitation to ‘%(title)s’.") % {"title": title})
    return redirect(
        request.POST.get("next")
        if request.POST.get("next") == reverse("bijeenkomsten:agenda")
        else uitnodiging.bijeenkomst.get_absolute_url()
    )


# Preferences and the feed address ------------------------------------------------------------


@login_required
def preferences(request):
    voorkeur = services.preferences_for(request.user)
    form = VoorkeurForm(
        request.POST or None,
        initial={
            name: getattr(voorkeur, name) for name in VoorkeurForm.base_fields
        },
    )
    if request.method == "POST" and form.is_valid():
        services.save_preferences(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification preferences have been saved."))
        return redirect("bijeenkomsten:preferences")
    feed = services.feed_for(request.user)
    return render(
        request,
        "bijeenkomsten/preferences.html",
        {
            "form": form,
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
            "is_staff_member": medewerker_of(request.user) is not None,
        },
    )


@login_required
@require_POST
def feed_reset(request):
    services.reset_feed(user=request.user)
    messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    return redirect("bijeenkomsten:preferences")
