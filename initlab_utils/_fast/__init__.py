"""Speed plumbing, apart from the course material: panel geometry, composing, glyphs, PNG.

Nothing here changes what a figure shows, only how fast it is drawn; every fast path has
a public-API fallback (compose: matplotlib draws the whole figure; glyphs: Text.draw;
png: the same pixels PIL would encode).
"""
