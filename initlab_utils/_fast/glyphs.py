"""Short labels drawn from cached glyph bitmaps: Text.draw's picture at a tenth of its cost.

Text.draw shapes its string with HarfBuzz and has FreeType rasterise every glyph, every
time: ~1.5 ms for a two-line panel label, once the largest part of a slider move. A label
uses a few dozen characters, so we keep each glyph as matplotlib drew it (once per
sub-pixel offset, the only thing that changes its pixels) and each character pair's
advance as matplotlib measured it (kerning included); a label is then a few small array
products and one image blend through Agg. The layout follows Text._get_layout step by
step, so the pixels are Text.draw's, but for a level or so of 255 where two glyphs'
edges overlap (tests/test_glyphs.py checks this). Text that would form ligatures
(fi, fl, ff) is left to Text.draw.

It leans on matplotlib's internals (Text's layout, Agg's text drawing), which change
between releases. So `enabled()` checks once, up front, that every call it makes exists
and that a probe label comes out as Text.draw draws it (and a text in another font list,
such as the Korean edition's with its Hangul fallback, is probed once in that list: its
glyphs come from two fonts); on any matplotlib where that fails,
or where INITLAB_FAST_TEXT=0 is set, labels go through the public Text.draw, as they do
for any text can_draw() refuses. Nothing here may raise into a student's widget.
"""

from __future__ import annotations

import os
import threading
import warnings

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.text import Text

MAX_GLYPHS = 20_000  # bitmaps kept per font; a label needs ~30, a long session ~1000
MAX_LINES = 4_000  # placed lines kept per font (~2 kB each)
_MISSING = object()


class GlyphFont:
    """One font at one size, dpi and colour: its glyph bitmaps and advances, drawn once."""

    def __init__(self, prop: FontProperties, dpi: float, color: tuple, alpha, antialiased):
        self.prop = prop.copy()
        self._style = (color, alpha, antialiased)  # as Text.draw sets up its gc
        px = prop.get_size_in_points() * dpi / 72
        self._tiny = RendererAgg(int(4 * px) + 8, int(4 * px) + 8, dpi)
        self._origin = int(px) + 2, int(2.5 * px) + 2  # a baseline start on the tiny canvas
        self._metrics: dict[str, tuple[float, float, float]] = {}
        self._glyphs: dict[tuple, tuple | None] = {}
        self._layouts: dict[str, tuple] = {}
        self._lines: dict[tuple, tuple | None] = {}
        self._lock = threading.Lock()
        # With a numeric linespacing, Text makes every line linespacing x (the font's
        # ascent + descent) tall, from the OS/2 table, else hhea (as Text._get_layout).
        font = get_font(findfont(prop))
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * prop.get_size_in_points() * dpi / 72
        tables = [("OS/2", "sTypoAscender", "sTypoDescender"), ("hhea", "ascent", "descent")]
        for table, up, down in tables:
            values = font.get_sfnt_table(table)
            if values is not None:
                self.extent = values[up] * scale + -values[down] * scale
                break
        else:  # no metrics tables: what Text falls back on
            _, a, d = self.metrics("lp")
            self.extent = a + d

    def metrics(self, s: str) -> tuple[float, float, float]:
        """Width, ascent and descent of a short string, as Text measures them."""
        if s not in self._metrics:
            w, h, d = self._tiny.get_text_width_height_descent(s, self.prop, ismath=False)
            self._metrics[s] = (w, h - d, d)
        return self._metrics[s]

    def glyph(self, c: str, qx: int, qy: int) -> tuple | None:
        """`c` with its origin qx/64 px right of and qy/64 px above a pixel corner: the
        column and row of the bitmap's top left from that corner, and 1 - its alpha
        (None for a blank like the space)."""
        key = (c, qx, qy)
        g = self._glyphs.get(key, _MISSING)
        if g is _MISSING:
            with self._lock:  # widgets may draw on several threads; one tiny canvas
                g = self._draw_glyph(c, qx, qy)
            if len(self._glyphs) >= MAX_GLYPHS:
                self._glyphs.clear()
            self._glyphs[key] = g
        return g

    def _draw_glyph(self, c: str, qx: int, qy: int) -> tuple | None:
        r, (ox, oy) = self._tiny, self._origin
        r.clear()
        gc = r.new_gc()
        color, alpha, antialiased = self._style
        gc.set_foreground(color, isRGBA=True)
        gc.set_alpha(alpha)
        gc.set_antialiased(antialiased)
        r.draw_text(gc, ox + qx / 64, oy - qy / 64, c, self.prop, 0)  # y runs down
        gc.restore()
        img = np.asarray(r.buffer_rgba())
        rows, cols = np.nonzero(img[..., 3])
        if len(rows) == 0:
            return None
        # On a transparent canvas every inked pixel gets exactly the colour that Agg
        # blends with; what is left of the glyph is its alpha.
        self.rgb = img[rows[0], cols[0], :3].copy()
        top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        return left - ox, top - oy, 1 - img[top:bottom, left:right, 3] / np.float32(255)

    def layout(self, line: str) -> tuple[list[float], float, float, float]:
        """Pen position of each character, and the line's width, ascent and descent."""
        out = self._layouts.get(line)
        if out is None:
            if len(self._layouts) >= MAX_GLYPHS:
                self._layouts.clear()
            out = self._layouts[line] = self._layout(line)
        return out

    def _layout(self, line: str) -> tuple[list[float], float, float, float]:
        if not line:
            return [], 0.0, 0.0, 0.0
        xs, x = [0.0], 0.0
        for a, b in zip(line, line[1:]):
            x += self.metrics(a + b)[0] - self.metrics(b)[0]  # a's advance, kerning included
            xs.append(x)
        ms = [self.metrics(c) for c in line]
        return xs, x + ms[-1][0], max(m[1] for m in ms), max(m[2] for m in ms)

    def line(self, line: str, xs: list[float], x: float, y: float, height: int) -> tuple | None:
        """A line's glyphs placed from (x, y) (pixels, y up) on a canvas `height` tall, as
        one piece: its column and row from the top, and what shows through it (None if
        blank). A label's lines come back on the next move more often than not (the same
        words, or a number that did not change), so each is kept for its exact place."""
        key = (line, x, y, height)
        piece = self._lines.get(key, _MISSING)
        if piece is _MISSING:
            y64 = round(64 * (height - (height - y)))  # as Text.draw, then Agg
            placed = []
            for c, dx in zip(line, xs):
                x64 = round(64 * (x + dx))
                g = self.glyph(c, x64 & 63, y64 & 63)
                if g is not None:
                    col, row, clear = g
                    placed.append(((x64 >> 6) + col, height - (y64 >> 6) + row, clear))
            piece = _overlay(placed) if placed else None
            if len(self._lines) >= MAX_LINES:
                self._lines.clear()
            self._lines[key] = piece
        return piece


