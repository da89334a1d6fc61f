"""Numbers as a student reads them: fmt() and the per-layer stats_table()."""

from __future__ import annotations

import math

from .capture import Trace
from .i18n import text


def fmt(x: float) -> str:
    """A number in at most 7 characters, two significant digits when small: 0.46, 0.013."""
    if x == 0 or 0.1 <= abs(x) < 1000:
        return f"{x:.2f}"
    return f"{x:.2g}" if 0.001 <= abs(x) < 0.1 else f"{x:.1e}"


def stats_table(trace: Trace) -> str:
    """trace.stats() as a small HTML table, one row per layer."""
    headers = {
        "layer": text("table.layer"),
        "mean": text("table.mean"),
        "std": text("table.std"),
        "frac_saturated": text("table.saturated"),
        "frac_dead": text("table.zero"),
        "unit_std": text("table.unit_std"),
        "grad_std": text("table.grad_std"),
    }
    stats = trace.stats()
    cols = [(k, label) for k, label in headers.items() if k in stats[0]]
    overflow = text("table.overflow")
    # Inline styles: a widget's HTML gets no notebook table styling (Voila, ipywidgets).
    cell = 'style="padding:1px 10px;text-align:right"'
    head = "".join(f"<th {cell}>{label}</th>" for _, label in cols)
    rows = []
    for s in stats:
        cells = []
        for k, _ in cols:
            v = s[k]
            if k.startswith("frac_"):
                cells.append(f"{v:.0%}" if math.isfinite(v) else overflow)
            elif isinstance(v, float):
                cells.append(fmt(v) if math.isfinite(v) else overflow)
            else:
                cells.append(str(v))
        rows.append("<tr>" + "".join(f"<td {cell}>{c}</td>" for c in cells) + "</tr>")
    return (
        '<table class="initlab-stats" style="font-size:12px;border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
