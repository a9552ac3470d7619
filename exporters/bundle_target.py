"""Where a bundle may be written without touching anything the program did not write.

A folder that holds an earlier bundle is updated in place: only the files its ``manifest.json``
lists, and only those unchanged since (same size and sha256), may be replaced or removed; every
other file stays. When that is impossible (a listed file was changed by the user, a file of the user
stands where the new bundle puts one, the folder is not a bundle at all) the export goes beside it,
into ``申报包（2）``, ``申报包（3）`` … The project file is never among the replaceable files.
"""
from __future__ import annotations

import json
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from forms.attachments import sha256_of

MANIFEST = "manifest.json"
BUNDLE_FORMAT = "qcdesk-bundle"
PROJECT_SUFFIXES = (".qcproj", ".qcproj.bak")   # the project file and its backup copy are never replaced
_MANIFEST_MAX_BYTES = 64 << 20
_BESIDE_MAX = 99
_SHOWN = 5


@dataclass
class Stamp:
    """How a replaceable file looked when it was verified, to notice a change before it is moved."""

    size: int
    mtime_ns: int


@dataclass
class Target:
    """The folder a bundle goes to, and what of its present content may be replaced."""

    folder: Path
    requested: Path
    exists: bool = False
    ours: dict[str, Stamp] = field(default_factory=dict)   # files of the earlier bundle, unchanged
    kept: list[str] = field(default_factory=list)          # everything else in the folder
    beside_reason: str = ""                                # why ``folder`` is not ``requested``


class _Unusable(Exception):
    """The folder cannot take the bundle; ``str()`` says why, in Chinese."""


class NoPlace(Exception):
    """Neither the folder nor any name beside it can take the bundle; ``str()`` is Chinese."""


def _listing(names: list[str]) -> str:
    shown = "、".join(f"“{n}”" for n in names[:_SHOWN])
    return shown + (f"等{len(names)}个文件" if len(names) > _SHOWN else "")


def _clean_relative(text: object) -> str | None:
    """A manifest path that stays inside the folder, or ``None`` (absolute, ``..``, odd)."""
    if not isinstance(text, str) or not text or "\\" in text or "\x00" in text or ":" in text:
        return None
    path = PurePosixPath(text)
    if path.is_absolute() or any(part in ("", ".", "..") for part in text.split("/")):
        return None
    return path.as_posix()


def _regular_file(folder: Path, rel: str) -> os.stat_result | None:
    """The stat of ``folder/rel`` when it is a regular file reached through real folders only."""
    current = folder
    parts = rel.split("/")
    try:
        for part in parts[:-1]:
            current = current / part
            if not stat.S_ISDIR(os.lstat(current).st_mode):
                return None
        st = os.lstat(current / parts[-1])
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def read_manifest(folder: Path) -> dict[str, object] | None:
    """The earlier bundle's manifest, or ``None`` when ``folder`` holds no qcdesk bundle."""
    st = _regular_file(folder, MANIFEST)
    if st is None or st.st_size > _MANIFEST_MAX_BYTES:
        return None
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT or not isinstance(data.get("files"), list):
        return None
    return data


