"""The hand-over file (``.qcpkg``): chosen achievements with their files, for the unit to collect.

A zip holding ``<名称>.qcproj`` (the 申报单位 and just those achievements) and ``<名称>_附件/…`` with
every file they name, stored relative — unzipped by hand it is a portable project folder; qcdesk
reads it with ``importers.handover``. Written to a temporary file and renamed: complete or nothing.
"""
from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from forms.attachments import attachments_dir, file_refs, folder_name, is_file, resolve, set_ref, sha256_of, subfolder
from forms.project import Project
from forms.project_file import project_to_json

PACKAGE_EXTENSION = ".qcpkg"
PACKAGE_FORMAT = "qcdesk-handover"
PACKAGE_VERSION = 1
PACKAGE_MANIFEST = "qcpkg.json"


class HandoverFailed(Exception):
    """The package could not be written; ``str()`` is Chinese. Nothing was left behind."""


@dataclass
class HandoverResult:
    path: Path
    achievements: list[str]
    files: int
    missing: list[str] = field(default_factory=list)


def handover_project(project: Project, groups: Sequence[int], teams: Sequence[int]) -> Project:
    """The 申报单位 and the chosen achievements (by index), nothing of the unit's other forms."""
    return Project(
        campaign=project.campaign,
        declarant=project.declarant.model_copy(deep=True),
        group_achievements=[project.group_achievements[i].model_copy(deep=True) for i in groups],
        team_achievements=[project.team_achievements[i].model_copy(deep=True) for i in teams],
    )


def write_handover(project: Project, base_dir: str | PathLike[str] | None, out: str | PathLike[str], *,
                   groups: Sequence[int] = (), teams: Sequence[int] = (),
                   overwrite: bool = False) -> HandoverResult:
    """Write the chosen achievements of ``project`` (files resolved from ``base_dir``) to ``out``.

    Raises :class:`HandoverFailed`; an existing ``out`` is replaced only with ``overwrite``.
    """
    from forms.os_errors import os_error_message

    out = Path(out)
    if out.suffix.lower() != PACKAGE_EXTENSION:
        out = out.with_name(out.name + PACKAGE_EXTENSION)
    if out.exists() and not overwrite:
        raise HandoverFailed(f"文件已存在：{out}，请换一个名称。")
    if not groups and not teams:
        raise HandoverFailed("没有选择要交接的成果。")
    package = handover_project(project, groups, teams)
    stem = folder_name(out.stem, fallback="交接包")
    files_root = attachments_dir(f"{stem}.qcproj").as_posix()
    entries: list[tuple[str, Path]] = []
    used: set[str] = set()
    missing: list[str] = []
    for ref in list(file_refs(package)):
        source = resolve(ref.name, base_dir)
        if not is_file(source):
            missing.append(ref.name)
            continue
        assert source is not None
        folder = f"{files_root}/{subfolder(package, ref.owner, ref.kind)}"
        name = folder_name(source.stem, limit=80) + folder_name(source.suffix, limit=12, fallback="")
        arcname, counter = f"{folder}/{name}", 2
        while arcname.lower() in used:
            arcname = f"{folder}/{Path(name).stem} ({counter}){Path(name).suffix}"
            counter += 1
        used.add(arcname.lower())
        entries.append((arcname, source))
        set_ref(package, ref, arcname)
    listing = []
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise HandoverFailed(os_error_message(exc, "写入交接包", str(out))) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{stem}.qcproj", project_to_json(package).encode("utf-8"))
            for arcname, source in entries:
                zf.write(source, arcname)
                listing.append({"path": arcname, "sha256": sha256_of(source), "bytes": source.stat().st_size})
            titles = [a.title for a in (*package.group_achievements, *package.team_achievements)]
            manifest = {"format": PACKAGE_FORMAT, "version": PACKAGE_VERSION, "campaign": package.campaign,
                        "project": f"{stem}.qcproj", "declarant": package.declarant.name,
                        "achievements": titles, "files": listing}
            zf.writestr(PACKAGE_MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        reading = next((str(source) for _arc, source in entries if str(source) == exc.filename), None)
        raise HandoverFailed(os_error_message(exc, "读取", reading) if reading
                             else os_error_message(exc, "写入交接包", out.name)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return HandoverResult(out, titles, len(entries), missing)
