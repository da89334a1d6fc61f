"""Where HistogramGrid's panels sit, in whole pixels, and how a row's background is copied.

Every panel of a row looks the same but for its data, its title and the first panel's
axis labels: the same limits, ticks and frame, at the same place within its slot. So the
geometry is fixed in whole pixels (a panel's axes, then a gap, then the next; the figure is
the left margin, n panels and the right margin), and matplotlib draws a row's background
once, with two panels; every other panel is a copy of the second one's pixels. A new
depth then costs a copy of pixels, not a redraw of every axis (an Axes with its ticks takes
matplotlib ~20 ms to draw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Geometry:
    """Panel geometry in pixels at `dpi`; rows counted from the top."""

    dpi: float
    rows: int
    left: int  # margin for the y tick labels and the row's label
    axes_width: int
    gap: int  # between one panel's axes and the next one's
    right: int
    top: int  # room for the titles
    row_height: int
    row_gap: int  # for a row's x tick labels and x label
    bottom: int

    @classmethod
    def from_inches(
        cls, *, rows: int, panel_width: float, row_height: float, dpi: float
    ) -> Geometry:
        # A panel of `panel_width` inches holds its axes and the gap after them, in the
        # proportions the grid had when matplotlib laid it out (wspace 0.18).
        axes = round(panel_width * dpi * 0.86)
        px = lambda inches: round(inches * dpi)  # noqa: E731
        return cls(
            dpi=dpi,
            rows=rows,
            left=px(0.72),
            axes_width=axes,
            gap=round(0.18 * axes),
            right=px(0.12),
            top=px(0.55),
            row_height=px(row_height),
            row_gap=px(0.45),
            bottom=px(0.45),
        )

    @property
    def pitch(self) -> int:
        return self.axes_width + self.gap

    def width(self, n: int) -> int:
        """The figure's width in pixels with n panels per row."""
        return self.left + (n - 1) * self.pitch + self.axes_width + self.right

    @property
    def height(self) -> int:
        return self.top + self.rows * self.row_height + (self.rows - 1) * self.row_gap + self.bottom

    def inches(self, n: int) -> tuple[float, float]:
        """Figure size in inches that Agg turns back into exactly width(n) x height pixels."""
        out = []
        for px in (self.width(n), self.height):
            inch = px / self.dpi
            while int(inch * self.dpi) < px:  # the renderer truncates: never one short
                inch = float(np.nextafter(inch, np.inf))
            out.append(inch)
        return out[0], out[1]

    def axes_box(self, row: int, col: int, n: int) -> tuple[float, float, float, float]:
        """Panel (row, col)'s axes as figure fractions (left, bottom, width, height)."""
        w, h = self.width(n), self.height
        top = self.top + row * (self.row_height + self.row_gap)
        x = self.left + col * self.pitch
        return x / w, (h - top - self.row_height) / h, self.axes_width / w, self.row_height / h

    def band(self, row: int) -> tuple[int, int]:
        """The pixel rows (from the top, end excluded) that belong to `row`: from just above
        its axes (titles and the figure's top margin for the first) to the next row's."""
        starts = [0] + [
            self.top + r * (self.row_height + self.row_gap) - 4 for r in range(1, self.rows)
        ]
        ends = starts[1:] + [self.height]
        return starts[row], ends[row]


def compose_row(drawing: np.ndarray, g: Geometry, n: int, out: np.ndarray) -> None:
    """Fill `out` (a row's band, width(n) pixels wide) from `drawing`, the same band drawn
    with two panels: the first panel with the margin left of it as drawn, then n - 1 copies
    of the second panel with the gap before it, then the right margin.

    The gap before a panel holds what sticks out of its neighbours' axes (tick labels at
    the edges, tick marks): panels of a row share their limits and ticks, so what stands
    in the drawing's first gap stands in every gap.
    """
    start = g.left + g.axes_width  # the first panel's right edge
    out[:, :start] = drawing[:, :start]
    slot = drawing[:, start : start + g.pitch]
    for k in range(1, n):
        out[:, start + (k - 1) * g.pitch : start + k * g.pitch] = slot
    end = start + (n - 1) * g.pitch
    out[:, end:] = drawing[:, start + g.pitch : start + g.pitch + g.right]
