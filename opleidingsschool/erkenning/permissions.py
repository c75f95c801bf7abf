"""Who may do what on the recognition pages. Checks take `(user, obj)` and answer a bool."""

from __future__ import annotations

from ..access import Rol, is_coordinator, roles_for


def can_see_team(user) -> bool:
    """A schoolopleider sees the team of their school, a coordinator the partnership's."""
    return is_coordinator(user) or Rol.SCHOOLOPLEIDER in roles_for(user)


def can_record_professionalisering(user, medewerker) -> bool:
    """A schoolopleider or instituutsopleider records their own development as a teacher
    educator, on their own page only."""
    return (
        medewerker is not None
        and medewerker.user_id == user.pk
        and (medewerker.is_schoolopleider or medewerker.is_instituutsopleider)
    )
