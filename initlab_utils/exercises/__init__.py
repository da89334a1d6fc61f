"""Auto-checked exercises: each check_...(answer) says what is right or what to reconsider.

The expected answers are measured with the package when a check runs, never typed in.
One module per notebook, each listing its checks in its own __all__; every one of them is
importable from here (`from initlab_utils.exercises import check_...`).
"""

from . import nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11
from .core import Verdict, close, feedback

NOTEBOOKS = (nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11)
CHECKS = {name: getattr(m, name) for m in NOTEBOOKS for name in m.__all__}
globals().update(CHECKS)

__all__ = ["Verdict", "close", "feedback", *CHECKS]
