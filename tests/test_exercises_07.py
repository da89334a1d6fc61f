"""Notebook 07's checks: right answers pass, wrong ones get a hint that does not give the
answer away."""

from checking import assert_check

from initlab_utils.exercises import check_deep_relu_winner, check_sigmoid_sgd_best


def test_deep_relu_winner():
    assert_check(
        check_deep_relu_winner,
        right=["he_normal"],
        wrong=[("xavier_normal", "half the units"), ("kaiming", "he_normal")],
    )


def test_sigmoid_sgd_best_does_not_give_the_answer_away():
    assert_check(
        check_sigmoid_sgd_best,
        right=["normal_1"],
        wrong=[("xavier_normal", "backward gain"), ("zeros", "backward gain"),
               ("xavier", "choose one of")],
    )  # fmt: skip
    for wrong in ("xavier_normal", "zeros", "normal_0.01"):
        assert "normal_1" not in repr(check_sigmoid_sgd_best(wrong))
