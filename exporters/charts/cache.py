"""The in-process cache of rendered charts, keyed by content (no matplotlib import here).

The Word and the PDF file of one export, the window's preview and later exports ask for the same
chart; each distinct content (block, goal, step, size) is drawn once. Drawing runs under one lock:
matplotlib's text and font caches are not thread-safe, and the preview and an export may overlap.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

CACHE_SIZE = 96
RENDER_VERSION = "3"       # part of the key: bump when drawings change

_lock = threading.RLock()
_cache: OrderedDict[str, bytes] = OrderedDict()


def content_key(kind: str, block: Any, goal: Any, step: str, width_cm: float, dpi: int) -> str:
    def dump(model: Any) -> Any:
        return model.model_dump(mode="json") if hasattr(model, "model_dump") else model

    payload = json.dumps([RENDER_VERSION, kind, dump(block), dump(goal), step, width_cm, dpi],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cached(key: str, draw: Callable[[], bytes]) -> bytes:
    """The PNG stored under ``key``, drawn by ``draw()`` the first time."""
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
        png = draw()
        _cache[key] = png
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return png


def clear_cache() -> None:
    with _lock:
        _cache.clear()
