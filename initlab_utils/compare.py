"""Compare traces layer by layer: one statistic against depth, one line per set-up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

from .capture import Trace

# Statistics computed here rather than read from Trace.stats(): the root mean square
# sqrt(E[h^2]) is the quantity the variance arguments (Xavier's, He's) keep constant.
_DERIVED = {
    "rms": lambda t, i: t.activations[i].double().pow(2).mean().sqrt().item(),
    "pre_std": lambda t, i: t.pre_activations[i].double().std().item(),
}
_LABELS = {
    "std": "std of activations",
    "rms": "rms of activations, sqrt(E[h²])",
    "pre_std": "std of pre-activations z",
    "unit_std": "per-unit std across samples",
    "grad_std": "std of gradients dL/dh",
    "frac_saturated": "fraction saturated",
    "frac_dead": "fraction exactly 0",
    "mean": "mean of activations",
}


def layer_stat(trace: Trace, key: str = "std") -> list[float]:
    """One number per layer of `trace`, layer 1 first.

    `key` is a key of Trace.stats() ("std", "unit_std", "grad_std", ...), or "rms"
    (sqrt(E[h^2])) or "pre_std" (std of the pre-activations z).
    """
    if key in _DERIVED:
        return [_DERIVED[key](trace, i) for i in range(trace.depth)]
    choices = [k for k in trace.layer_stats(0) if k not in ("layer", "finite", "grad_finite")]
    if key not in choices:
        raise ValueError(
            f"unknown key {key!r}; choose one of: {', '.join(choices + list(_DERIVED))}"
        )
    return [s[key] for s in trace.stats()]


def plot_layer_stat(
    traces: Mapping[str, Trace | Sequence[Trace]],
    key: str = "std",
    *,
    ax: Axes | None = None,
    log: bool | None = None,
) -> Axes:
    """Plot `layer_stat(trace, key)` against the layer number, one line per entry.

    An entry may be a list of traces (say, several seeds): they share one colour and one
    legend label, so the spread between seeds shows. `log` puts the y axis on a log
    scale; by default it does, except for fractions. Returns the axes it drew on.
    """
    if not traces:
        raise ValueError("traces is empty: pass a dict such as {'He': trace}")
    if ax is None:
        import matplotlib.pyplot as plt  # only here: importing the module stays cheap

        _, ax = plt.subplots(figsize=(6.0, 3.2), layout="constrained")
    if log is None:
        log = not key.startswith("frac_") and key != "mean"
    colors = [f"C{i}" for i in range(10)]
    for k, (label, entry) in enumerate(traces.items()):
        group = [entry] if isinstance(entry, Trace) else list(entry)
        for j, trace in enumerate(group):
            values = layer_stat(trace, key)
            ax.plot(
                range(1, trace.depth + 1),
                values,
                marker="o" if trace.depth <= 10 else None,
                markersize=3,
                lw=1.5 if len(group) == 1 else 1.0,
                alpha=1.0 if len(group) == 1 else 0.7,
                color=colors[k % len(colors)],
                label=label if j == 0 else None,
            )
    if log:
        ax.set_yscale("log")
        lo, hi = ax.get_ylim()
        if hi < 20 * lo:
            # Less than about a decade: label the 2..9 ticks too, as plain numbers.
            plain = FuncFormatter(lambda v, _: f"{v:.2g}")
            ax.yaxis.set_major_formatter(plain)
            ax.yaxis.set_minor_formatter(plain)
        else:
            ax.yaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("layer")
    ax.set_ylabel(_LABELS.get(key, key))
    ax.legend(fontsize=8)
    ax.grid(True, which="major", alpha=0.3)
    return ax
