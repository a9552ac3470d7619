"""Readable Chinese file names that are safe on Windows and unique within a bundle."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Direction controls (U+202E RIGHT-TO-LEFT OVERRIDE makes “gpj.exe” read “exe.jpg”): removed.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Windows device names, with or without an extension; Windows counts ¹ ² ³ as digits here.
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|CLOCK\$|COM[0-9¹²³]|LPT[0-9¹²³])", re.IGNORECASE)
MAX_PATH_CHARS = 200


def safe_name(text: str, *, limit: int = 40, fallback: str = "未命名") -> str:
    """A file or folder name: forbidden characters become ``_``, direction controls go, no trailing
    dot or space, and no Windows device name (``CON``, ``COM¹``, ``CONIN$`` … become ``_CON`` …)."""
    name = _FORBIDDEN.sub("_", " ".join(_BIDI.sub("", text).split()))
    name = name[:limit].rstrip(". ")
    name = name.lstrip(" ")
    if not name or name.strip("_") == "":
        name = fallback
    if _RESERVED.fullmatch(name.split(".")[0].rstrip(" ")):
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
                stem = stem[:max(1, room)].rstrip(". ") or "_"   # a cut name must not end in a dot
            numbered = f"{stem}({counter}){dot}{ext}" if counter > 1 else f"{stem}{dot}{ext}"
            candidate = f"{folder}/{numbered}" if folder else numbered
            counter += 1
        self._used.add(candidate.lower())
        return candidate
