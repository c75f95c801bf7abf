"""The triangle's work on a placement: meetings with their notes and sign-off, learning goals,
action items, needs ("do we have something for this?") and interim evaluations.

The triangle itself is not stored here: it is the placement's active formal Begeleider rows
(werkplekbegeleider, schoolopleider, instituutsopleider) plus the student.
"""

from .gesprekken import (  # noqa: F401
    Addendum,
    Akkoord,
    Driehoeksgesprek,
    GesprekStatus,
    Wijziging,
    WijzigingSoort,
)
from .items import (  # noqa: F401
    Actiepunt,
    Behoefte,
    BehoefteStatus,
    Leerdoel,
    LeerdoelStatus,
)
from .tussenevaluaties import (  # noqa: F401
    Ontwikkelniveau,
    Oordeel,
    Tussenevaluatie,
)
