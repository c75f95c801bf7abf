"""The curriculum: learning outcomes and their meaning per school, learning-work tasks,
assignments, submissions with their files and feedback, and curriculum building blocks."""

from .curriculum import (  # noqa: F401
    BouwsteenSoort,
    Curriculumbouwsteen,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
    StageLevel,
)
from .opdrachten import (  # noqa: F401
    Beoordeling,
    Bestand,
    Feedback,
    FeedbackRegel,
    Inlevering,
    InleveringStatus,
    InleveringVersie,
    Toewijzing,
    bestand_upload_to,
)
