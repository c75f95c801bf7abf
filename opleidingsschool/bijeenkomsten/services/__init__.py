"""Writes around sessions, one module per area: planning (single and series, moving and
cancelling, the notices that go out through the outbox), registration (the waiting list
that moves up by itself, attendance, invited experts, the calendar feed) and the symposium.
Mail preferences live in the outbox (opleidingsschool.notifications.preferences)."""

from opleidingsschool.notifications.preferences import preferences_for, save_preferences

from .planning import (
    AMSTERDAM,
    LAST,
    cancel_bijeenkomst,
    create_bijeenkomst,
    create_reeks,
    default_criteria,
    default_date,
    default_times,
    local_datetime,
    queue_notice,
    series_dates,
    update_bijeenkomst,
    update_reeks,
)
from .registration import (
    answer_uitnodiging,
    feed_for,
    invite_expert,
    invite_guest_expert,
    record_attendance,
    register,
    reset_feed,
    schools_queryset,
    unregister,
)
from .symposium import add_criterium, add_jurylid, add_presentatie, choose_winner, save_scores

__all__ = [
    "AMSTERDAM", "LAST", "add_criterium", "add_jurylid", "add_presentatie", "answer_uitnodiging",
    "cancel_bijeenkomst", "choose_winner", "create_bijeenkomst", "create_reeks",
    "default_criteria", "default_date", "default_times", "feed_for", "invite_expert",
    "invite_guest_expert",
    "local_datetime", "preferences_for", "queue_notice", "record_attendance", "register",
    "reset_feed", "save_preferences", "save_scores", "schools_queryset", "series_dates",
    "unregister", "update_bijeenkomst", "update_reeks",
]
