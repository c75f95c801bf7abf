"""The curriculum's pages. Views parse input, get objects from selectors (out of scope is a
404), check permissions (visible but read-only is a 403), call services and render."""

from .bouwstenen import *  # noqa: F403
from .catalogue import *  # noqa: F403
from .leeruitkomsten import *  # noqa: F403
from .toewijzingen import *  # noqa: F403
from .voortgang import *  # noqa: F403
