"""Who read it: a small log of the portal's own (issue 13).

Opening someone else's triangle notes, interim evaluation, rapport check, development plan
or submitted file calls `record_read`; the owner sees the reads on their "who read my
records" page, a coordinator searches them all. Reading your own record is not logged.
The rows go with the record they concern (retention.py) and with the owner's account.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opleidingsschool.access import partnerschap_of
from opleidingsschool.models import ReadKind, ReadRecord, User
from opleidingsschool.partnerschap.selectors import people_of


def subject_key(obj) -> str:
    """"<app_label.model>:<pk>" of a record."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def record_read(*, reader, owner_id: int, kind: str, obj, label: str, url: str = "") -> None:
    """Log that `reader` opened `obj`, a record of the user `owner_id`; one insert, none
    when the reader is the owner or not logged in."""
    if not getattr(reader, "is_authenticated", False) or reader.pk == owner_id:
        return
    ReadRecord.objects.create(
        owner_id=owner_id, reader=reader, reader_name=reader.get_full_name() or reader.email,
        kind=kind, subject_key=subject_key(obj), label=label[:250], url=url[:300],
    )


def record_reads(*, reader, rows: list[tuple[int, object, str, str]], kind: str) -> None:
    """Log several reads of one kind at once (a page that shows several owners' records):
    rows of (owner_id, obj, label, url). One insert."""
    if not getattr(reader, "is_authenticated", False):
        return
    name = reader.get_full_name() or reader.email
    ReadRecord.objects.bulk_create([
        ReadRecord(owner_id=owner_id, reader=reader, reader_name=name, kind=kind,
                   subject_key=subject_key(obj), label=label[:250], url=url[:300])
        for owner_id, obj, label, url in rows if owner_id != reader.pk
    ])


def reads_of_my_records(user) -> QuerySet[ReadRecord]:
    """The reads of the user's records by others, newest first."""
    return ReadRecord.objects.filter(owner=user).select_related("reader")


def search_read_log(user, *, query: str = "", kind: str = "") -> QuerySet[ReadRecord]:
    """For a coordinator (empty for anyone else) the reads of the records of their
    partnership's people, narrowed by a name or e-mail of the reader or the owner, and by
    kind."""
    partnerschap = partnerschap_of(user)
    if partnerschap is None:
        return ReadRecord.objects.none()
    records = ReadRecord.objects.filter(
        owner__in=people_of(partnerschap).values("pk")
    ).select_related("owner", "reader")
    if query:
        people = User.objects.filter(
            Q(first_name__icontains=query) | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        ).values("pk")
        records = records.filter(
            Q(owner__in=people) | Q(reader__in=people) | Q(reader_name__icontains=query)
        )
    if kind in ReadKind.values:
        records = records.filter(kind=kind)
    return records
