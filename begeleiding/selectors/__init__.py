"""Reads of begeleiding, each built on the core's access layer (opleidingsschool.access).

Every view gets its objects from one of these; an object outside the scope is a 404.
"""

from ._common import *  # noqa: F403
from .bedankjes import *  # noqa: F403
from .klik import *  # noqa: F403
from .klikmomenten import *  # noqa: F403
from .leervragen import *  # noqa: F403
from .lesbezoeken import *  # noqa: F403
from .lesobservaties import *  # noqa: F403
from .netwerk import *  # noqa: F403
from .ontwikkelplan import *  # noqa: F403
from .opleidingsteam import *  # noqa: F403
from .schooldag import *  # noqa: F403
from .uren import *  # noqa: F403
from .visibility import *  # noqa: F403
