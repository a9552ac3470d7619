"""Moving a finished bundle into place as one step that is undone when any part of it fails.

The earlier bundle's own files go to a hidden folder beside the target first, then the new files
move in; on an error every move is reversed, so the folder is as it was. Files of the user are
never moved. Moves are renames within one file system (copies only where a mount point lies between).
"""
from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from exporters.bundle_target import MANIFEST, Target, _regular_file

log = logging.getLogger(__name__)


STALE_AFTER_S = 3600   # an export's temporary folder this old was left by a killed export


def sweep_stale(folder: Path) -> None:
    """Remove temporary folders and zips an export of ``folder`` left when it was killed.

    Only names this module and :mod:`exporters.bundle` make (``.<name>.<random>.qcdesk-tmp`` and
    ``.qcdesk-old``), only when older than an hour, so an export still running is not disturbed.
    """
    pattern = re.compile(r"\.%s(\.zip)?\.[A-Za-z0-9_]{8}\.qcdesk-(tmp|old)" % re.escape(folder.name))
    try:
        entries = list(os.scandir(folder.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if time.time() - st.st_mtime < STALE_AFTER_S:
                continue
            if stat.S_ISDIR(st.st_mode):
                shutil.rmtree(entry.path)
            elif stat.S_ISREG(st.st_mode):
                os.unlink(entry.path)
        except OSError:
            log.warning("could not remove %s", entry.path, exc_info=True)


class ChangedMeanwhile(Exception):
    """A file of the earlier bundle changed while the new one was written; ``str()`` is Chinese."""


def _rename(src: Path, dst: Path) -> None:
    try:
        os.rename(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.move(str(src), str(dst))


class Swap:
    """Records each move so that :meth:`undo` can put everything back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._done: list[tuple[Path, Path]] = []
        self._made: list[Path] = []
        self._trash: Path | None = None

    def _make_parents(self, folder: Path) -> None:
        missing: list[Path] = []
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            os.mkdir(path)
            self._made.append(path)

    def move(self, src: Path, dst: Path) -> None:
        self._make_parents(dst.parent)
        if os.path.lexists(dst):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dst))
        _rename(src, dst)
        self._done.append((src, dst))

    def trash(self) -> Path:
        """A hidden folder beside the target for the earlier bundle's files until the swap is done."""
        if self._trash is None:
            self._trash = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", suffix=".qcdesk-old",
                                                dir=self.folder.parent))
        return self._trash

    def undo(self) -> None:
        for src, dst in reversed(self._done):
            try:
                _rename(dst, src)
            except OSError:
                log.exception("could not move %s back to %s", dst, src)
        for path in reversed(self._made):
            try:
                os.rmdir(path)
            except OSError:
                pass
        self._drop_trash()

    def _drop_trash(self) -> None:
        if self._trash is None:
            return
        if any(p.is_file() or p.is_symlink() for p in self._trash.rglob("*")):
            # Something could not be moved back: leave it where the user can still find it.
            log.error("files of the earlier bundle remain in %s", self._trash)
            return
        shutil.rmtree(self._trash, ignore_errors=True)

    def commit(self) -> None:
        """The swap is done: the earlier bundle's files moved aside are no longer needed."""
        if self._trash is not None:
            shutil.rmtree(self._trash, ignore_errors=True)
            self._trash = None


def put_in_place(staging: Path, target: Target, zip_tmp: Path | None = None,
                 zip_path: Path | None = None) -> None:
    """Make ``target.folder`` hold the bundle written to ``staging`` (and ``zip_path`` its zip)."""
    folder = target.folder
    swap = Swap(folder)
    try:
        if not os.path.lexists(folder):
            swap.move(staging, folder)
        else:
            for rel, stamp in target.ours.items():
                st = _regular_file(folder, rel)
                if st is None:
                    continue
                if (st.st_size, st.st_mtime_ns) != (stamp.size, stamp.mtime_ns):
                    raise ChangedMeanwhile(f"导出过程中“{folder.name}/{rel}”被修改了，为免覆盖，本次导出没有完成，请重试。")
                swap.move(folder / rel, swap.trash() / rel)
            if _regular_file(folder, MANIFEST) is not None:
                swap.move(folder / MANIFEST, swap.trash() / MANIFEST)
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    swap.move(path, folder / path.relative_to(staging))
        if zip_tmp is not None and zip_path is not None:
            if os.path.lexists(zip_path):
                swap.move(zip_path, swap.trash() / zip_path.name)
            swap.move(zip_tmp, zip_path)
    except BaseException:
        swap.undo()
        raise
    swap.commit()
    _prune(folder, list(target.ours))


def _prune(folder: Path, removed: list[str]) -> None:
    """Remove folders of the earlier bundle that its removed files left empty."""
    parents = sorted({p for rel in removed for p in Path(rel).parents if p != Path(".")},
                     key=lambda p: len(p.parts), reverse=True)
    for rel in parents:
        try:
            os.rmdir(folder / rel)
        except OSError:
            pass     # not empty (the new bundle or the user has files there) or already gone
