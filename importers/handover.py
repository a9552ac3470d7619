"""Reading a hand-over file (``.qcpkg``, see ``exporters.handover``) safely into a temporary folder.

Entries that would land outside the folder (absolute, ``..``, drive letters), oversized or
too many entries, and files whose checksum does not match are refused with a Chinese message.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from os import PathLike
from pathlib import Path, PurePosixPath

from forms.attachments import sha256_of
from forms.collect import check_campaign
from forms.os_errors import os_error_message
from forms.project import Project
from forms.project_file import ProjectFileError, load_project
from importers.workbook import ImportFailed

MANIFEST = "qcpkg.json"
MAX_ENTRIES = 5000
MAX_BYTES = 4 * 1024**3


def _safe_member(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        return None
    return path


def _extract(path: Path, folder: Path) -> Path:
    try:
        zf = zipfile.ZipFile(path)
    except OSError as exc:
        raise ImportFailed(os_error_message(exc, "读取", path.name)) from None
    except (zipfile.BadZipFile, ValueError):
        raise ImportFailed(f"“{path.name}”不是本程序的交接包（不是有效的压缩包）。") from None
    with zf:
        members = zf.infolist()
        if len(members) > MAX_ENTRIES or sum(m.file_size for m in members) > MAX_BYTES:
            raise ImportFailed(f"“{path.name}”中的文件过多或过大，不像是本程序的交接包。")
        projects = [m for m in members if not m.is_dir() and "/" not in m.filename.strip("/")
                    and m.filename.lower().endswith(".qcproj")]
        if len(projects) != 1:
            raise ImportFailed(f"“{path.name}”不是本程序的交接包：包中应恰有一个项目文件（.qcproj）。")
        for member in members:
            relative = _safe_member(member.filename)
            if relative is None:
                raise ImportFailed(f"“{path.name}”中有不安全的路径“{member.filename}”，已拒绝导入。")
            if member.is_dir():
                continue
            target = folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
                raise ImportFailed(f"“{path.name}”已损坏：无法解压“{member.filename}”。") from None
            except OSError as exc:
                raise ImportFailed(os_error_message(exc, "解压交接包", path.name)) from None
        project_file = folder / projects[0].filename
    _verify(path, folder)
    return project_file


def _verify(path: Path, folder: Path) -> None:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files = data.get("files", []) if isinstance(data, dict) else []
    except (OSError, ValueError):
        raise ImportFailed(f"“{path.name}”已损坏：清单 {MANIFEST} 无法读取。") from None
    for entry in files:
        relative = _safe_member(str(entry.get("path", ""))) if isinstance(entry, dict) else None
        if relative is None:
            continue
        target = folder.joinpath(*relative.parts)
        if not target.is_file() or sha256_of(target) != entry.get("sha256"):
            raise ImportFailed(f"“{path.name}”已损坏或不完整：文件“{relative}”缺失或与清单不符。")


@contextmanager
def opened_handover(path: str | PathLike[str]) -> Iterator[tuple[Project, Path]]:
    """``(project, folder)`` of a ``.qcpkg`` unpacked into a temporary folder, removed afterwards.

    The project's file names are relative to ``folder``. Raises ``ImportFailed`` (Chinese).
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="qcdesk-pkg-") as tmp:
        project_file = _extract(path, Path(tmp))
        try:
            project = load_project(project_file)
        except ProjectFileError as exc:
            raise ImportFailed(f"交接包“{path.name}”中的项目无法读取：{exc}") from None
        yield project, project_file.parent


@contextmanager
def opened_source(path: str | PathLike[str]) -> Iterator[tuple[Project, Path]]:
    """A project to collect from: a ``.qcproj`` (files beside it) or a ``.qcpkg`` (unpacked meanwhile).

    Raises ``ImportFailed`` with a Chinese message for a file that cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() == ".qcpkg":
        with opened_handover(path) as opened:
            yield opened
        return
    try:
        project = load_project(path)
    except ProjectFileError as exc:
        raise ImportFailed(str(exc)) from None
    yield project, path.absolute().parent


def open_sources(stack: ExitStack, target: Project, target_file: Path,
                 sources: Iterable[Path]) -> list[tuple[str, Project, Path]]:
    """Open every project to merge into ``target`` (kept open by ``stack``): (name, project, folder).

    Raises ``ImportFailed`` for the target file itself or a file that cannot be read, and
    ``forms.collect.CollectRefused`` for a source of another campaign year; nothing is merged then.
    """
    opened = []
    for source in sources:
        if source.absolute() == target_file:
            raise ImportFailed(f"来源“{source.name}”就是目标项目本身，不能合并到自己。")
        project, base = stack.enter_context(opened_source(source))
        check_campaign(target, project, source.name)
        opened.append((source.name, project, base))
    return opened
