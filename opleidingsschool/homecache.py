"""The home page's panels, kept per person in the cache and thrown away on the writes that
change them (issue 10).

A home page gathers panels from four apps, each with its own few queries (a schoolopleider's
home about 28). People open their home far more often than anything on it changes, so the
rendered panels are kept per person and language, together with the two versions they were
made under: the person's own and everyone's. One cache round trip reads the panels and both
versions; a version that moved means the panels are made again.

What moves a version:

- A saved or deleted row of the four apps (signals): the people who see the placement or
  student it belongs to (the student, their mentors, the schoolopleiders of the school, the
  coordinators), worked out in one query, plus the people the row names itself (an owner, a
  host, a mentor). A row that belongs to no placement or student (a session, a school, a
  curriculum item, a holiday) moves everyone's version. Rows that no home page shows (the
  mail outbox, read records, exports, imports, feed tokens) move nothing.
- A bulk `update()` does not send signals: the services that use one call `touch()` with the
  rows they change.
- Time: the panels are kept at most `HOME_CACHE_SECONDS` and never past the day they were
  made on ("today", "this week"), so what depends on the clock alone is at most that old.

Writes are noted per thread and resolved in one query when their transaction commits (so a
request that read the old rows before the commit cannot keep them), right away outside a
transaction, and before the same thread reads a home page (what a rolled-back transaction
noted is thrown away then too: harmless).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

APPS = ("opleidingsschool", "begeleiding", "driehoek", "leerwerktaken")
# Rows no home page shows: writing them moves nothing.
IGNORED = {
    ("opleidingsschool", "herinnering"), ("opleidingsschool", "readrecord"),
    ("opleidingsschool", "dataexport"), ("opleidingsschool", "importbatch"),
    ("opleidingsschool", "kalenderfeed"), ("opleidingsschool", "notificatievoorkeur"),
}
EVERYONE = "homev:all"
# Moves when a placement or a mentor row is written: the counts of complete triangles kept
# by selectors.year_triangle_counts are made again.
TRIANGLES_VERSION = "triangles:v"
# Kept panels hold this where a form's CSRF token goes; the view puts the request's in.
CSRF_PLACEHOLDER = "homecache-csrf-token-placeholder"


def _user_key(user_id: int) -> str:
    return f"homev:{user_id}"


def _panels_key(user_id: int) -> str:
    return f"home:{user_id}:{translation.get_language() or settings.LANGUAGE_CODE}"


def enabled() -> bool:
    return settings.HOME_CACHE_SECONDS > 0


# --- Reading and keeping -----------------------------------------------------------------------


def get(user) -> tuple[str | None, tuple]:
    """The kept panels of this person (or None) and the stamp to keep new ones under."""
    if not enabled():
        return None, ()
    flush()  # this thread's own writes of an open transaction
    key, user_key = _panels_key(user.pk), _user_key(user.pk)
    found = cache.get_many([key, EVERYONE, user_key])
    stamp = (timezone.localdate().isoformat(), found.get(EVERYONE), found.get(user_key))
    kept = found.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1], stamp
    return None, stamp


def keep(user, stamp: tuple, html: str) -> None:
    if enabled():
        cache.set(_panels_key(user.pk), (stamp, html), settings.HOME_CACHE_SECONDS)


# --- Moving versions ---------------------------------------------------------------------------


def _move(user_ids: Iterable[int] | None) -> None:
    token = uuid.uuid4().hex
    if user_ids is None:
        cache.set(EVERYONE, token, None)
    else:
        keys = {_user_key(pk): token for pk in set(user_ids) if pk}
        if keys:
            cache.set_many(keys, None)


def changed(*, user_ids: Iterable[int] = (), everyone: bool = False) -> None:
    """Throw away the panels of these people (or of everyone)."""
    if not enabled():
        return
    targets = None if everyone else set(user_ids)
    if targets is None or targets:
        _move(targets)


class _Pending(threading.local):
    """What this thread wrote and has not thrown away yet: resolved in one query when the
    transaction commits, or before this thread reads a home page.
    `refs` are (app, model, field) -> ids: a row's parent (its placement or student is the
    parent's `field`), staff (`field` is "user_id") or a starter."""

    def __init__(self):
        self.stage_ids: set[int] = set()
        self.student_ids: set[int] = set()
        self.user_ids: set[int] = set()
        self.refs: dict[tuple[str, str, str], set[int]] = {}
        self.everyone = False
        self.triangles = False

    def __bool__(self) -> bool:
        return bool(self.everyone or self.stage_ids or self.student_ids or self.user_ids
                    or self.refs or self.triangles)


_pending = _Pending()


def _note() -> None:
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(flush)
    else:
        flush()


def flush(**_kwargs) -> None:
    """Throw away the panels of everyone this thread's writes concern (one query)."""
    if not _pending:
        return
    pending = _pending.__dict__.copy()
    _pending.__init__()
    if pending["triangles"]:
        cache.set(TRIANGLES_VERSION, uuid.uuid4().hex, None)
    if pending["everyone"]:
        changed(everyone=True)
    else:
        changed(user_ids=pending["user_ids"] | audience(
            stage_ids=pending["stage_ids"], student_ids=pending["student_ids"],
            refs=pending["refs"],
        ))


