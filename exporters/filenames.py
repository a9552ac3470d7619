"""Readable Chinese file names that are safe on Windows and unique within a bundle."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_PATH_CHARS = 200


def safe_name(text: str, *, limit: int = 40, fallback: str = "未命名") -> str:
    """A file or folder name: forbidden characters become ``_``, no trailing dot or space."""
    name = _FORBIDDEN.sub("_", " ".join(text.split()))
    name = name[:limit].rstrip(". ")
    name = name.lstrip(" ")
    if not name or name.strip("_") == "":
        name = fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name


def safe_file_name(original: str, *, limit: int = 80) -> str:
    """An attachment's own name, kept readable, with its extension."""
    path = PurePosixPath(original.replace("\\", "/"))
    suffix = safe_name(path.suffix, limit=10, fallback="") if path.suffix else ""
    stem = safe_name(path.stem, limit=limit - len(suffix))
    return stem + suffix


class NameRegistry:
    """Hands out unique relative paths (case-insensitively, as Windows compares them)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, folder: str, name: str) -> str:
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        candidate = f"{folder}/{name}" if folder else name
        counter = 2
        while candidate.lower() in self._used or len(candidate) > MAX_PATH_CHARS:
            if len(candidate) > MAX_PATH_CHARS:
                room = MAX_PATH_CHARS - len(folder) - len(ext) - 8
                stem = stem[:max(1, room)]
            numbered = f"{stem}({counter}){dot}{ext}" if counter > 1 else f"{stem}{dot}{ext}"
            candidate = f"{folder}/{numbered}" if folder else numbered
            counter += 1
        self._used.add(candidate.lower())
        return candidate
