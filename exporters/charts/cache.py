"""The cache of rendered charts, keyed by content (no matplotlib import here).

The Word and the PDF file of one export, the window's preview and later exports ask for the same
chart; each distinct content (block, goal, step, size) is drawn once. Recent PNGs stay in memory;
every PNG is also kept on disk under the user cache folder (``QCDESK_CACHE_DIR`` overrides it), so a
re-export, in another process or on another day, reuses the charts it has drawn before. The disk
cache is best-effort: a folder that cannot be written only means drawing again. Drawing runs under one lock:
matplotlib's text and font caches are not thread-safe, and the preview and an export may overlap.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_SIZE = 96
DISK_FILES = 4000          # about 60–250 KB each: at most a few hundred MB, pruned oldest first
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RENDER_VERSION = "5"       # part of the key: bump when drawings or their encoding change

_lock = threading.RLock()
_cache: OrderedDict[str, bytes] = OrderedDict()
_pruned = False


def disk_folder() -> Path | None:
    """Where chart PNGs are kept between exports (None: no user cache folder known)."""
    override = os.environ.get("QCDESK_CACHE_DIR")
    if override:
        return Path(override) / "charts"
    try:
        import platformdirs
    except ImportError:
        return None
    return Path(platformdirs.user_cache_dir("qcdesk", appauthor=False)) / "charts"


def _disk_path(key: str) -> Path | None:
    folder = disk_folder()
    return folder / key[:2] / f"{key}.png" if folder is not None else None


def _read_disk(key: str) -> bytes | None:
    path = _disk_path(key)
    if path is None:
        return None
    try:
        png = path.read_bytes()
    except OSError:
        return None
    if not png.startswith(PNG_SIGNATURE) or not png.endswith(b"IEND\xaeB`\x82"):
        return None   # cut short by a crash or a full disk: draw it again
    try:
        os.utime(path)   # recently used: kept longest when pruning
    except OSError:
        pass
    return png


def _write_disk(key: str, png: bytes) -> None:
    global _pruned
    path = _disk_path(key)
    if path is None:
        return
    tmp = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(png)
        os.replace(tmp, path)   # another process writing the same chart writes the same bytes
    except OSError:
        tmp.unlink(missing_ok=True)
        return
    if not _pruned:
        _pruned = True
        _prune(path.parent.parent)


def _prune(folder: Path) -> None:
    """Keep the :data:`DISK_FILES` most recently used PNGs (checked once per process)."""
    try:
        files = [(p.stat().st_mtime, p) for p in folder.glob("*/*.png")]
    except OSError:
        return
    if len(files) <= DISK_FILES:
        return
    files.sort()
    for _mtime, p in files[: len(files) - DISK_FILES * 4 // 5]:
        p.unlink(missing_ok=True)


def content_key(kind: str, block: Any, goal: Any, step: str, width_cm: float, dpi: int) -> str:
    def dump(model: Any) -> Any:
        return model.model_dump(mode="json") if hasattr(model, "model_dump") else model

    payload = json.dumps([RENDER_VERSION, kind, dump(block), dump(goal), step, width_cm, dpi],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_cached(key: str) -> bool:
    """Whether the PNG under ``key`` is at hand without drawing (in memory or on disk)."""
    with _lock:
        if key in _cache:
            return True
    path = _disk_path(key)
    try:
        return path is not None and path.is_file()
    except OSError:
        return False


def cached(key: str, draw: Callable[[], bytes]) -> bytes:
    """The PNG stored under ``key``, drawn by ``draw()`` the first time."""
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
        png = _read_disk(key)
        if png is None:
            png = draw()
            _write_disk(key, png)
        _cache[key] = png
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return png


def clear_cache(*, disk: bool = False) -> None:
    """Forget the PNGs in memory (and with ``disk`` those kept on disk)."""
    with _lock:
        _cache.clear()
        folder = disk_folder() if disk else None
        if folder is not None:
            for p in folder.glob("*/*.png"):
                p.unlink(missing_ok=True)
