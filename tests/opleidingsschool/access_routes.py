"""Access rows for the core's own pages (see tests/routes.py)."""

from tests.routes import EVERYONE, Route

STUDENT_VIEWERS = frozenset(
    {"student", "wpb", "schoolopleider", "instituutsopleider", "extra_mentor"}
)

ROUTES = [
    Route("home", EVERYONE),
    Route("profile", EVERYONE),
    Route("student_list", EVERYONE),
    Route(
        "student_detail", STUDENT_VIEWERS,
        kwargs=lambda personas: {"uuid": personas.student.uuid},
    ),
    Route("theme_css", EVERYONE, public=True),
]
