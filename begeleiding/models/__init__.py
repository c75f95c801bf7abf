"""The student's own learning and the mentoring around it: learning questions, the day log
with experience hours, classroom visits matched on expertise, the rapport check, and the
students' notes of thanks to the colleagues who train them."""

from .bedankjes import (  # noqa: F401
    BEDANKJE_MAX_LENGTH,
    Bedankje,
)
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
from .lesobservaties import (  # noqa: F401
    Indicator,
    Lesobservatie,
    Observatiedomein,
    Observatiescore,
    Score,
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
