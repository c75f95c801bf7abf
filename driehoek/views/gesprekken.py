"""Triangle meetings: plan, change, cancel, notes, sharing, agreement and print."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.notifications.selectors import mail_log

from .. import permissions, selectors, services
from ..forms import (
    AddendumForm,
    AkkoordForm,
    GesprekForm,
    NotesForm,
)
from ..notices import gesprek_key, invitation_ics
from ..reads import record_notes_read
from ._common import (
    _format_date,
    _gesprek,
    _stage,
    object_first,
)

# --- Meetings --------------------------------------------------------------------------------


@login_required
def gesprek_create(request, uuid):
    stage = _stage(request, uuid)
    if not permissions.can_plan(request.user, stage):
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


@login_required
def gesprek_detail(request, uuid):
    gesprek = _gesprek(request, uuid)
    role = permissions.role_in(request.user, gesprek.stage)
    participants = list(gesprek.deelnemers.all())
    akkoorden = list(gesprek.akkoorden.all())
    agreed_ids = {akkoord.user_id for akkoord in akkoorden}
    show_notes = permissions.notes_visible(request.user, gesprek)
    context = {
        "gesprek": gesprek, "stage": gesprek.stage, "role": role,
        "is_supervisor": permissions.is_supervisor(request.user, gesprek.stage),
        "participants": [
            {"user": user, "agreed": next((a for a in akkoorden if a.user_id == user.pk), None)}
            for user in participants
        ],
        "show_notes": show_notes,
        "agenda": selectors.agenda_for(gesprek, role),
        "items": selectors.items_of(gesprek) if show_notes else None,
        "can_change": permissions.can_change_gesprek(request.user, gesprek),
        "can_edit_notes": permissions.can_edit_notes(request.user, gesprek),
        "can_share": permissions.can_share(request.user, gesprek),
        "can_agree": permissions.can_agree(request.user, gesprek),
        "can_add_items": permissions.can_add_items(request.user, gesprek) and show_notes,
        "can_add_addendum": permissions.can_add_addendum(request.user, gesprek),
        "akkoord_form": AkkoordForm(initial={"version": gesprek.notes_version}),
        "addendum_form": AddendumForm(),
        "history": list(gesprek.wijzigingen.all()) if show_notes else [],
        "waiting_for": [user for user in participants if user.pk not in agreed_ids],
        # The session page's log (two queries, whatever the number of mails).
        "mail_log": (
            mail_log(gesprek_key(gesprek.pk))
            if permissions.can_see_mail_log(request.user, gesprek) else None
        ),
    }
    if show_notes:
        record_notes_read(request.user, gesprek)  # issue 13: who read it
    return render(request, "driehoek/gesprek_detail.html", context)


@login_required
def gesprek_edit(request, uuid):
    gesprek = _gesprek(request, uuid)
    if not permissions.can_change_gesprek(request.user, gesprek):
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
    gesprek = _gesprek(request, uuid)
    if not permissions.can_change_gesprek(request.user, gesprek):
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
    gesprek = _gesprek(request, uuid)
    method = "CANCEL" if gesprek.is_cancelled else "PUBLISH"
    response = HttpResponse(
        invitation_ics(gesprek, method=method, attendees=list(gesprek.deelnemers.all())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="driehoeksgesprek.ics"'
    return response


@login_required
def gesprek_notes(request, uuid):
    gesprek = _gesprek(request, uuid)
    if not permissions.can_edit_notes(request.user, gesprek):
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
@object_first(_gesprek)
@require_POST
def gesprek_share(request, gesprek):
    if not permissions.can_share(request.user, gesprek):
        raise PermissionDenied
    services.share_notes(gesprek=gesprek, by=request.user)
    messages.success(request, _("Notes of “%(title)s” shared with %(student)s; the others are "
                                "asked for their agreement.") % {
        "title": gesprek.title, "student": gesprek.stage.student})
    return redirect(gesprek)


@login_required
@object_first(_gesprek)
@require_POST
def gesprek_agree(request, gesprek):
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
@object_first(_gesprek)
@require_POST
def addendum_create(request, gesprek):
    if not permissions.can_add_addendum(request.user, gesprek):
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
    gesprek = _gesprek(request, uuid)
    show_notes = permissions.notes_visible(request.user, gesprek)
    if show_notes:
        record_notes_read(request.user, gesprek)  # issue 13: who read it
    return render(request, "driehoek/gesprek_print.html", {
        "gesprek": gesprek, "stage": gesprek.stage, "show_notes": show_notes,
        "items": selectors.items_of(gesprek) if show_notes else None,
        "members": selectors.members(gesprek.stage),
        "participants": list(gesprek.deelnemers.all()),
        "akkoorden": list(gesprek.akkoorden.all()),
        "printed_at": timezone.localtime(),
    })
