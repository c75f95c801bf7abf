"""Access rows for the health endpoints (see tests/routes.py): public, for the monitoring.

In the test run tasks are in-process, so only the database and Redis are checked (200).
"""

from tests.routes import EVERYONE, Route

ROUTES = [
    Route("health", EVERYONE, public=True),
    Route("health_web", EVERYONE, public=True),
    Route("health_sweep", EVERYONE, public=True),
]