_FONTS: dict[tuple, GlyphFont] = {}
_ENABLED: bool | None = None  # None: not checked yet
_FAMILIES: dict[tuple, bool] = {}  # font list -> whether it passed its probe
PROBE = "μ -0.46  σ 2.1e-05\nsat 51%  AV"
# A font list with a fallback (the Korean edition's, i18n.font_family) draws some glyphs
# from a second font: its probe has Hangul in it too.
FALLBACK_PROBE = PROBE + "\n층 3  포화 51%"


def _linespacing(text: Text) -> float | str:
    # A public getter from matplotlib 3.11 on; before, the same value as an attribute.
    get = getattr(text, "get_linespacing", None)
    return get() if get is not None else text._linespacing


def enabled() -> bool:
    """Whether the fast path works on this matplotlib: checked once, then remembered."""
    global _ENABLED
    if _ENABLED is None:
        families = tuple(matplotlib.rcParams["font.family"])  # what the probe is drawn in
        _ENABLED = os.environ.get("INITLAB_FAST_TEXT", "1") != "0" and _self_test()
        if len(families) == 1:  # one font: probed; a list with a fallback gets its own
            _FAMILIES.setdefault(families, _ENABLED)
    return _ENABLED


def disable() -> None:
    """Send every label through Text.draw from now on (after an unexpected failure)."""
    global _ENABLED
    _ENABLED = False


def _family_ok(families: tuple) -> bool:
    """Whether a text in these font families may take the fast path: the list enabled()
    probed, or another list that passed its own probe (with Hangul), once."""
    if families not in _FAMILIES:
        _FAMILIES[families] = _self_test(list(families), FALLBACK_PROBE)
    return _FAMILIES[families]


