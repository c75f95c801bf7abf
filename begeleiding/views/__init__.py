"""Pages of begeleiding. Each view gets its objects from a selector scoped by the access
layer (outsiders get a 404), checks a permission (visible but read-only: 403), calls a
service and renders or redirects."""

from .bedankjes import *  # noqa: F403
from .leervragen import *  # noqa: F403
from .lesbezoeken import *  # noqa: F403
from .lesobservaties import *  # noqa: F403
from .logboek import *  # noqa: F403
from .netwerk import *  # noqa: F403
from .observatie_instrument import *  # noqa: F403
from .ontwikkelplan import *  # noqa: F403
from .opleidingsteam import *  # noqa: F403
from .schooldag import *  # noqa: F403
