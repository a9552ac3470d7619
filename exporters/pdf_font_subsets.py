"""Font subsets made and compressed once per process, not once per PDF.

Every PDF embeds, for each font it uses, a subset of the font's glyphs (reportlab's
``makeSubset``), Flate-compressed: for the CJK faces a few hundred kilobytes to compress per
subset, most of the cost of writing a short form. The forms of one export share many subsets (the
same labels, digits and check boxes in every achievement's forms, the same symbols everywhere), and
a subset is a function of the font and the characters alone. So a subset is made once and its
compressed stream kept: the PDF gets the very bytes reportlab would have written.
"""
from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from typing import Any

from reportlab.pdfbase import pdfdoc, ttfonts

MAX_SUBSETS = 256     # some 40 KB each (and as much compressed): a few tens of MB at most

_original_make_subset = ttfonts.TTFontFile.makeSubset
# (id of the font, its characters) → (the font, kept so that its id is not reused; the subset)
_subsets: OrderedDict[tuple[int, tuple[int, ...]], tuple[Any, bytes]] = OrderedDict()
_compressed: dict[int, bytes | None] = {}   # id of each subset in _subsets → its Flate stream, once made
_lock = threading.Lock()   # the window may write a preview PDF while a page-fit layout runs


def _make_subset(self: Any, subset: list[int]) -> bytes:
    key = (id(self), tuple(subset))
    with _lock:
        entry = _subsets.get(key)
    if entry is not None:
        return entry[1]
    made = _original_make_subset(self, subset)
    with _lock:
        entry = _subsets.get(key)
        if entry is None:
            entry = _subsets[key] = (self, made)
            _compressed[id(made)] = None
            while len(_subsets) > MAX_SUBSETS:
                _font, dropped = _subsets.popitem(last=False)[1]
                del _compressed[id(dropped)]
    return entry[1]


class _Flate(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's Flate filter; a subset kept above is compressed the first time only."""

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, str):
            return zlib.compress(text.encode("utf8"))
        key = id(text)
        with _lock:
            kept = key in _compressed    # a kept subset (else any other stream)
            known = _compressed.get(key)
        if known is not None:
            return known
        known = zlib.compress(text)
        if kept:
            with _lock:
                if key in _compressed:   # still kept (not dropped meanwhile)
                    _compressed[key] = known
        return known


def install() -> None:
    """Keep subsets for every PDF written from now on in this process."""
    if ttfonts.TTFontFile.makeSubset is not _make_subset:
        ttfonts.TTFontFile.makeSubset = _make_subset
        pdfdoc.PDFZCompress = _Flate()
