"""factory_boy factories for every model, one module per app; import them from here."""

from .begeleiding import *  # noqa: F403
from .bijeenkomsten import *  # noqa: F403
from .core import *  # noqa: F403
from .driehoek import *  # noqa: F403
from .leerwerktaken import *  # noqa: F403
from .lesobservaties import *  # noqa: F403