def _self_test(family: list[str] | None = None, label: str = PROBE) -> bool:
    """Draw a probe label both ways on a small canvas: the fast path is used only if
    every call exists and the pictures agree as closely as tests/test_glyphs.py asks."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(1.6, 0.8), dpi=80)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        canvas.draw()
        background = canvas.copy_from_bbox(fig.bbox)
        text = ax.text(0.5, 0.9, label, transform=ax.transAxes, ha="center", va="top",
                       fontsize=7, linespacing=1.1)  # fmt: skip
        if family is not None:
            text.set_fontfamily(family)
        if not _can_draw(text):
            return False
        pictures = []
        with warnings.catch_warnings():  # a font list without Hangul: boxes, both ways
            warnings.simplefilter("ignore")
            for draw in (fig.draw_artist, lambda t: draw_text(canvas.get_renderer(), t)):
                canvas.restore_region(background)
                draw(text)
                pictures.append(np.asarray(canvas.buffer_rgba()).astype(int))
        reference, fast = pictures
        inked = (reference[..., :3] < 250).any(-1).sum()
        return bool(
            inked > 20
            and np.abs(reference - fast).max() <= 2
            and (reference != fast).any(-1).sum() <= 0.02 * inked
        )
    except Exception:  # noqa: BLE001 -- any missing or changed internal: use Text.draw
        return False


def can_draw(text: Text) -> bool:
    """Whether draw_text can stand in for this Text on this matplotlib: unrotated plain
    text with fixed line spacing, and a fast path that passed its self-test (for its font
    list too)."""
    try:
        return enabled() and _can_draw(text) and _family_ok(tuple(text.get_fontfamily()))
    except Exception:  # noqa: BLE001 -- a getter this matplotlib lacks
        return False


def _can_draw(text: Text) -> bool:
    return (
        text.get_rotation() == 0
        and text.get_rotation_mode() in ("default", "anchor")
        and text.get_va() != "center_baseline"
        and not isinstance(_linespacing(text), str)  # "normal" spaces by content
        and "$" not in text.get_text()
        and not any(pair in text.get_text() for pair in ("fi", "fl", "ff"))  # ligatures
        and not text.get_usetex()
        and not text.get_wrap()
        and text.get_bbox_patch() is None
        and not text.get_path_effects()
        and getattr(text, "get_fontfeatures", lambda: None)() is None
        and getattr(text, "get_language", lambda: None)() is None
    )


def draw_text(renderer: RendererAgg, text: Text) -> None:
    """Draw `text` on an Agg renderer as text.draw(renderer) does, if can_draw(text)."""
    if not text.get_visible() or not text.get_text():
        return
    prop, color = text.get_fontproperties(), to_rgba(text.get_color())
    key = (prop, renderer.dpi, color, text.get_alpha(), text.get_antialiased())
    font = _FONTS.get(key)
    if font is None:
        font = _FONTS[(prop.copy(), *key[1:])] = GlyphFont(prop, *key[1:])
    # Each glyph lands where Agg would put it, to 1/64 px; its pixels depend only on the
    # fraction, so that and the character are the cache key.
    height = int(renderer.height)
    pieces = [font.line(line, xs, x, y, height) for line, xs, x, y in _line_origins(text, font)]
    pieces = [p for p in pieces if p is not None]
    if pieces:
        _blend(renderer, text, font.rgb, pieces)


def _line_origins(text: Text, font: GlyphFont) -> list[tuple[str, list[float], float, float]]:
    """Each line with its pen positions and where it starts on the canvas (pixels, y up),
    computed as Text._get_layout and Text.draw do, in the same order of operations."""
    height = _linespacing(text) * font.extent
    lines, ys, thisy = [], [], 0.0
    for line in text.get_text().split("\n"):
        xs, w, a, d = font.layout(line)
        leading = height - (a + d)
        a, d = a + leading / 2, d + leading / 2
        thisy -= a
        lines.append((line, xs, w))
        ys.append(thisy)
        thisy -= d
    width = max(w for _, _, w in lines)
    ymin = ys[-1] - d
    offsetx = {"left": 0, "center": (0 + width) / 2, "right": width}[text.get_ha()]
    offsety = {"top": 0, "bottom": ymin, "center": ymin / 2, "baseline": ymin + d}
    offsety = offsety[text.get_va()]
    malign = text._get_multialignment()
    posx, posy = text.get_transform().transform(text.get_unitless_position())
    out = []
    for (line, xs, w), y in zip(lines, ys):
        x = {"left": 0, "center": width / 2 - w / 2, "right": width - w}[malign]
        out.append((line, xs, x - offsetx + posx, y - offsety + posy))
    return out


def _overlay(pieces: list[tuple]) -> tuple:
    """Placed pieces (column, row from the top, 1 - alpha) as one: where their edges
    overlap Agg blends one over the other, so what shows through both is the product of
    what shows through each (to 1/255)."""
    if len(pieces) == 1:
        return pieces[0]
    left = min(p[0] for p in pieces)
    top = min(p[1] for p in pieces)
    right = max(p[0] + p[2].shape[1] for p in pieces)
    bottom = max(p[1] + p[2].shape[0] for p in pieces)
    clear = np.ones((bottom - top, right - left), np.float32)
    for col, row, img in pieces:
        clear[row - top : row - top + img.shape[0], col - left : col - left + img.shape[1]] *= img
    return left, top, clear


def _blend(renderer: RendererAgg, text: Text, rgb: np.ndarray, pieces: list[tuple]) -> None:
    """Blend the placed pieces (column, row from the top, 1 - alpha) onto the canvas."""
    left, top, clear = _overlay(pieces)
    image = np.empty(clear.shape + (4,), np.uint8)
    image[..., :3] = rgb
    image[..., 3] = 255.5 - 255 * clear
    gc = renderer.new_gc()
    if text.get_clip_on():
        gc.set_clip_rectangle(text.get_clip_box())
        gc.set_clip_path(text.get_clip_path())
    bottom = top + clear.shape[0]
    renderer.draw_image(gc, left, int(renderer.height) - bottom, image[::-1])  # rows run up
    gc.restore()
