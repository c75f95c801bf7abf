"""Reads for sessions, each scoped: a person sees the sessions open to them (their audience)
or that they take part in, of the partnerships they take part in; a coordinator plans
their own partnership's."""

from .attendance import (  # noqa: F401
    SOORT_CHOICES,
    AttendedBijeenkomst,
    attended_bijeenkomsten,
    latest_series,
    series_overview,
    series_sessions,
)
from .audience import (  # noqa: F401
    _count,
    _for_schools,
    _involvement_q,
    _student_school_ids,
    agenda_for,
    agenda_sessions,
    audience_q,
    bijeenkomsten_for,
    detail_queryset,
    is_open_to,
    planned_by,
    planning_list,
    planning_page_source,
    with_counts,
    with_my_status,
)
from .leercafe import (  # noqa: F401
    ExpertiseGroup,
    expertise_by_name,
    leercafe_groups,
)
from .symposium import (  # noqa: F401
    criteria_of,
    final_year_students,
    jurylid_for,
    my_scores,
    partnerschap_staff,
    staff_choices,
    symposium_context,
)
from .uitnodigingen import (  # noqa: F401
    my_uitnodiging,
    next_sessions,
    open_uitnodigingen_for,
    registrations,
    uitnodigingen,
    uitnodigingen_for,
)
