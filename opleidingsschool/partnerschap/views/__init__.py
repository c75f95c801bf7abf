"""The coordinator's partnership pages: organisations, programmes, school years, people,
placements and expertise tags.

A few small bases (base.py) carry what every section shares (coordinator-only access, filtered
and paginated lists, create/edit forms, delete with confirmation, service errors shown on the
form); each section only names its model, form, selector and texts.
"""

from .base import ResendInvitation  # noqa: F401
from .imports import *  # noqa: F403
from .mensen import *  # noqa: F403
from .organisaties import *  # noqa: F403
from .overview import *  # noqa: F403
from .stages import *  # noqa: F403
