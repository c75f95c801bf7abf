"""The core's pages: home, students in view, own profile, the theme stylesheet."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import federation, homecache, registries, secondfactor, selectors, signals
from .access import capacities_for, medewerker_of, roles_for
from .context_processors import content_lang
from .forms import CoachForm, ProfileForm, StudentFilterForm
from .models import Student
from .pagination import Paginator
from .services import set_coach, update_profile
from .theme import readable_color

PAGE_SIZE = 25


@login_required
def home(request):
    """The panels of every app for this person's roles, kept per person (homecache)."""
    html, stamp = homecache.get(request.user)
    if html is None:
        roles = roles_for(request.user)
        panels = [
            panel
            for source in registries.home_panels
            for panel in source(user=request.user, roles=roles)
        ]
        panels.sort(key=lambda panel: panel.order)
        html = render_to_string(
            "opleidingsschool/home/_panels.html",
            {"panels": panels, "roles": roles, "user": request.user,
             "content_lang": content_lang(), "csrf_token": homecache.CSRF_PLACEHOLDER},
        )
        homecache.keep(request.user, stamp, html)
    # A form on a panel gets this request's token (the kept panels are shared by devices).
    html = html.replace(homecache.CSRF_PLACEHOLDER, get_token(request))
    return render(request, "opleidingsschool/home.html", {"panels_html": mark_safe(html)})


@login_required
def student_list(request):
    form = StudentFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    students = selectors.students_page_source(
        request.user,
        query=filters.get("q") or "",
        school=filters.get("school"),
        study_year=filters.get("study_year") or None,
    )
    page = Paginator(students, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opleidingsschool/student_list.html",
        {"page": page, "form": form, "is_filtered": bool(filters and any(filters.values()))},
    )


@login_required
def student_detail(request, uuid):
    student = get_object_or_404(selectors.student_detail_queryset(request.user), uuid=uuid)
    capacities = capacities_for(request.user, student)
    links = [
        link
        for source in registries.student_links
        for link in source(user=request.user, student=student, roles=capacities,
                            stages=student.visible_stages)
    ]
    is_starter = any(stage.is_inductie for stage in student.visible_stages)
    coach_url = None
    if is_starter:  # the coordinator or schoolopleider who may choose the coach: a link
        starter = selectors.starters_for_coaching(request.user).filter(
            user_id=student.user_id).first()
        coach_url = reverse("inductie_coach", args=[starter.uuid]) if starter else None
    return render(
        request,
        "opleidingsschool/student_detail.html",
        {
            "student": student,
            "stages": student.visible_stages,
            "capacities": capacities,
            "links": sorted(links, key=lambda link: link.order),
            "is_starter": is_starter,
            "coach_url": coach_url,
        },
    )


@login_required
def profile(request):
    medewerker = medewerker_of(request.user)
    form = ProfileForm(request.POST or None, user=request.user, medewerker=medewerker)
    if request.method == "POST" and form.is_valid():
        update_profile(user=request.user, medewerker=medewerker, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile")
        # The chosen language applies at once.
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language)
        translation.activate(request.user.language)
        return response
    return render(request, "opleidingsschool/profile.html", {
        "form": form,
        "identities": federation.identities_of(request.user),
        "second_factors": secondfactor.second_factors_of(request.user),
        "requires_second_factor": secondfactor.requires_second_factor(request.user),
    })


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """The partnership's colour as CSS custom properties (no inline styles: strict CSP).

    A colour too light to read on the page is replaced by a darker shade of itself.
    """
    color = readable_color(settings.PORTAL_COLOR)
    rgb = ", ".join(str(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    css = (
        f":root {{ --portal-color: {color}; --portal-color-rgb: {rgb}; --bs-primary: {color};"
        f" --bs-primary-rgb: {rgb}; --bs-link-color: {color}; --bs-link-color-rgb: {rgb}; }}\n"
    )
    return HttpResponse(css, content_type="text/css")


@login_required
def signalen(request):
    """The schoolopleider's signals, from every app through registries.signal_sources."""
    if not signals.can_see_signals(request.user):
        raise Http404
    groups = signals.signal_groups(request.user)
    for group in groups:
        if group["on_shown"] is not None:
            group["on_shown"](user=request.user, signals=group["signals"])
    return render(request, "opleidingsschool/signalen.html", {
        "groups": groups, "school": medewerker_of(request.user).school,
    })


@login_required
def inductie_coach(request, uuid):
    """Choose or change a starter's induction coach (issue 15): the coordinator of the
    partnership and the schoolopleider of the starter's school; a 404 for anyone else."""
    starter = get_object_or_404(
        selectors.starters_for_coaching(request.user).select_related("user", "school"),
        uuid=uuid)
    student = Student.objects.filter(user_id=starter.user_id).first()
    stage = selectors.current_inductie(student) if student is not None else None
    if stage is None:
        raise Http404  # every starter has an induction (services.inductie); never reached
    current = selectors.coach_of(stage)
    form = CoachForm(request.POST or None, school=starter.school,
                     initial={"coach": current.medewerker if current else None})
    if request.method == "POST" and form.is_valid():
        coach = form.cleaned_data["coach"]
        try:
            set_coach(stage=stage, coach=coach)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("coach", message)
        else:
            if coach is None:
                text = _("%(starter)s has no induction coach now.") % {"starter": starter}
            else:
                text = _("%(coach)s is now the induction coach of %(starter)s.") % {
                    "coach": coach.user, "starter": starter}
            messages.success(request, text)
            return redirect("inductie_coach", uuid=starter.uuid)
    return render(request, "opleidingsschool/inductie_coach.html", {
        "starter": starter, "stage": stage, "current": current, "form": form,
    })
