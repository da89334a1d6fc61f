"""Auto-checked exercises: each check_...(answer) says what is right or what to reconsider.

The expected answers are measured with the package when a check runs, never typed in.
One module per notebook; everything is importable from here.
"""

from .core import Verdict, close, feedback
from .nb01 import (
    SYMMETRY_RUN,
    check_adam_keeps_symmetry,
    check_what_moves_zeros_tanh,
    check_zeros_wake_up_step,
)
from .nb02 import (
    check_gradient_ratio_std2,
    check_more_saturated_with_larger_std,
    check_saturation_width400,
)
from .nb03 import (
    check_backward_gain_width400,
    check_distinct_values_exp2,
    check_std_for_unit_gain,
)
from .nb04 import (
    check_tanh_unit_variance_gain,
    check_xavier_sigmoid_thousandfold,
    check_xavier_std,
)
from .nb05 import (
    check_he_over_xavier_depth30,
    check_leaky_relu_gain,
    check_relu_second_moment_ratio,
)
from .nb06 import (
    check_linear_vanishing_depth,
    check_selu_scheme,
    check_tanh_steady_std,
)
from .nb07 import check_deep_relu_winner, check_sigmoid_sgd_best
from .nb08 import check_sigmoid_backward_sigma_w2, check_tanh_he_layer10_std
from .nb09 import (
    check_pytorch_default_sigma_w2,
    check_tanh_edge_of_chaos,
    check_trainable_depth_point_c,
)

__all__ = [
    "Verdict",
    "close",
    "feedback",
    "SYMMETRY_RUN",
    "check_adam_keeps_symmetry",
    "check_what_moves_zeros_tanh",
    "check_zeros_wake_up_step",
    "check_gradient_ratio_std2",
    "check_more_saturated_with_larger_std",
    "check_saturation_width400",
    "check_backward_gain_width400",
    "check_distinct_values_exp2",
    "check_std_for_unit_gain",
    "check_tanh_unit_variance_gain",
    "check_xavier_sigmoid_thousandfold",
    "check_xavier_std",
    "check_he_over_xavier_depth30",
    "check_leaky_relu_gain",
    "check_relu_second_moment_ratio",
    "check_linear_vanishing_depth",
    "check_selu_scheme",
    "check_tanh_steady_std",
    "check_deep_relu_winner",
    "check_sigmoid_sgd_best",
    "check_sigmoid_backward_sigma_w2",
    "check_tanh_he_layer10_std",
    "check_pytorch_default_sigma_w2",
    "check_tanh_edge_of_chaos",
    "check_trainable_depth_point_c",
]
