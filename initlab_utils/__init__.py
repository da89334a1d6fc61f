"""initlab_utils: the helpers behind the initlab course on weight initialisation.

The facade: `import initlab_utils as il` gives every name a notebook uses (`il.build_mlp`,
`il.init_weights`, ...); notebooks import nothing deeper, except their exercise checks
from initlab_utils.exercises. Data flows one way: activations -> inits -> models ->
capture (a Trace) -> experiments -> theory, training, ... -> plots -> widgets; see
CONTRIBUTING.md for where each job lives.
"""

import importlib

from .activations import (
    ACTIVATIONS,
    LEAKY_SLOPE,
    Activation,
    activation_of,
    auto_gain,
    derivative,
    get_activation,
    hidden_linears,
    linears,
    readout,
)
from .analysis import (
    distinct_values,
    input_variance_share,
    numerical_rank,
    one_unit_network,
    row_spread,
    singular_values,
)
from .capture import Trace, capture
from .chaos import (
    chi_c,
    correlation_depth_scale,
    correlation_fixed_point,
    correlation_map,
    phase_grid,
    predicted_correlations,
)
from .data import CHANCE_LOSS, Digits, load_digits_data
from .experiments import layer_stat, make_input, run_experiment
from .histograms import HistogramGrid, plot_trace
from .i18n import language, set_language
from .inits import INIT_SCHEMES, Scheme, get_scheme, init_weights, lsuv_rescale
from .measure import (
    compare_with_theory,
    jacobian_singular_values,
    jacobian_spectrum,
    measure_correlations,
    measure_layer_gains,
    near_one,
    phase_trace,
)
from .models import build_mlp
from .plots import plot_layer_stat, plot_losses
from .residual import (
    NORMS,
    ResidualBlock,
    blocks,
    build_resnet,
    capture_stream,
    scale_weights,
    zero_init_residual,
)
from .residual_plots import plot_rescaling, plot_stream_std
from .residual_theory import (
    compare_residual,
    measure_stream,
    predicted_stream_std,
    rescaling_effect,
    residual_moments,
)
from .seeds import PERTURB, SEEDS, SeedRuns, Spread, compare_inits, train_seeds
from .snapshots import RULE_OF_THUMB, Recorder, loss_trace, record_seeds, record_training
from .tables import stats_table
from .theory import (
    activation_moments,
    backward_gain,
    chi1,
    critical_sigma_w2,
    depth_scale,
    fixed_point,
    forward_gain,
    predicted_activation_std,
    predicted_gradient_std,
    predicted_q,
    scheme_sigma_w2,
    unit_gain_sigma_w2,
    variance_map,
)
from .theory_plots import (
    plot_correlations,
    plot_depth_scales,
    plot_gains,
    plot_gradient_norms,
    plot_phase_diagram,
    plot_singular_values,
)
from .training import OPTIMIZERS, Trainer, TrainResult, accuracy, train_mlp
from .training_plots import plot_diagnostic, plot_ratio_profile, plot_update_ratios

# The live widgets need ipywidgets, which is imported only when one is asked for: `import
# initlab_utils` stays quick in scripts and tests that draw no widget.
WIDGETS = {
    "Explorer": "widgets.explorer",
    "explore": "widgets.explorer",
    "TheoryExplorer": "widgets.theory",
    "explore_theory": "widgets.theory",
    "PhaseExplorer": "widgets.chaos",
    "explore_phase": "widgets.chaos",
    "TrainExplorer": "widgets.train",
    "train_explorer": "widgets.train",
    "ScrubExplorer": "widgets.scrub",
    "scrub_training": "widgets.scrub",
    "ResidualExplorer": "widgets.residual",
    "explore_residual": "widgets.residual",
}

__all__ = [
    # activations.py: the ACTIVATIONS registry, reading a model
    "ACTIVATIONS",
    "LEAKY_SLOPE",
    "Activation",
    "activation_of",
    "auto_gain",
    "derivative",
    "get_activation",
    "hidden_linears",
    "linears",
    "readout",
    # inits.py, models.py, capture.py, experiments.py
    "INIT_SCHEMES",
    "Scheme",
    "get_scheme",
    "init_weights",
    "lsuv_rescale",
    "build_mlp",
    "Trace",
    "capture",
    "layer_stat",
    "make_input",
    "run_experiment",
    # analysis.py
    "distinct_values",
    "input_variance_share",
    "numerical_rank",
    "one_unit_network",
    "row_spread",
    "singular_values",
    # theory.py, chaos.py, measure.py
    "activation_moments",
    "backward_gain",
    "chi1",
    "critical_sigma_w2",
    "depth_scale",
    "fixed_point",
    "forward_gain",
    "predicted_activation_std",
    "predicted_gradient_std",
    "predicted_q",
    "scheme_sigma_w2",
    "unit_gain_sigma_w2",
    "variance_map",
    "chi_c",
    "correlation_depth_scale",
    "correlation_fixed_point",
    "correlation_map",
    "phase_grid",
    "predicted_correlations",
    "compare_with_theory",
    "jacobian_singular_values",
    "jacobian_spectrum",
    "measure_correlations",
    "measure_layer_gains",
    "near_one",
    "phase_trace",
    # data.py, training.py, seeds.py
    "CHANCE_LOSS",
    "Digits",
    "load_digits_data",
    "OPTIMIZERS",
    "TrainResult",
    "Trainer",
    "accuracy",
    "train_mlp",
    "PERTURB",
    "SEEDS",
    "SeedRuns",
    "Spread",
    "compare_inits",
    "train_seeds",
    # snapshots.py, training_plots.py: watching a run's layers while it trains
    "RULE_OF_THUMB",
    "Recorder",
    "loss_trace",
    "record_seeds",
    "record_training",
    "plot_diagnostic",
    "plot_ratio_profile",
    "plot_update_ratios",
    # histograms.py, tables.py, plots.py, theory_plots.py
    "HistogramGrid",
    "plot_trace",
    "stats_table",
    "plot_layer_stat",
    "plot_losses",
    "plot_correlations",
    "plot_depth_scales",
    "plot_gains",
    "plot_gradient_norms",
    "plot_phase_diagram",
    "plot_singular_values",
    # residual.py, residual_theory.py, residual_plots.py: residual streams (notebook 11)
    "NORMS",
    "ResidualBlock",
    "blocks",
    "build_resnet",
    "capture_stream",
    "scale_weights",
    "zero_init_residual",
    "compare_residual",
    "measure_stream",
    "predicted_stream_std",
    "rescaling_effect",
    "residual_moments",
    "plot_rescaling",
    "plot_stream_std",
    # i18n.py: the language of what a student reads at run time (il.set_language("ko"))
    "language",
    "set_language",
    # the widgets (loaded on first use)
    *WIDGETS,
]


def __getattr__(name: str):
    if name in WIDGETS:
        return getattr(importlib.import_module(f".{WIDGETS[name]}", __name__), name)
    raise AttributeError(f"module 'initlab_utils' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
