"""The refused-request check of the URL and bad-input walks (tests/snapshot.py) must see a
change, whichever way it was made, and must not see one where none was made."""

import pytest

from opleidingsschool.models import School

from . import factories
from .snapshot import RolledBack

pytestmark = pytest.mark.django_db


def test_a_block_that_writes_nothing_changed_nothing():
    factories.SchoolFactory()
    with RolledBack() as block:
        list(School.objects.all())
        block.check()
    assert block.changed == []


def test_an_added_row_an_edited_field_and_a_deleted_row_are_changes():
    school = factories.SchoolFactory(name="Het Oude College")
    pk = school.pk
    with RolledBack() as block:
        factories.SchoolFactory()
        block.check()
    assert block.changed == ["opleidingsschool_school"]

    with RolledBack() as block:
        School.objects.filter(pk=pk).update(name="Het Nieuwe College")
        block.check()
    assert block.changed == ["opleidingsschool_school"]

    with RolledBack() as block:
        school.delete()
        block.check()
    assert "opleidingsschool_school" in block.changed
    # Every block was rolled back.
    assert School.objects.get(pk=pk).name == "Het Oude College"


def test_a_write_of_the_same_values_is_no_change_and_earlier_writes_do_not_count():
    school = factories.SchoolFactory()
    with RolledBack() as block:
        factories.SchoolFactory()  # written and rolled back before the next block
    with RolledBack() as block:
        school.save()  # an UPDATE that changes no value
        block.check()
    assert block.changed == []


def test_without_check_nothing_is_looked_at():
    with RolledBack() as block:
        factories.SchoolFactory()
    assert block.changed == []
