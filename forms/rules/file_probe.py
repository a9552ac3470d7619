"""What the rules ask of the disk, asked once per file in one check.

A listed file is looked at by several rules: an attachment must exist, should lie in the project
folder and must be readable; a picture must also be a picture. The window re-checks the whole
project after every edit, so within one check each distinct file gets one ``stat`` and, when it is a
regular file, one read of its first bytes. Nothing on the disk is remembered between checks (a file
may appear, change or be locked at any moment); only the pure name arithmetic is.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike

from forms import attachments

HEAD_BYTES = 12
"""Enough to tell the picture formats apart (see ``forms.rules.blocks``)."""

# The errors for which pathlib's ``is_file`` answers False instead of raising (Python 3.11): the
# errno values, and on Windows ERROR_NOT_READY, ERROR_INVALID_NAME, ERROR_CANT_RESOLVE_FILENAME.
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_NOT_THERE_WINDOWS = frozenset({21, 123, 1921})


@lru_cache(maxsize=8192)
def _resolved(name: str, base: str | None) -> str | None:
    # Pure name arithmetic (pathlib's, as everywhere else), so it may be remembered across checks.
    candidate = attachments.resolve(name, base)
    return None if candidate is None else str(candidate)


@dataclass
class _Look:
    """One file as seen in this check."""

    stat_error: OSError | None = None   # why it could not be looked at (a name too long…)
    regular: bool = False               # a regular file (following links)
    read: bool = False                  # whether ``head``/``read_error`` were filled in
    head: bytes = b""
    read_error: OSError | ValueError | None = None


class FileProbe:
    """The files of one check; created per ``Reporter`` (one check)."""

    def __init__(self) -> None:
        self._looks: dict[str, _Look] = {}
        self._inside: dict[tuple[str, str], bool] = {}

    @staticmethod
    def resolve(name: str, base_dir: str | PathLike[str] | None) -> str | None:
        """Where a listed file is (``forms.attachments.resolve``), as text; ``None`` for a relative
        name of an unsaved project."""
        return _resolved(name, None if base_dir is None else os.fspath(base_dir))

    def _look(self, path: str) -> _Look:
        look = self._looks.get(path)
        if look is None:
            look = self._looks[path] = _Look()
            try:
                look.regular = stat.S_ISREG(os.stat(path).st_mode)
            except OSError as exc:
                look.stat_error = exc
            except ValueError:
                pass   # a name no file can have (a NUL in it): no file, as pathlib says
        return look

    def is_file(self, path: str) -> bool:
        """A regular file (``forms.attachments.is_file``: any error means no)."""
        return self._look(path).regular

    def stat_error(self, path: str) -> OSError | None:
        """Why the file could not even be looked at, for the errors pathlib's ``is_file`` raises
        (a name too long, no permission on a folder on the way); ``None`` when it merely is not there."""
        exc = self._look(path).stat_error
        if exc is None or exc.errno in _NOT_THERE or getattr(exc, "winerror", None) in _NOT_THERE_WINDOWS:
            return None
        return exc

    def is_inside(self, path: str, base_dir: str | PathLike[str] | None) -> bool:
        """``forms.attachments.is_inside``, once per file and folder in this check."""
        if base_dir is None:
            return False
        key = (path, os.fspath(base_dir))
        inside = self._inside.get(key)
        if inside is None:
            inside = self._inside[key] = attachments.is_inside(path, base_dir)
        return inside

    def _read(self, path: str) -> _Look:
        look = self._look(path)
        if look.regular and not look.read:
            look.read = True
            try:
                with open(path, "rb", buffering=0) as fh:   # a few bytes: no buffer to set up
                    head = fh.read(HEAD_BYTES)
                    while head and len(head) < HEAD_BYTES:   # a raw read may return less
                        more = fh.read(HEAD_BYTES - len(head))
                        if not more:
                            break
                        head += more
                    look.head = head
            except (OSError, ValueError) as exc:
                look.read_error = exc
        return look

    def head(self, path: str) -> bytes | None:
        """The first bytes of a regular file, or ``None`` when it cannot be read (or is no file)."""
        look = self._read(path)
        return look.head if look.regular and look.read_error is None else None

    def read_error(self, path: str) -> OSError | None:
        """Why an existing regular file cannot be read, or ``None``."""
        exc = self._read(path).read_error
        return exc if isinstance(exc, OSError) else None
