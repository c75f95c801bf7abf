"""The student's own learning and the mentoring around it: learning questions, the day log
with experience hours, classroom visits matched on expertise, and the rapport check."""

from .klikchecks import (  # noqa: F401
    DEFAULT_KLIK_WEEKS,
    Klikafspraak,
    Klikcheck,
    Klikmomenten,
    period_start,
)
from .leervragen import (  # noqa: F401
    Leervraag,
    LeervraagQuerySet,
    LeervraagStatus,
    Reactie,
    Visibility,
)
from .lesbezoeken import (  # noqa: F401
    OPEN_LESBEZOEK_STATUSES,
    Lesaanbod,
    Lesbezoek,
    LesbezoekStatus,
    Weekdag,
)
from .logboek import (  # noqa: F401
    Activiteit,
    Logregel,
)
from .ontwikkelplan import (  # noqa: F401
    Ontwikkelplan,
    Ontwikkelpunt,
    OntwikkelpuntStatus,
)
from .opleidingsteam import (  # noqa: F401
    Opleidingsteamlid,
)
from .schooldag import (  # noqa: F401
    LOGREGEL_ACTIVITEIT,
    Dagplan,
    DagplanActiviteit,
)
