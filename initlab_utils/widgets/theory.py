"""Notebook 08's widget: theory's histograms over the measured ones.

explore_theory() is explore() with the histogram mean-field theory predicts drawn over each
layer (notebook 09's phase-diagram explorer is in chaos.py).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from ..i18n import text
from ..inits import INIT_SCHEMES
from ..measure import compare_with_theory
from ..tables import fmt
from ..theory import predicted_q, scheme_sigma_w2
from .explorer import Explorer


class TheoryExplorer(Explorer):
    """explore() with theory's histogram (black line) over every layer, and a readout of
    sigma_w2 = n Var(W) and of predicted against measured spreads."""

    def __init__(self, *, activation: str = "tanh", scheme: str = "xavier_normal", **kwargs):
        kwargs.setdefault("depth", 10)
        self.readout = widgets.HTML()
        self.readout.add_class("initlab-readout")
        self._q, self._note = None, ""
        super().__init__(activation=activation, scheme=scheme, gradients=False, **kwargs)

    def extra_rows(self) -> list[widgets.Widget]:
        return [self.readout]

    def prediction(self, settings: dict) -> np.ndarray | None:
        s = settings
        spec = INIT_SCHEMES[s["scheme"]]
        if spec.sigma_w2 is None and not spec.data_dependent:  # zeros, constant
            self._q, self._note = None, no_sigma_w2(s["scheme"])
            return None
        try:
            self._q = predicted_q(
                s["scheme"], s["activation"], s["depth"], std=s["std"], width=s["width"]
            )
            self._note = ""
        except Exception as err:  # noqa: BLE001 -- no prediction, but still the measurement
            self._q, self._note = None, text("widgets.theory.no_prediction", error=err)
        return self._q

    def after_redraw(self, settings: dict) -> None:
        self.readout.value = self._describe(settings, self._q, self._note)

    def _describe(self, s: dict, q: np.ndarray | None, note: str) -> str:
        stats = self.trace.stats()
        last = stats[-1]
        within = (
            text(
                "widgets.theory.spread",
                layer=last["layer"],
                spread=fmt(last["std"]),
                unit_spread=fmt(last["unit_std"]),
            )
            if last["finite"]
            else text("widgets.theory.overflowed", layer=last["layer"])
        )
        if q is None:
            return f"<div>{html.escape(note)}<br>{html.escape(within)}</div>"
        if INIT_SCHEMES[s["scheme"]].data_dependent:
            head = text("widgets.theory.lsuv")
        else:
            sw2 = scheme_sigma_w2(
                s["scheme"], std=s["std"], activation=s["activation"], width=s["width"]
            )
            head = f"σ_w² = n·Var(W) = {sw2:.3g}."
        rows = compare_with_theory(self.trace, q)
        if rows:
            worst = max(rows, key=lambda r: abs(r["gap"]))
            head += " " + text(
                "widgets.theory.largest_gap",
                layer=worst["layer"],
                predicted=fmt(worst["predicted"]),
                measured=fmt(worst["measured"]),
                gap=worst["gap"],
            )
        return f"<div>{html.escape(head)}<br>{html.escape(within)}</div>"


def no_sigma_w2(scheme: str) -> str:
    """Why theory predicts nothing under `scheme`, in the current language (the registry's
    own English reason for a scheme the tables do not know yet)."""
    why = {
        "zeros": text("widgets.theory.why.zeros"),
        "constant": text("widgets.theory.why.constant"),
    }.get(scheme, INIT_SCHEMES[scheme].no_sigma_w2)
    return text("widgets.theory.no_sigma_w2", scheme=scheme, why=why)


def explore_theory(**defaults) -> TheoryExplorer:
    """The explorer with theory overlaid; keyword arguments as for explore()."""
    return TheoryExplorer(**defaults)