def audience(*, stage_ids: Iterable[int] = (), student_ids: Iterable[int] = (),
             refs: dict | None = None) -> set[int]:
    """The user ids who see these placements or these students' records on a home page:
    the students, everyone mentoring one of their placements (in any status) and the
    schoolopleiders of the schools; with `refs`, also the placements and students of those
    parent rows and the users of those staff and starter rows. One query. (The
    coordinators' figures are totals of the whole partnership: their panels are kept for
    HOME_CACHE_SECONDS, not thrown away by every write in it.)"""
    from django.apps import apps

    from .models import Begeleider, Medewerker, Stage, Student

    stage_ids, student_ids, refs = set(stage_ids), set(student_ids), refs or {}
    stage_match, student_match, users = Q(pk__in=stage_ids), Q(pk__in=student_ids), []
    for (app, model, field), ids in refs.items():
        rows = apps.get_model(app, model).objects.filter(pk__in=ids).values(field)
        if field == "stage_id":
            stage_match |= Q(pk__in=rows)
        elif field == "student_id":
            student_match |= Q(pk__in=rows)
        else:
            users.append(rows.values_list(field, flat=True))
    stages = Stage.objects.filter(stage_match | Q(student_id__in=Student.objects.filter(
        student_match).values("pk")))
    query = (
        Student.objects.filter(student_match | Q(pk__in=stages.values("student_id")))
        .values_list("user_id", flat=True)
        .union(Medewerker.objects.filter(
            pk__in=Begeleider.objects.filter(stage__in=stages.values("pk")).values("medewerker_id")
        ).values_list("user_id", flat=True))
        .union(Medewerker.objects.filter(
            is_schoolopleider=True, school_id__in=stages.values("school_id")
        ).values_list("user_id", flat=True))
    )
    if users:
        query = query.union(*users)
    return set(query)


def note(*, stage_ids: Iterable[int] = (), student_ids: Iterable[int] = (),
         everyone: bool = False) -> None:
    """A service changed rows of these placements or students (or of everyone) without
    saving them one by one: their people's panels are thrown away after the commit."""
    if not enabled():
        return
    _pending.stage_ids.update(stage_ids)
    _pending.student_ids.update(student_ids)
    _pending.everyone |= everyone
    _note()


def touch(queryset) -> None:
    """Before a bulk `update()` of rows with a placement or a student: throw away the panels
    of the people who see them (one query for the rows, one for the people)."""
    if not enabled():
        return
    names = {field.attname for field in queryset.model._meta.concrete_fields}
    fields = [name for name in ("stage_id", "student_id") if name in names]
    if not fields:
        _pending.everyone = True
    for row in queryset.order_by().values(*fields) if fields else ():
        if row.get("stage_id"):
            _pending.stage_ids.add(row["stage_id"])
        if row.get("student_id"):
            _pending.student_ids.add(row["student_id"])
    _note()


# --- What a row belongs to ---------------------------------------------------------------------

# A row that has no placement or student of its own reaches one through its parent.
_PARENTS = {
    "begeleider_id": ("opleidingsschool", "Begeleider", "stage_id"),
    "gesprek_id": ("driehoek", "Driehoeksgesprek", "stage_id"),
    "leervraag_id": ("begeleiding", "Leervraag", "student_id"),
    "tussenevaluatie_id": ("driehoek", "Tussenevaluatie", "stage_id"),
    "ontwikkelplan_id": ("begeleiding", "Ontwikkelplan", "student_id"),
    "lesobservatie_id": ("begeleiding", "Lesobservatie", "student_id"),
}
# Rows name people directly: their own home changes too.
_PEOPLE = ("user_id", "owner_id", "observer_id")
_STAFF = {"medewerker_id": ("opleidingsschool", "Medewerker", "user_id"),
          "host_id": ("opleidingsschool", "Medewerker", "user_id"),
          "starter_id": ("opleidingsschool", "Starter", "user_id")}


def _ref(key: tuple[str, str, str], value: int) -> None:
    _pending.refs.setdefault(key, set()).add(value)


def _scope(instance) -> bool:
    """Note the placements, students and people this row belongs to; False when it belongs
    to none (a session, a school, a curriculum item): then it concerns everyone. No query."""
    meta = instance._meta
    if meta.label == "opleidingsschool.User":
        _pending.user_ids.add(instance.pk)
        return True
    found = False
    if meta.label == "opleidingsschool.Stage":
        _pending.stage_ids.add(instance.pk)
        found = True
    if meta.label == "opleidingsschool.Student":
        _pending.student_ids.add(instance.pk)
        found = True
    for name, target in (("stage_id", _pending.stage_ids), ("student_id", _pending.student_ids)):
        value = getattr(instance, name, None)
        if value:
            target.add(value)
            found = True
    if not found:
        for name, key in _PARENTS.items():
            value = getattr(instance, name, None)
            if value:
                _ref(key, value)
                found = True
                break
    starter_id = getattr(instance, "starter_id", None)
    if not found and not starter_id:
        return False
    _pending.user_ids.update(
        getattr(instance, name) for name in _PEOPLE if getattr(instance, name, None)
    )
    for name, key in _STAFF.items():
        value = getattr(instance, name, None)
        if value:
            _ref(key, value)
    return True


def _on_write(sender, instance, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label not in APPS or (meta.app_label, meta.model_name) in IGNORED:
        return
    if kwargs.get("raw"):
        return
    if meta.label in ("opleidingsschool.Stage", "opleidingsschool.Begeleider"):
        _pending.triangles = True
    if not enabled():
        if _pending.triangles:
            _note()
        return
    if sender._meta.model_name == "user" and kwargs.get("update_fields") == frozenset(
        {"last_login"}
    ):
        return  # logging in changes no panel
    if not _scope(instance):
        _pending.everyone = True
    _note()


def _on_m2m(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _on_write(type(instance), instance)


def connect() -> None:
    post_save.connect(_on_write, dispatch_uid="homecache.save")
    post_delete.connect(_on_write, dispatch_uid="homecache.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="homecache.m2m")
