"""Pages of the triangle. Each view gets its objects through a selector (outside the triangle:
404), checks a permission (a member who may only read: 403), calls a service, renders."""

from .gesprekken import *  # noqa: F403
from .items import *  # noqa: F403
from .overview import *  # noqa: F403
from .tussenevaluaties import *  # noqa: F403
