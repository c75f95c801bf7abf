"""The partnership page: one card per section with its count."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy

from ...access import partnerschap_of
from ...permissions import coordinator_required
from ...urlmemo import fixed_url
from .. import selectors

SECTIONS = [
    # (url name prefix, count key, heading, what it is, add label)
    ("stage", "stages", gettext_lazy("Placements"),
     gettext_lazy("Students at a school in a school year, with their triangle."),
     gettext_lazy("Add a placement")),
    ("student", "studenten", gettext_lazy("Students"),
     gettext_lazy("Student teachers, their programme and study year."),
     gettext_lazy("Add a student")),
    ("medewerker", "medewerkers", gettext_lazy("Staff members"),
     gettext_lazy("Mentors, teacher educators, coordinators and colleagues."),
     gettext_lazy("Add a staff member")),
    ("starter", "starters", gettext_lazy("Starting teachers"),
     gettext_lazy("Newly qualified teachers who are still supported."),
     gettext_lazy("Add a starting teacher")),
    ("school", "schools", gettext_lazy("Schools"),
     gettext_lazy("The secondary schools of the partnership."), gettext_lazy("Add a school")),
    ("instituut", "instituten", gettext_lazy("Institutes"),
     gettext_lazy("The teacher-education institutes."), gettext_lazy("Add an institute")),
    ("opleiding", "opleidingen", gettext_lazy("Programmes"),
     gettext_lazy("Programmes of the institutes, with level, subject and target hours."),
     gettext_lazy("Add a programme")),
    ("schooljaar", "schooljaren", gettext_lazy("School years"),
     gettext_lazy("From 1 August to 31 July; placements belong to one."),
     gettext_lazy("Add a school year")),
    ("expertise", "expertises", gettext_lazy("Expertise"),
     gettext_lazy("What colleagues are good at; students visit their lessons for it."),
     gettext_lazy("Add an expertise")),
    ("vakantie", "vakanties", gettext_lazy("School holidays"),
     gettext_lazy("The national school holidays per region (north, middle, south)."),
     gettext_lazy("Add a school holiday")),
    ("vrijedag", "vrije_dagen", gettext_lazy("Days off of schools"),
     gettext_lazy("A school's own days off, such as study days."),
     gettext_lazy("Add a day off")),
]


@coordinator_required
def index(request):
    partnerschap = partnerschap_of(request.user)
    counts = selectors.counts(partnerschap)
    sections = [
        {
            "heading": heading, "description": description, "add_label": add_label,
            "count": counts[key], "list_url": fixed_url(f"partnerschap:{name}_list"),
            "add_url": fixed_url(f"partnerschap:{name}_create"),
        }
        for name, key, heading, description, add_label in SECTIONS
    ]
    return render(request, "partnerschap/index.html", {
        "counts": counts, "sections": sections, "partnerschap": partnerschap,
    })
