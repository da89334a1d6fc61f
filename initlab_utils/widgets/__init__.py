"""The live explorers (ipywidgets): one base of controls, entries and messages; thin widgets."""

from .base import ControlPanel, message_html
from .chaos import PhaseExplorer, explore_phase
from .controls import Control
from .explorer import Explorer, explore
from .residual import ResidualExplorer, explore_residual
from .scrub import ScrubExplorer, scrub_training
from .theory import TheoryExplorer, explore_theory
from .train import TrainExplorer, train_explorer

__all__ = [
    "Control",
    "ControlPanel",
    "message_html",
    "Explorer",
    "explore",
    "TheoryExplorer",
    "explore_theory",
    "PhaseExplorer",
    "explore_phase",
    "TrainExplorer",
    "train_explorer",
    "ScrubExplorer",
    "scrub_training",
    "ResidualExplorer",
    "explore_residual",
]
