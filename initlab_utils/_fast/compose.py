"""The grid's picture put together fast: row backgrounds kept and composed, text from glyphs.

A row's background (its axes, ticks and labels, without data) is drawn by matplotlib once
for its limits and y label, with two panels; `Backgrounds` keeps those pixels and composes
any number of panels from them (panels.compose_row). Labels that change on every move go
through the cached glyphs (glyphs.py), with Text.draw as the fallback.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from . import glyphs
from .panels import Geometry, compose_row

MAX_BACKGROUNDS = 64  # row backgrounds kept per grid, ~0.25 MB each


class Backgrounds:
    """Row backgrounds by key (what a row's background depends on), least recent dropped."""

    def __init__(self, canvas: FigureCanvasAgg, geometry: Geometry):
        self.canvas, self.geometry = canvas, geometry
        self._rows: OrderedDict = OrderedDict()  # row key -> that row drawn with 2 panels

    def buffer(self) -> np.ndarray:
        """The canvas's pixels (rows from the top, RGBA), writable in place."""
        return np.asarray(self.canvas.get_renderer().buffer_rgba())

    def missing(self, keys: list[tuple]) -> list[int]:
        """The rows whose background has not been drawn yet."""
        return [r for r, key in enumerate(keys) if key not in self._rows]

    def keep(self, rows: list[int], keys: list[tuple]) -> None:
        """Keep these rows' bands of the canvas, just drawn with (at least) two panels."""
        g, buf = self.geometry, self.buffer()
        for r in rows:
            y0, y1 = g.band(r)
            self._rows[keys[r]] = buf[y0:y1, : g.width(2)].copy()
        while len(self._rows) > MAX_BACKGROUNDS:
            self._rows.popitem(last=False)

    def compose(self, keys: list[tuple], n: int) -> None:
        """Write the background of n panels per row into the canvas, from the kept rows."""
        g, buf = self.geometry, self.buffer()
        for r, key in enumerate(keys):
            y0, y1 = g.band(r)
            compose_row(self._rows[key], g, n, buf[y0:y1])
            self._rows.move_to_end(key)


class ComposedFigure:
    """The drawing half of HistogramGrid (histograms.py): the shown layout's background,
    cached, composed from row backgrounds or, once the figure was changed from outside,
    drawn by matplotlib in full; then the data on top (blitting).

    The grid provides `figure`, `canvas`, `geometry`, `layers`, `rows` (per row, the
    shown panels' artists by kind: "stairs", "text", "pred", "bad"), `_panels` (per row,
    every panel made: dicts with their "axes"), `_limits` and `_overflowed` (per row),
    `_preds` and `_pred_note` (theory's line and its note), `_own` (False: draw it all),
    and `_place(n)` / `_show(visible)` to lay out and show panels.
    """

    full_draws = 0  # how often matplotlib drew the figure (row backgrounds or all)
    _picture_key: tuple | None = None
    _picture: np.ndarray | None = None  # the shown layout's background, composed

    def _render(self) -> None:
        """The background (cached, composed or drawn in full), then the data on top."""
        flags = tuple(map(tuple, self._overflowed))
        key = (tuple(self.layers), tuple(self._row_keys()), flags, self._preds)
        if not self._own:
            self._draw_everything()
        elif key != self._picture_key:
            self._compose()
            self._picture_key = key
        else:
            np.copyto(self._backgrounds.buffer(), self._picture)
        self._draw_data()
        self.figure.stale = False

    def _row_keys(self) -> list[tuple]:
        # What a row's background depends on: its limits, and its axis labels (the y label
        # names the activation; both are in the reader's language). Its panels' titles
        # and numbers are drawn on top.
        firsts = [row[0]["axes"] for row in self._panels]
        return [
            (r, lims, firsts[r].get_ylabel(), firsts[r].get_xlabel())
            for r, lims in enumerate(self._limits)
        ]

    def _compose(self) -> None:
        """Build the shown layout's background from the rows' cached drawings."""
        keys = self._row_keys()
        missing = self._backgrounds.missing(keys)
        if missing:
            self._draw_rows(missing, keys)
        self._backgrounds.compose(keys, len(self.layers))
        self._decorate()
        self._picture = self._backgrounds.buffer().copy()

    def _draw_rows(self, rows: list[int], keys: list[tuple]) -> None:
        """Have matplotlib draw the first two panels of these rows, and keep their bands."""
        n = len(self.layers)
        if n < 2:
            self._place(2)
        self._show(lambda r, k: r in rows and k < 2)
        self.canvas.draw()
        self.full_draws += 1
        self._backgrounds.keep(rows, keys)
        if n < 2:
            self._place(n)
        self._show(lambda r, k: k < n)

    def _draw_everything(self) -> None:
        """The whole figure drawn by matplotlib, with whatever was added to it."""
        self.canvas.draw()
        self.full_draws += 1
        self._decorate()
        self._picture_key = None

    def _decorate(self) -> None:
        """What sits on the background but differs between panels: the titles, the rare
        overflow notices (through Text.draw: "fi" is a ligature) and theory's note."""
        for p in self._panels[0][: len(self.layers)]:
            draw_text(self.figure, p["axes"].title)
        for row in self.rows:
            for bad in row["bad"]:
                if bad.get_text():
                    self.figure.draw_artist(bad)
        if self._preds:
            draw_text(self.figure, self._pred_note)

    def _draw_data(self) -> None:
        for row in self.rows:
            for pred, st, txt in zip(row["pred"], row["stairs"], row["text"]):
                self.figure.draw_artist(pred)  # nothing if hidden
                if st.get_visible():
                    self.figure.draw_artist(st)
                    draw_text(self.figure, txt)

    def redraw(self) -> ComposedFigure:
        """Draw the whole figure anew with matplotlib: after changing `figure` by hand
        (png() does this by itself when it sees a change), or to check the fast path."""
        self._draw_everything()
        self._draw_data()
        self.figure.stale = False
        return self


def draw_text(figure: Figure, text: Text) -> None:
    """Draw `text` on the canvas: from cached glyphs, the same pixels as Text.draw at a
    tenth of the cost, or with Text.draw where the glyph path cannot or fails."""
    if not text.get_text():
        return
    if glyphs.can_draw(text):
        try:
            glyphs.draw_text(figure.canvas.get_renderer(), text)
            return
        except Exception:  # noqa: BLE001 -- internals that passed the self-test but
            # fail on this label: plain Text.draw from now on, never an error.
            glyphs.disable()
    figure.draw_artist(text)
