"""The playground's claims, measured."""

import math

import initlab_utils as il
from initlab_utils.exercises import (
    check_linear_vanishing_depth,
    check_selu_scheme,
    check_tanh_steady_std,
)


def log_ratios(width, seeds=range(6)):
    out = []
    for seed in seeds:
        s = il.run_experiment(
            activation="relu",
            scheme="he_normal",
            depth=30,
            width=width,
            seed=seed,
            backward=False,
        ).stats()
        out.append(math.log(s[-1]["std"] / s[0]["std"]))
    return out


def test_narrow_networks_wander_more_than_wide_ones():
    def spread(xs):
        m = sum(xs) / len(xs)
        return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))

    assert spread(log_ratios(10)) > 2 * spread(log_ratios(200))


def test_selu_needs_variance_one_over_n():
    assert check_selu_scheme("lecun_normal")
    assert not check_selu_scheme("he_normal")
    assert not check_selu_scheme("pytorch_default")
    assert "choose one of" in repr(check_selu_scheme("lecun"))


def test_tanh_has_a_steady_std_without_saturation_and_others_fail():
    # Xavier's 0.1 lets the spread decay; about 5/3 of it (0.17) holds it with little
    # saturation; large stds hold it only by pinning units at -1 and 1.
    def measured(std):
        s = il.run_experiment(activation="tanh", std=std, depth=10, backward=False).stats()
        return s[-1]["std"] / s[0]["std"], s[-1]["frac_saturated"]

    ratio, saturated = measured(0.17)
    assert 0.8 <= ratio <= 1.25 and saturated <= 0.1 and check_tanh_steady_std(0.17)
    assert measured(0.1)[0] < 0.8 and not check_tanh_steady_std(0.1)
    for big in (1.0, 5.0, 10.0):
        ratio, saturated = measured(big)
        assert 0.8 <= ratio <= 1.25 and saturated > 0.8
        assert "saturation" in repr(check_tanh_steady_std(big)) or "pinned" in repr(
            check_tanh_steady_std(big)
        )


def test_linear_network_halves_per_layer():
    stats = il.run_experiment(activation="linear", std=0.05, depth=12, backward=False).stats()
    for a, b in zip(stats, stats[1:]):
        assert 0.4 < b["std"] / a["std"] < 0.6
    assert check_linear_vanishing_depth(10) and not check_linear_vanishing_depth(3)


def test_every_failure_mode_of_the_try_this_list_shows():
    sat = il.run_experiment(std=3.0, backward=False).stats()[0]["frac_saturated"]
    assert sat > il.run_experiment(std=1.0, backward=False).stats()[0]["frac_saturated"]
    over = il.run_experiment(activation="linear", std=10.0, depth=50, backward=False).stats()
    assert not over[-1]["finite"]


def test_playground_table_is_shown():
    w = il.explore(activation="tanh", scheme="xavier_normal", depth=10, table=True)
    assert w.table.value.count("<tr>") == 11
