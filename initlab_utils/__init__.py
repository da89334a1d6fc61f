"""initlab_utils: the helpers behind the initlab course on weight initialisation.

Data flows one way: build_mlp -> init_weights -> capture (a Trace) -> HistogramGrid /
explore. Every notebook calls these same functions.
"""

from .capture import Trace, capture
from .experiments import run_experiment
from .inits import INIT_SCHEMES, init_weights
from .models import ACTIVATIONS, build_mlp
from .plotting import HistogramGrid, plot_trace

__all__ = [
    "ACTIVATIONS",
    "INIT_SCHEMES",
    "HistogramGrid",
    "Trace",
    "build_mlp",
    "capture",
    "explore",
    "init_weights",
    "plot_trace",
    "run_experiment",
]


def __getattr__(name: str):
    # ipywidgets is imported only when a widget is asked for, keeping `import
    # initlab_utils` quick in scripts and tests that draw no widget.
    if name in ("explore", "Explorer"):
        from . import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'initlab_utils' has no attribute {name!r}")
