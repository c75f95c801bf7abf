"""The opleidingsschool app's models, one module per area; import them from here.

accounts (User), core (organisations, people, placements, mentors), bijeenkomsten (sessions,
registrations, invitations, the calendar feed), symposium (presentations, jury, scores) and
notifications (the exactly-once mail record and preferences), holidays (school holidays
per region, a school's days off), imports (uploaded spreadsheets awaiting confirmation),
privacy (who read a record, data exports) and erkenning (a teacher educator's own
professional development). Imports between the modules point one way: accounts <- core <-
bijeenkomsten <- symposium, notifications; core <- holidays, erkenning.
"""
from .accounts import (  # noqa: F401
    User,
    UserManager,
)
from .bijeenkomsten import (  # noqa: F401
    Aanmelding,
    AanmeldingStatus,
    Bijeenkomst,
    BijeenkomstQuerySet,
    BijeenkomstStatus,
    KalenderFeed,
    Reeks,
    Soort,
    Uitnodiging,
    UitnodigingStatus,
    new_feed_token,
)
from .core import (  # noqa: F401
    ALL_SCHOOL_DAYS,
    FORMAL_FUNCTIES,
    FUNCTIE_ORDER,
    Begeleider,
    BegeleiderQuerySet,
    BegeleiderStatus,
    Expertise,
    Functie,
    Instituut,
    Medewerker,
    Niveau,
    Opleiding,
    Partnerschap,
    Regio,
    School,
    Schooljaar,
    SchooljaarQuerySet,
    Stage,
    StageKind,
    StageQuerySet,
    Starter,
    Student,
    StudentQuerySet,
    default_partnerschap,
    triangle_position,
)
from .erkenning import (  # noqa: F401
    Professionalisering,
    ProfessionaliseringSoort,
)
from .holidays import (  # noqa: F401
    Vakantie,
    VrijeDag,
)
from .imports import (  # noqa: F401
    IMPORT_BATCH_LIFETIME,
    ImportBatch,
    ImportKind,
)
from .notifications import (  # noqa: F401
    Herinnering,
    HerinneringStatus,
    NotificatieVoorkeur,
    SkipReason,
)
from .privacy import (  # noqa: F401
    DataExport,
    ExportStatus,
    ReadKind,
    ReadRecord,
)
from .symposium import (  # noqa: F401
    Criterium,
    JuryLid,
    Presentatie,
    Score,
)
