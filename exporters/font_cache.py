"""Parsed TrueType fonts kept on disk, so a new process does not parse them again.

reportlab parses a font file in pure Python (its glyph map, widths and glyph offsets): for the
bundled CJK faces that is about a quarter of a second of every export's and check's start. The
parsed tables (plain dicts, lists and numbers) and the characters each font can draw are written
once with ``marshal`` under the user cache folder (``QCDESK_CACHE_DIR`` overrides it, as for the
chart cache), keyed by the font file's path, size and time and by the reportlab version; the font
file itself is still read for embedding. The cache is best-effort: anything unexpected in it, or a
folder that cannot be written, only means parsing the font as before.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

log = logging.getLogger(__name__)

FORMAT = "1"                        # part of the key: bump when what is stored changes
_NOT_STORED = ("_ttf_data", "_pdfScale")   # the file's bytes (read again) and a function
_PER_DOCUMENT = ("face", "encoding", "state")


def cache_folder() -> Path | None:
    """Where parsed fonts are kept (None: no user cache folder known)."""
    override = os.environ.get("QCDESK_CACHE_DIR")
    if override:
        return Path(override) / "fonts"
    try:
        import platformdirs
    except ImportError:
        return None
    return Path(platformdirs.user_cache_dir("qcdesk", appauthor=False)) / "fonts"


def _entry(name: str, path: Path, index: int) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    key = "\0".join((FORMAT, reportlab.Version, name, str(path.resolve()), str(index), str(stat.st_size),
                     str(stat.st_mtime_ns)))
    return folder / f"{_prefix(name, index)}{hashlib.sha256(key.encode()).hexdigest()[:32]}.marshal"


def _prefix(name: str, index: int) -> str:
    return f"{name}-{index}-"


def _scale(units_per_em: int) -> Callable[[float], float]:
    """reportlab's ``_pdfScale`` for the font (glyph units to thousandths of the size)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _stored(font: TTFont, chars: frozenset[int]) -> bytes | None:
    face = {k: v for k, v in vars(font.face).items() if k not in _NOT_STORED}
    names = sorted(k for k, v in face.items() if isinstance(v, TTFNameBytes))
    face.update({k: bytes(face[k]) for k in names})
    own = {k: v for k, v in vars(font).items() if k not in _PER_DOCUMENT}
    try:
        return marshal.dumps((face, names, own, sorted(chars)))
    except ValueError:      # a value marshal cannot write (another reportlab): no cache
        return None


def _restored(data: bytes, path: Path) -> tuple[TTFont, frozenset[int]]:
    face_state, names, own, chars = marshal.loads(data)
    if not (isinstance(face_state, dict) and isinstance(face_state.get("charToGlyph"), dict)
            and isinstance(face_state.get("unitsPerEm"), int) and isinstance(own, dict)):
        raise ValueError("not a parsed font")
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(face_state)
    vars(face).update({k: TTFNameBytes(face_state[k]) for k in names})
    face._pdfScale = _scale(face.unitsPerEm)
    face._ttf_data = path.read_bytes()
    font = TTFont.__new__(TTFont)
    vars(font).update(own)
    font.face, font.encoding, font.state = face, TTEncoding(), WeakKeyDictionary()
    return font, frozenset(chars)


def load(name: str, path: Path, index: int,
         parse: Callable[[], tuple[TTFont, frozenset[int]]]) -> tuple[TTFont, frozenset[int]]:
    """The font and the characters it draws: from the cache, else ``parse()`` (and kept)."""
    entry = _entry(name, path, index)
    if entry is not None:
        try:
            return _restored(entry.read_bytes(), path)
        except FileNotFoundError:
            pass
        except Exception as exc:    # damaged or from another version: parse again
            log.info("font cache %s unusable: %s", entry, exc)
    font, chars = parse()
    if entry is not None:
        data = _stored(font, chars)
        if data is not None:
            _write(entry, data)
    return font, chars


def _write(entry: Path, data: bytes) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, entry)    # whole or not at all, also with two processes at once
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prefix = entry.name[:entry.name.rindex("-") + 1]
        for old in entry.parent.glob(f"{prefix}*.marshal"):   # the same font as it was before
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("font cache %s not written: %s", entry, exc)
