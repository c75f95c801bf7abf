"""Pages of the triangle. Each view gets its objects through a selector (outside the triangle:
404), checks a permission (a member who may only read: 403), calls a service, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerktaken.models import Leeruitkomst

from . import permissions, selectors, services
from .forms import (
    ActiepuntForm,
    AddendumForm,
    AkkoordForm,
    BehoefteFilterForm,
    BehoefteForm,
    GesprekForm,
    LeerdoelForm,
    NotesForm,
    SearchForm,
    TussenevaluatieForm,
)
from .models import Actiepunt, Behoefte, Driehoeksgesprek, Leerdoel
from .notices import invitation_ics

PAGE_SIZE = 20


def _stage_and_role(request, uuid):
    stage = get_object_or_404(
        selectors.driehoek_stages(request.user).select_related(
            "student__user", "student__opleiding__instituut", "school", "schooljaar"
        ),
        uuid=uuid,
    )
    return stage, selectors.role_in(request.user, stage)


def _gesprek_and_role(request, uuid):
    gesprek = get_object_or_404(selectors.gesprek_detail_queryset(request.user), uuid=uuid)
    return gesprek, selectors.role_in(request.user, gesprek.stage)


def _gesprek_param(request, stage):
    """The meeting a goal, action or need is added in (?gesprek=<uuid>), of this placement."""
    uuid = request.GET.get("gesprek") or request.POST.get("gesprek")
    if not uuid:
        return None
    try:
        return stage.driehoeksgesprekken.get(uuid=uuid)
    except (Driehoeksgesprek.DoesNotExist, ValidationError) as error:
        raise Http404 from error


def _back(stage, gesprek):
    if gesprek is not None:
        return gesprek.get_absolute_url()
    return reverse("driehoek:stage", kwargs={"uuid": stage.uuid})


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


# --- Overview and the year of a placement ---------------------------------------------------


@login_required
def index(request):
    form = SearchForm(request.GET or None)
    query = all_years = ""
    if form.is_valid():
        query, all_years = form.cleaned_data["q"], form.cleaned_data["all_years"]
    stages = selectors.overview(request.user, query=query, all_years=bool(all_years))
    page = Paginator(stages, PAGE_SIZE).get_page(request.GET.get("page"))
    own = [stage for stage in page.object_list if stage.student.user_id == request.user.pk]
    return render(request, "driehoek/index.html", {
        "form": form, "page": page, "is_filtered": bool(query or all_years),
        "is_student": bool(own) or hasattr(request.user, "student"),
        "awaiting": selectors.awaiting_akkoord_for(request.user),
        "my_actions": selectors.open_actions_of(request.user, limit=10),
    })


@login_required
def stage_detail(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    context = selectors.year_context(stage, role)
    context.update({
        "stage": stage, "role": role, "is_supervisor": role == selectors.SUPERVISOR,
        "can_plan": permissions.can_plan(role), "today": timezone.localdate(),
    })
    return render(request, "driehoek/stage_detail.html", context)


@login_required
def stage_print(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    context = selectors.year_context(stage, role)
    gesprekken = [
        gesprek for gesprek in context["gesprekken"] if not gesprek.is_cancelled
    ]
    for gesprek in gesprekken:
        gesprek.notes_shown = selectors.notes_visible(role, gesprek)
    context.update({
        "stage": stage, "role": role, "gesprekken": gesprekken,
        "printed_at": timezone.localtime(),
    })
    return render(request, "driehoek/stage_print.html", context)


# --- Meetings --------------------------------------------------------------------------------


@login_required
def gesprek_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    if not permissions.can_plan(role):
        raise PermissionDenied
    members = selectors.members(stage)
    form = GesprekForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            gesprek = services.plan_gesprek(
                stage=stage, by=request.user, title=form.cleaned_data["title"],
                starts_at=starts_at, ends_at=ends_at, place=form.cleaned_data["place"],
                video_link=form.cleaned_data["video_link"],
                deelnemers=list(form.cleaned_data["deelnemers"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Triangle meeting on %(date)s planned; everyone got a "
                                        "calendar invitation.") % {
                "date": _format_date(gesprek.starts_at)})
            return redirect(gesprek)
    return render(request, "driehoek/gesprek_form.html", {
        "form": form, "stage": stage, "title": _("Plan a triangle meeting"),
    })


def _format_date(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "l j F Y, H:i")


@login_required
def gesprek_detail(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    participants = list(gesprek.deelnemers.all())
    participant_ids = {user.pk for user in participants}
    akkoorden = list(gesprek.akkoorden.all())
    agreed_ids = {akkoord.user_id for akkoord in akkoorden}
    show_notes = selectors.notes_visible(role, gesprek)
    context = {
        "gesprek": gesprek, "stage": gesprek.stage, "role": role,
        "is_supervisor": role == selectors.SUPERVISOR,
        "participants": [
            {"user": user, "agreed": next((a for a in akkoorden if a.user_id == user.pk), None)}
            for user in participants
        ],
        "show_notes": show_notes,
        "agenda": selectors.agenda_for(gesprek, role),
        "items": selectors.items_of(gesprek) if show_notes else None,
        "can_change": permissions.can_change_gesprek(role, gesprek),
        "can_edit_notes": permissions.can_edit_notes(role, gesprek),
        "can_share": permissions.can_share(role, gesprek),
        "can_agree": permissions.can_agree(request.user, gesprek, agreed_ids, participant_ids),
        "can_add_items": permissions.can_add_items(role, gesprek) and show_notes,
        "can_add_addendum": permissions.can_add_addendum(role, gesprek),
        "akkoord_form": AkkoordForm(initial={"version": gesprek.notes_version}),
        "addendum_form": AddendumForm(),
        "history": list(gesprek.wijzigingen.all()) if show_notes else [],
        "waiting_for": [user for user in participants if user.pk not in agreed_ids],
    }
    return render(request, "driehoek/gesprek_detail.html", context)


@login_required
def gesprek_edit(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if not permissions.can_change_gesprek(role, gesprek):
        raise PermissionDenied
    members = selectors.members(gesprek.stage)
    form = GesprekForm(request.POST or None, members=members,
                       initial=GesprekForm.initial_for(gesprek))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            gesprek = services.change_gesprek(
                gesprek=gesprek, by=request.user, title=form.cleaned_data["title"],
                starts_at=starts_at, ends_at=ends_at, place=form.cleaned_data["place"],
                video_link=form.cleaned_data["video_link"],
                deelnemers=list(form.cleaned_data["deelnemers"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Triangle meeting changed to %(date)s; everyone got "
                                        "the updated invitation.") % {
                "date": _format_date(gesprek.starts_at)})
            return redirect(gesprek)
    return render(request, "driehoek/gesprek_form.html", {
        "form": form, "stage": gesprek.stage, "gesprek": gesprek,
        "title": _("Change the triangle meeting"),
    })


@login_required
def gesprek_cancel(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if not permissions.can_change_gesprek(role, gesprek):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.cancel_gesprek(gesprek=gesprek, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Triangle meeting of %(date)s cancelled; everyone's "
                                        "calendar gets the cancellation.") % {
                "date": _format_date(gesprek.starts_at)})
        return redirect(gesprek)
    return render(request, "driehoek/gesprek_cancel.html", {"gesprek": gesprek})


@login_required
def gesprek_ics(request, uuid):
    gesprek, _role = _gesprek_and_role(request, uuid)
    method = "CANCEL" if gesprek.is_cancelled else "PUBLISH"
    response = HttpResponse(
        invitation_ics(gesprek, method=method, attendees=list(gesprek.deelnemers.all())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="driehoeksgesprek.ics"'
    return response


@login_required
def gesprek_notes(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if not permissions.can_edit_notes(role, gesprek):
        raise PermissionDenied
    initial = {
        "progress": gesprek.notes_progress, "questions": gesprek.notes_questions,
        "agreements": gesprek.notes_agreements, "version": gesprek.notes_version,
    }
    form = NotesForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_notes(
                gesprek=gesprek, by=request.user, version=data["version"],
                progress=data["progress"], questions=data["questions"],
                agreements=data["agreements"],
            )
        except services.NotesConflict as error:
            conflict = error.current
            # Keep what this person typed; the next save starts from the version they saw.
            form = NotesForm(
                {**request.POST.dict(), "version": conflict.notes_version}, initial=initial
            )
            form.is_valid()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(gesprek)
        else:
            messages.success(request, _("Notes of “%(title)s” saved.") % {"title": gesprek.title})
            return redirect(gesprek)
    return render(request, "driehoek/gesprek_notes.html", {
        "form": form, "gesprek": gesprek, "conflict": conflict,
    }, status=409 if conflict else 200)


@login_required
def gesprek_share(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    if not permissions.can_share(role, gesprek):
        raise PermissionDenied
    services.share_notes(gesprek=gesprek, by=request.user)
    messages.success(request, _("Notes of “%(title)s” shared with %(student)s; the others are "
                                "asked for their agreement.") % {
        "title": gesprek.title, "student": gesprek.stage.student})
    return redirect(gesprek)


@login_required
def gesprek_agree(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    form = AkkoordForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        gesprek = services.give_akkoord(
            gesprek=gesprek, by=request.user, version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if gesprek.is_locked:
            messages.success(request, _("Agreement given. Everyone agreed: the record of "
                                        "“%(title)s” is now locked.") % {"title": gesprek.title})
        else:
            messages.success(request, _("Agreement with “%(title)s” given.") % {
                "title": gesprek.title})
    return redirect(gesprek)


@login_required
def addendum_create(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    if not permissions.can_add_addendum(role, gesprek):
        raise PermissionDenied
    form = AddendumForm(request.POST)
    if form.is_valid():
        services.add_addendum(gesprek=gesprek, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Addendum added to “%(title)s”.") % {"title": gesprek.title})
    else:
        messages.error(request, _("Write the addendum first."))
    return redirect(f"{gesprek.get_absolute_url()}#addenda")


@login_required
def gesprek_print(request, uuid):
    gesprek, role = _gesprek_and_role(request, uuid)
    show_notes = selectors.notes_visible(role, gesprek)
    return render(request, "driehoek/gesprek_print.html", {
        "gesprek": gesprek, "stage": gesprek.stage, "show_notes": show_notes,
        "items": selectors.items_of(gesprek) if show_notes else None,
        "members": selectors.members(gesprek.stage),
        "participants": list(gesprek.deelnemers.all()),
        "akkoorden": list(gesprek.akkoorden.all()),
        "printed_at": timezone.localtime(),
    })


# --- Goals, actions, needs ---------------------------------------------------------------------


@login_required
def leerdoel_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(role, gesprek):
        raise PermissionDenied
    form = LeerdoelForm(request.POST or None, stage=stage)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        leerdoel = services.save_leerdoel(
            stage=stage, by=request.user, gesprek=gesprek, title=data["title"],
            description=data["description"], leeruitkomsten=data["leeruitkomsten"],
            invullingen=data.get("invullingen") or [], leervragen=data["leervragen"],
            status=data["status"],
        )
        messages.success(request, _("Learning goal “%(title)s” saved.") % {"title": leerdoel.title})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("New learning goal"),
        "back": _back(stage, gesprek),
    })


@login_required
def leerdoel_edit(request, uuid):
    leerdoel = get_object_or_404(
        Leerdoel.objects.filter(stage__in=selectors.driehoek_stages(request.user))
        .select_related("stage__student__user", "stage__school", "gesprek"),
        uuid=uuid,
    )
    stage = leerdoel.stage
    role = selectors.role_in(request.user, stage)
    if role != selectors.SUPERVISOR and leerdoel.gesprek and not leerdoel.gesprek.is_shared:
        raise Http404
    if not permissions.can_edit_leerdoel(role, leerdoel):
        raise PermissionDenied
    frozen = permissions.leerdoel_is_frozen(leerdoel)
    initial = {"title": leerdoel.title, "description": leerdoel.description,
               "status": leerdoel.status,
               "leeruitkomsten": list(leerdoel.leeruitkomsten.values_list("pk", flat=True)),
               "invullingen": list(leerdoel.invullingen.values_list("pk", flat=True)),
               "leervragen": list(leerdoel.leervragen.values_list("pk", flat=True))}
    form = LeerdoelForm(request.POST or None, stage=stage, frozen=frozen, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if frozen:
            services.set_leerdoel_status(leerdoel=leerdoel, by=request.user, status=data["status"])
        else:
            services.save_leerdoel(
                stage=stage, by=request.user, leerdoel=leerdoel, title=data["title"],
                description=data["description"], leeruitkomsten=data["leeruitkomsten"],
                invullingen=data.get("invullingen") or [], leervragen=data["leervragen"],
                status=data["status"],
            )
        messages.success(request, _("Learning goal “%(title)s” saved.") % {"title": leerdoel.title})
        return redirect(_back(stage, leerdoel.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": leerdoel.gesprek, "frozen": frozen,
        "title": _("Learning goal “%(title)s”") % {"title": leerdoel.title},
        "back": _back(stage, leerdoel.gesprek),
    })


@login_required
def actiepunt_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(role, gesprek):
        raise PermissionDenied
    form = ActiepuntForm(request.POST or None, members=selectors.members(stage))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actiepunt = services.save_actiepunt(
            stage=stage, by=request.user, gesprek=gesprek, description=data["description"],
            owner=data["owner"], due_date=data["due_date"],
        )
        messages.success(request, _("Action item “%(title)s” saved.") % {
            "title": actiepunt.description})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("New action item"),
        "back": _back(stage, gesprek),
    })


def _actiepunt_for(request, uuid):
    actiepunt = get_object_or_404(
        Actiepunt.objects.filter(stage__in=selectors.driehoek_stages(request.user))
        .select_related("stage__student__user", "gesprek", "owner"),
        uuid=uuid,
    )
    role = selectors.role_in(request.user, actiepunt.stage)
    if role != selectors.SUPERVISOR and actiepunt.gesprek and not actiepunt.gesprek.is_shared:
        raise Http404
    return actiepunt, role


@login_required
def actiepunt_edit(request, uuid):
    actiepunt, role = _actiepunt_for(request, uuid)
    if not permissions.can_edit_actiepunt(role, actiepunt):
        raise PermissionDenied
    stage = actiepunt.stage
    form = ActiepuntForm(
        request.POST or None, members=selectors.members(stage),
        initial={"description": actiepunt.description, "owner": actiepunt.owner_id,
                 "due_date": actiepunt.due_date},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_actiepunt(
                stage=stage, by=request.user, actiepunt=actiepunt,
                description=data["description"], owner=data["owner"], due_date=data["due_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action item “%(title)s” saved.") % {
                "title": actiepunt.description})
            return redirect(_back(stage, actiepunt.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": actiepunt.gesprek,
        "title": _("Action item"), "back": _back(stage, actiepunt.gesprek),
    })


@login_required
def actiepunt_done(request, uuid):
    actiepunt, role = _actiepunt_for(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    if not permissions.can_mark_done(request.user, role, actiepunt):
        raise PermissionDenied
    done = request.POST.get("done", "1") == "1"
    services.set_actiepunt_done(actiepunt=actiepunt, by=request.user, done=done)
    if done:
        messages.success(request, _("Action item “%(title)s” done.") % {
            "title": actiepunt.description})
    else:
        messages.success(request, _("Action item “%(title)s” open again.") % {
            "title": actiepunt.description})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(_back(actiepunt.stage, actiepunt.gesprek))


@login_required
def behoefte_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    gesprek = _gesprek_param(request, stage)
    if not permissions.can_add_items(role, gesprek):
        raise PermissionDenied
    form = BehoefteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        behoefte = services.save_behoefte(
            stage=stage, by=request.user, gesprek=gesprek, description=data["description"],
            status=data["status"], bouwsteen=data["bouwsteen"],
        )
        messages.success(request, _("Need “%(title)s” saved.") % {"title": behoefte.description})
        return redirect(_back(stage, gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": gesprek, "title": _("What is needed?"),
        "back": _back(stage, gesprek),
        "intro": _("Do we have something for this in the partnership, or must we make it?"),
    })


@login_required
def behoefte_edit(request, uuid):
    behoefte = get_object_or_404(
        Behoefte.objects.filter(stage__in=selectors.driehoek_stages(request.user))
        .select_related("stage__student__user", "gesprek"),
        uuid=uuid,
    )
    stage = behoefte.stage
    role = selectors.role_in(request.user, stage)
    if role != selectors.SUPERVISOR and behoefte.gesprek and not behoefte.gesprek.is_shared:
        raise Http404
    if role != selectors.SUPERVISOR:
        raise PermissionDenied
    form = BehoefteForm(request.POST or None, initial={
        "description": behoefte.description, "status": behoefte.status,
        "bouwsteen": behoefte.bouwsteen_id,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_behoefte(
            stage=stage, by=request.user, behoefte=behoefte, description=data["description"],
            status=data["status"], bouwsteen=data["bouwsteen"],
        )
        messages.success(request, _("Need “%(title)s” saved.") % {"title": behoefte.description})
        return redirect(_back(stage, behoefte.gesprek))
    return render(request, "driehoek/item_form.html", {
        "form": form, "stage": stage, "gesprek": behoefte.gesprek, "title": _("Need"),
        "back": _back(stage, behoefte.gesprek),
    })


@login_required
def behoeften(request):
    """Coordinators: the needs of all triangles, without notes or names."""
    if not selectors.may_see_behoeften(request.user):
        raise Http404
    form = BehoefteFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {"status": form.cleaned_data["status"], "school": form.cleaned_data["school"],
                   "query": form.cleaned_data["q"]}
    needs = selectors.behoeften_overview(**filters)
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "driehoek/behoeften.html", {
        "form": form, "page": page, "is_filtered": any(filters.values()),
    })


# --- Interim evaluations --------------------------------------------------------------------


def _outcomes():
    return Leeruitkomst.objects.filter(is_active=True)


@login_required
def tussenevaluatie_create(request, uuid):
    stage, role = _stage_and_role(request, uuid)
    if not permissions.can_edit_tussenevaluatie(role, None):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None, leeruitkomsten=_outcomes(),
                               initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evaluation = services.save_tussenevaluatie(
            stage=stage, by=request.user, date=data["date"], summary=data["summary"],
            oordelen=data["oordelen"],
        )
        messages.success(request, _("Interim evaluation of %(date)s saved.") % {
            "date": evaluation.date.strftime("%d-%m-%Y")})
        return redirect(evaluation)
    return render(request, "driehoek/tussenevaluatie_form.html", {
        "form": form, "stage": stage, "title": _("New interim evaluation"),
    })


def _tussenevaluatie_for(request, uuid):
    evaluation = get_object_or_404(
        selectors.tussenevaluaties_for(request.user).select_related(
            "stage__student__user", "stage__school", "stage__schooljaar", "created_by"
        ),
        uuid=uuid,
    )
    return evaluation, selectors.role_in(request.user, evaluation.stage)


@login_required
def tussenevaluatie_detail(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    evaluations = selectors.tussenevaluaties_for_stage(evaluation.stage, role)
    current = next(item for item in evaluations if item.pk == evaluation.pk)
    return render(request, "driehoek/tussenevaluatie_detail.html", {
        "evaluation": current, "stage": evaluation.stage, "role": role,
        "is_supervisor": role == selectors.SUPERVISOR,
        "chart": selectors.progress_chart(evaluation.stage, evaluations),
    })


@login_required
def tussenevaluatie_edit(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    if not permissions.can_edit_tussenevaluatie(role, evaluation):
        raise PermissionDenied
    form = TussenevaluatieForm(request.POST or None, leeruitkomsten=_outcomes(),
                               initial=TussenevaluatieForm.initial_for(evaluation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_tussenevaluatie(
            stage=evaluation.stage, by=request.user, tussenevaluatie=evaluation,
            date=data["date"], summary=data["summary"], oordelen=data["oordelen"],
        )
        messages.success(request, _("Interim evaluation of %(date)s saved.") % {
            "date": data["date"].strftime("%d-%m-%Y")})
        return redirect(evaluation)
    return render(request, "driehoek/tussenevaluatie_form.html", {
        "form": form, "stage": evaluation.stage, "evaluation": evaluation,
        "title": _("Change the interim evaluation"),
    })


@login_required
def tussenevaluatie_share(request, uuid):
    evaluation, role = _tussenevaluatie_for(request, uuid)
    if (response := _post_only(request)) is not None:
        return response
    if not permissions.can_edit_tussenevaluatie(role, evaluation):
        raise PermissionDenied
    services.share_tussenevaluatie(tussenevaluatie=evaluation, by=request.user)
    messages.success(request, _("Interim evaluation of %(date)s shared with %(student)s.") % {
        "date": evaluation.date.strftime("%d-%m-%Y"), "student": evaluation.stage.student})
    return redirect(evaluation)
