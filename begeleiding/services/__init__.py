"""Writes of begeleiding: one function per use case, keyword-only. Mail goes out through
the core's outbox (begeleiding.notices), once the transaction commits."""

from ._common import *  # noqa: F403
from .bedankjes import *  # noqa: F403
from .leervragen import *  # noqa: F403
from .lesbezoeken import *  # noqa: F403
from .lesobservaties import *  # noqa: F403
from .logboek import *  # noqa: F403
from .netwerk import *  # noqa: F403
from .ontwikkelplan import *  # noqa: F403
from .opleidingsteam import *  # noqa: F403
from .schooldag import *  # noqa: F403