def _all_files(folder: Path) -> list[str]:
    """Every file (and link and other entry that is not a folder) below ``folder``, relative."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            found.append((base / name).as_posix())
    return sorted(found)


def _is_project(path: Path, project_file: Path | None) -> bool:
    if path.name.lower().endswith(PROJECT_SUFFIXES):
        return True
    try:
        return project_file is not None and project_file.exists() and path.samefile(project_file)
    except OSError:
        return False


def _inspect(folder: Path, requested: Path, planned: list[str], project_file: Path | None) -> Target:
    if not os.path.lexists(folder):
        return Target(folder, requested)
    if folder.is_symlink() or not folder.is_dir():
        raise _Unusable(f"“{folder.name}”已存在，但不是文件夹")
    present = _all_files(folder)
    target = Target(folder, requested, exists=True)
    if not present:
        return target
    manifest = read_manifest(folder)
    if manifest is None:
        raise _Unusable(f"文件夹“{folder.name}”中已有其他文件，且不是本程序导出的申报包")
    changed: list[str] = []
    for entry in manifest["files"]:  # type: ignore[union-attr]
        if not isinstance(entry, dict):
            continue
        rel = _clean_relative(entry.get("path"))
        if rel is None or rel == MANIFEST:
            continue
        st = _regular_file(folder, rel)
        if st is None or _is_project(folder / rel, project_file):
            continue     # gone, or not a plain file any more, or the project: not ours to touch
        if st.st_size == entry.get("bytes") and sha256_of(folder / rel) == entry.get("sha256"):
            target.ours[rel] = Stamp(st.st_size, st.st_mtime_ns)
        else:
            changed.append(rel)
    if changed:
        raise _Unusable(f"“{folder.name}”中的{_listing(changed)}在上次导出后被修改过")
    target.kept = [p for p in present if p not in target.ours and p != MANIFEST]
    clashes = []
    for rel in planned:
        parts = rel.split("/")
        for depth in range(1, len(parts)):   # a file of the user where the bundle needs a folder
            prefix = folder.joinpath(*parts[:depth])
            if os.path.lexists(prefix) and (prefix.is_symlink() or not prefix.is_dir()):
                clashes.append("/".join(parts[:depth]))
                break
        else:
            if rel not in target.ours and os.path.lexists(folder / rel):
                clashes.append(rel)
    if clashes:
        raise _Unusable(f"“{folder.name}”中已有与本次导出同名的其他文件{_listing(clashes)}")
    return target


def choose_target(requested: Path, planned: list[str], project_file: Path | None = None) -> Target:
    """The folder to write to: ``requested`` when that is safe, else the first safe ``name（n）`` beside it.

    ``planned`` are the bundle's relative file paths. Raises ``OSError`` when folders cannot be read, :class:`NoPlace` when none is safe.
    """
    if not requested.name:
        raise NoPlace(f"不能直接导出到“{requested}”（磁盘的根目录），请选择或新建其中的一个文件夹。")
    try:
        return _inspect(requested, requested, planned, project_file)
    except _Unusable as exc:
        reason = str(exc)
    for n in range(2, _BESIDE_MAX + 1):
        candidate = requested.with_name(f"{requested.name}（{n}）")
        try:
            target = _inspect(candidate, requested, planned, project_file)
        except _Unusable:
            continue
        target.beside_reason = f"{reason}，为免覆盖，本次导出到了旁边的“{candidate.name}”。"
        return target
    raise NoPlace(f"{reason}，旁边也没有可用的文件夹名。")


def _is_our_zip(path: Path) -> bool:
    """A zip written by this program: one top folder holding a qcdesk manifest."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith("/" + MANIFEST)]
            if len(names) != 1 or archive.getinfo(names[0]).file_size > _MANIFEST_MAX_BYTES:
                return False
            data = json.loads(archive.read(names[0]).decode("utf-8"))
    except (OSError, ValueError, zipfile.BadZipFile, RecursionError, KeyError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT


def choose_zip(folder: Path) -> tuple[Path, str]:
    """Where the zip of ``folder`` goes, and a note when that is not ``<folder>.zip``."""
    wanted = folder.with_name(folder.name + ".zip")
    for n in range(1, _BESIDE_MAX + 1):
        candidate = wanted if n == 1 else folder.with_name(f"{folder.name}（{n}）.zip")
        if not os.path.lexists(candidate) or (_regular_file(candidate.parent, candidate.name) is not None
                                              and _is_our_zip(candidate)):
            note = "" if n == 1 else \
                f"“{wanted.name}”不是本程序生成的文件，为免覆盖，压缩包另存为“{candidate.name}”。"
            return candidate, note
    raise NoPlace(f"“{wanted.name}”不是本程序生成的文件，旁边也没有可用的文件名。")
