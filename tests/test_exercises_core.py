"""What every exercise check shares (exercises/core.py): reading answers, the verdicts."""

import math

import numpy as np
import pytest
import torch

from initlab_utils.exercises.core import NO_ANSWER, Verdict, answered, as_int, number, one_of


def recording_check(read, hint="give one number."):
    """A check that records what it was called with, decorated with `answered`."""
    calls = []

    @answered(read, hint)
    def check(value):
        calls.append(value)
        return Verdict(True, "Correct: seen")

    return check, calls


def test_none_gets_no_answer_and_the_check_never_runs():
    check, calls = recording_check(number())
    verdict = check(None)
    assert not verdict and repr(verdict) == NO_ANSWER and calls == []


@pytest.mark.parametrize("bad", ["0.5", [0.5], math.nan, math.inf, True, np.array([1.0, 2.0])])
def test_unreadable_answer_gets_the_hint_and_the_check_never_runs(bad):
    check, calls = recording_check(number(), "give one number, a fraction.")
    verdict = check(bad)
    assert not verdict and repr(verdict) == "Not quite: give one number, a fraction."
    assert calls == []


def test_the_check_gets_what_the_reader_read():
    check, calls = recording_check(number())
    for form in (0.25, np.float32(0.25), np.array(0.25), torch.tensor(0.25)):
        assert check(form)
    assert calls == [0.25] * 4 and all(type(c) is float for c in calls)


def test_number_bounds_are_open_below_and_closed_above():
    read = number(low=0, high=10)
    assert read(0) is None and read(-1) is None and read(10.5) is None
    assert read(10) == 10.0 and read(1e-9) == 1e-9


def test_one_of_reads_words_in_any_case_and_refuses_anything_else():
    read = one_of("yes", "no")
    assert read(" Yes ") == "yes" and read("NO") == "no"
    assert read("maybe") is None and read(["yes"]) is None and read(1) is None


def test_as_int_reads_whole_numbers_of_any_type():
    check, calls = recording_check(as_int, "give a whole number.")
    for form in (3, 3.0, np.int64(3), torch.tensor(3)):
        assert check(form)
    assert calls == [3] * 4
    assert repr(check(3.5)) == "Not quite: give a whole number."
