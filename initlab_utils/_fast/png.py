"""PNG encoding of an Agg figure with one fast filter: half the time of PIL's own choice."""

from __future__ import annotations

import struct
import zlib

import numpy as np
from matplotlib.figure import Figure
from PIL import Image


def png_bytes(figure: Figure, *, draw: bool = True, compress_level: int = 1) -> bytes:
    """Encode an Agg figure as PNG; `draw=False` takes the pixels as they stand (blitting)."""
    if draw:
        figure.canvas.draw()
    w, h = figure.canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (w, h), figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    rgb = np.asarray(rgba.convert("RGB")).reshape(h, 3 * w)
    # PIL would try five PNG filters on every row and keep the best; one, "up" (each byte
    # minus the one above: a plot repeats down the page), packs these figures as small
    # in half the time.
    rows = np.empty((h, 1 + 3 * w), np.uint8)
    rows[:, 0] = 2  # the filter's number, first on every row
    rows[0, 1:] = rgb[0]
    np.subtract(rgb[1:], rgb[:-1], out=rows[1:, 1:])
    header = struct.pack(">2I5B", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, not interlaced
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        _png_chunk(kind, data)
        for kind, data in [
            (b"IHDR", header),
            (b"IDAT", zlib.compress(rows, compress_level)),
            (b"IEND", b""),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
