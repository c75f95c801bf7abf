"""The recognition pages: a colleague's contribution to training per school year (their own,
or opened from the team overview), the team overview, and one's own development."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opleidingsschool.pagination import Paginator

from .. import registries
from ..access import medewerker_of
from . import permissions, selectors, services
from .forms import ProfessionaliseringForm, SchooljaarForm, TeamFilterForm

PAGE_SIZE = 25


def _page(request, medewerker):
    """One colleague's contribution in the chosen school year (default: the current one)."""
    today = timezone.localdate()
    years = selectors.schooljaren()
    schooljaar = selectors.chosen_schooljaar(years, request.GET.get("schooljaar"), today)
    own = medewerker.user_id == request.user.pk
    context = {
        "medewerker": medewerker,
        "own": own,
        "schooljaar": schooljaar,
        "year_form": SchooljaarForm(initial={"schooljaar": schooljaar.pk if schooljaar else ""},
                                    years=years),
        "can_record": permissions.can_record_professionalisering(request.user, medewerker),
        "printed_at": timezone.localtime(),
    }
    if schooljaar is not None:
        tallies = selectors.tallies(user_ids=[medewerker.user_id], schooljaar=schooljaar)
        counted = [(tally, tally.of(medewerker.user_id)) for tally in tallies]
        context.update(
            counted=[(tally, value) for tally, value in counted if value],
            not_counted=[tally for tally, value in counted if not value],
            mentoring=selectors.mentoring_of(viewer=request.user, medewerker=medewerker,
                                             schooljaar=schooljaar, today=today),
            sessions=selectors.sessions_of(medewerker=medewerker, schooljaar=schooljaar),
            development=selectors.professionaliseringen_of(medewerker=medewerker,
                                                            schooljaar=schooljaar),
            panels=sorted(
                (panel for source in registries.recognition_panels
                 for panel in source(viewer=request.user, medewerker=medewerker,
                                     schooljaar=schooljaar)),
                key=lambda panel: panel.order,
            ),
        )
    return render(request, "erkenning/page.html", context)


@login_required
def mine(request):
    medewerker = medewerker_of(request.user)
    if medewerker is None:
        raise Http404
    return _page(request, medewerker)


@login_required
def colleague(request, uuid):
    medewerker = get_object_or_404(
        selectors.colleagues_for(request.user).select_related("user", "school", "instituut"),
        uuid=uuid,
    )
    return _page(request, medewerker)


@dataclass
class TeamRow:
    medewerker: object
    mentoring: list = field(default_factory=list)  # (short label, number) per function
    others: list = field(default_factory=list)  # (tally, value) of everything else
    share: object = None
    share_percent: int | None = None

    @property
    def share_label(self) -> str:
        return f"{self.share_percent}%"

    carries_most: bool = False
    school_header: object = None  # the school's SchoolMentoring, on its first row


@login_required
def team(request):
    """The schoolopleider's team, or the coordinator's partnership per school: each
    colleague's mentoring load, their share of their school's mentoring (flagged when one
    person carries most of it) and their other contributions. A fixed number of queries."""
    if not permissions.can_see_team(request.user):
        raise Http404
    the_team = selectors.team_for(request.user)
    today = timezone.localdate()
    years = selectors.schooljaren()
    schooljaar = selectors.chosen_schooljaar(years, request.GET.get("schooljaar"), today)
    per_school = the_team.partnerschap is not None
    default_sort = "school" if per_school else "load"
    data = {"sort": default_sort, "schooljaar": str(schooljaar.pk) if schooljaar else ""}
    data.update(request.GET.dict())
    form = TeamFilterForm(data, years=years, schools=the_team.schools, per_school=per_school)
    filters = form.filters()
    sort = filters["sort"] if filters.get("sort") in selectors.SORTS else default_sort
    context = {"form": form, "team": the_team, "schooljaar": schooljaar, "sort": sort,
               "per_school": per_school, "printed_at": timezone.localtime(),
               "is_filtered": bool(filters.get("q") or filters.get("school"))}
    if schooljaar is None:
        return render(request, "erkenning/team.html", context)
    rows = selectors.team_rows(team=the_team, schooljaar=schooljaar, q=filters.get("q", ""),
                               school=filters.get("school"), sort=sort)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    members = list(page.object_list)
    tallies = selectors.tallies(user_ids=[m.user_id for m in members], schooljaar=schooljaar)
    school_ids = {m.school_id for m in members}
    if the_team.school is not None:
        school_ids.add(the_team.school.pk)
    schools = selectors.school_mentoring(schooljaar=schooljaar, school_ids=school_ids)
    team_rows, previous_school = [], None
    for member in members:
        school = schools[member.school_id]
        row = TeamRow(
            medewerker=member,
            mentoring=[(tally.short_label or tally.label, tally.of(member.user_id))
                       for tally in tallies
                       if selectors.is_mentoring(tally) and tally.of(member.user_id)],
            others=[(tally, tally.of(member.user_id)) for tally in tallies
                    if not selectors.is_mentoring(tally) and tally.of(member.user_id)],
            share=school.share(member.load),
            share_percent=selectors.percent(school.share(member.load)),
            carries_most=school.carries_most(member.load),
        )
        if sort == "school" and member.school_id != previous_school:
            row.school_header = school
        previous_school = member.school_id
        team_rows.append(row)
    context.update(
        page=page, rows=team_rows,
        school_summary=schools[the_team.school.pk] if the_team.school is not None else None,
        carries_most_percent=f"{selectors.percent(selectors.CARRIES_MOST_SHARE)}%",
        carries_most_minimum=selectors.CARRIES_MOST_MINIMUM,
    )
    return render(request, "erkenning/team.html", context)


# --- One's own development ---------------------------------------------------------------------


def _recorder_or_404(request):
    medewerker = medewerker_of(request.user)
    if not permissions.can_record_professionalisering(request.user, medewerker):
        raise Http404
    return medewerker


def _year_url(day) -> str:
    """The own page on the school year of `day` (where the record just saved shows)."""
    years = selectors.schooljaren()
    year = next((y for y in years if y.start_date <= day <= y.end_date), None)
    url = reverse("erkenning:mine")
    return f"{url}?schooljaar={year.pk}#professionalisering" if year else url


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names, else on top."""
    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, messages_ in errors.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


def _development_form(request, medewerker, record):
    initial = {}
    if record is not None:
        initial = {name: getattr(record, name) for name in ("date", "title", "soort", "hours",
                                                            "note")}
    form = ProfessionaliseringForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_professionalisering(
                medewerker=medewerker, professionalisering=record, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("‘%(title)s’ of %(date)s saved.") % {
                "title": saved.title, "date": date_format(saved.date, "j F Y")})
            return redirect(_year_url(saved.date))
    return render(request, "erkenning/professionalisering_form.html",
                  {"form": form, "record": record})


@login_required
def professionalisering_create(request):
    medewerker = _recorder_or_404(request)
    return _development_form(request, medewerker, None)


@login_required
def professionalisering_edit(request, uuid):
    medewerker = _recorder_or_404(request)
    record = get_object_or_404(selectors.own_professionaliseringen(request.user), uuid=uuid)
    return _development_form(request, medewerker, record)


@login_required
@require_POST
def professionalisering_delete(request, uuid):
    _recorder_or_404(request)
    record = get_object_or_404(selectors.own_professionaliseringen(request.user), uuid=uuid)
    title, day = record.title, record.date
    services.delete_professionalisering(professionalisering=record)
    messages.success(request, _("‘%(title)s’ removed.") % {"title": title})
    return redirect(_year_url(day))
