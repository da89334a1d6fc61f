"""Speed plumbing, apart from the course material: glyph bitmaps, panel geometry, PNG.

Nothing here changes what a figure shows, only how fast it is drawn; every fast path has
a public-API fallback (glyphs: Text.draw; png: the same pixels PIL would encode).
"""
