"""Where a project's files are: one helper for the rules, the bundle, the window and collecting.

A project names files in three places — the 活动记录 of each achievement (``attachments``), each
reviewer's certificates (``evidence``) and the report's picture blocks (``ImageBlock.path``). A
portable project keeps them in ``<项目文件名>_附件/`` beside the project file and stores paths
relative to the project file's folder (with ``/``), so the folder, or a zip of it, can move to
another PC and open complete. Files are copied in, never moved or deleted.
"""
from __future__ import annotations

import filecmp
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path, PurePosixPath

from forms.blocks import ImageBlock
from forms.locations import Path as ModelPath
from forms.project import Project

FOLDER_SUFFIX = "_附件"
IMAGES = "图片"
"""Pictures of a report go into ``图片/`` (of the achievement's folder when gathered)."""

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\u202a-\u202e\u2066-\u2069]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}

KIND_FOLDERS = {"group_achievements": "小组成果", "team_achievements": "班组成果", "reviewers": "评委证明材料"}


def folder_name(text: str, *, limit: int = 40, fallback: str = "未命名") -> str:
    """A readable folder or file name that Windows accepts (forbidden characters become ``_``)."""
    name = _FORBIDDEN.sub("_", " ".join(text.split()))[:limit].strip().rstrip(".")
    if not name.strip("_"):
        name = fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name


def attachments_dir(project_file: str | PathLike[str]) -> Path:
    """``<folder>/<stem>_附件``: where the files of ``project_file`` are kept."""
    path = Path(project_file)
    return path.parent / f"{path.stem}{FOLDER_SUFFIX}"


def resolve(name: str, base_dir: str | PathLike[str] | None) -> Path | None:
    """Where a listed file is: relative names are taken from the project file's folder.

    ``None`` for a relative name when the folder is unknown (an unsaved project).
    """
    candidate = Path(name.strip())
    if candidate.is_absolute():
        return candidate
    return Path(base_dir) / candidate if base_dir is not None else None


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def _below(path: str, base: str) -> bool:
    try:
        relative = os.path.relpath(path, base)
    except ValueError:   # another drive on Windows
        return False
    return relative != ".." and not relative.startswith(".." + os.sep) and not os.path.isabs(relative)


def is_inside(path: str | PathLike[str], base_dir: str | PathLike[str] | None) -> bool:
    """True when ``path`` (after ``..``) lies in ``base_dir`` or below it.

    Decided on the names first (fast: the rules ask for every file on each edit); only a path that
    looks outside is compared again after resolving links, so a folder reached through a link
    (a mapped drive, /tmp → /private/tmp) is not mistaken for another place.
    """
    if base_dir is None:
        return False
    named, base = os.path.abspath(path), os.path.abspath(base_dir)
    if named.startswith(base.rstrip(os.sep) + os.sep):
        return True   # normalised names, one below the other: no relpath needed
    if _below(named, base):
        return True
    return _below(str(_real(Path(path))), str(_real(Path(base_dir))))


def relative_to_project(path: str | PathLike[str], base_dir: str | PathLike[str] | None) -> str | None:
    """``path`` as stored in a portable project (relative, with ``/``), or ``None`` when outside."""
    if not is_inside(path, base_dir):
        return None
    assert base_dir is not None
    relative = os.path.relpath(_real(Path(path)), _real(Path(base_dir)))
    return PurePosixPath(*Path(relative).parts).as_posix()


def is_file(path: Path | None) -> bool:
    try:
        return path is not None and path.is_file()
    except (OSError, ValueError):   # a name too long or otherwise impossible on this system
        return False


# ---- the file references of a project ------------------------------------------------------------

@dataclass(frozen=True)
class FileRef:
    """One file named by a project: where in the model, what it says, whose it is."""

    path: ModelPath     # e.g. ("group_achievements", 0, "attachments", 2) or (…, "blocks", 1, "path")
    name: str           # the stored text
    kind: str           # "attachments", "evidence" or "image"
    owner: ModelPath    # the achievement or reviewer, e.g. ("group_achievements", 0)
    section: int = -1   # for a picture: the index of its section (steps may repeat in a hand-written file)

    @property
    def what(self) -> str:
        """The file's role in a message: 小组活动记录等附件, 证明材料, 图片."""
        if self.kind == "evidence":
            return "证明材料"
        if self.kind == "image":
            return "图片"
        return "小组活动记录等附件" if self.owner[0] == "group_achievements" else "班组活动记录等附件"


def file_refs(project: Project) -> Iterator[FileRef]:
    """Every non-empty file name of ``project``, in the order of the forms."""
    for top in ("group_achievements", "team_achievements"):
        for index, a in enumerate(getattr(project, top)):
            owner = (top, index)
            for n, name in enumerate(a.attachments):
                if name.strip():
                    yield FileRef((*owner, "attachments", n), name, "attachments", owner)
            for number, section in enumerate(a.report.sections):
                for b, block in enumerate(section.blocks):
                    if isinstance(block, ImageBlock) and block.path.strip():
                        yield FileRef((*owner, "report", "sections", section.step, "blocks", b, "path"),
                                      block.path, "image", owner, number)
    for index, person in enumerate(project.reviewers):
        for n, name in enumerate(person.evidence):
            if name.strip():
                yield FileRef(("reviewers", index, "evidence", n), name, "evidence", ("reviewers", index))


def set_ref(project: Project, ref: FileRef, value: str) -> None:
    """Store ``value`` where ``ref`` points (a list entry or an image block's ``path``)."""
    owner = getattr(project, str(ref.owner[0]))[int(ref.owner[1])]
    if ref.kind == "image":
        owner.report.sections[ref.section].blocks[int(ref.path[6])].path = value
        return
    values = list(getattr(owner, ref.kind))
    values[int(ref.path[3])] = value
    setattr(owner, ref.kind, values)


def subfolder(project: Project, owner: ModelPath, kind: str = "") -> str:
    """The readable folder of an achievement's or reviewer's files, e.g. ``小组成果/降低排烟温度``."""
    top, index = str(owner[0]), int(owner[1])
    items = getattr(project, top)
    return owner_folder(owner, items[index] if 0 <= index < len(items) else None, kind)


def owner_folder(owner: ModelPath, item: object, kind: str = "") -> str:
    """:func:`subfolder` for an achievement or reviewer model at ``owner`` (``("reviewers", 1)``)."""
    top, index = str(owner[0]), int(owner[1])
    label = (getattr(item, "title", "") or getattr(item, "name", "")) if item is not None else ""
    noun = "评委" if top == "reviewers" else "成果"
    folder = f"{KIND_FOLDERS[top]}/{folder_name(label, fallback=f'第{index + 1}项{noun}')}"
    return f"{folder}/{IMAGES}" if kind == "image" else folder


# ---- copying files in ---------------------------------------------------------------------------

def copy_in(source: Path, folder: Path) -> Path:
    """Copy ``source`` into ``folder`` (made if needed), keeping its name readable and unique.

    A file of the same name and content already there is reused, so gathering twice copies nothing.
    Raises ``OSError``; never overwrites a file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = folder_name(source.stem, limit=80), folder_name(source.suffix, limit=12, fallback="")
    counter = 1
    while True:
        target = folder / (f"{stem}{suffix}" if counter == 1 else f"{stem} ({counter}){suffix}")
        if not target.exists():
            break
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            return target
        counter += 1
    # Exclusive create: a file appearing meanwhile is never overwritten.
    with source.open("rb") as src, target.open("xb") as dst:
        try:
            shutil.copyfileobj(src, dst, 1 << 20)
        except BaseException:
            dst.close()
            target.unlink(missing_ok=True)   # a half-written copy (disk full) is ours to remove
            raise
    try:
        shutil.copystat(source, target)   # keep the file's date; not every file system allows it
    except OSError:
        pass
    return target


def adopt_file(chosen: str | PathLike[str], project_file: str | PathLike[str], folder: str) -> tuple[str, bool]:
    """A file the user picked, as the project stores it: ``(relative name, copied?)``.

    Inside the project's folder it is referenced where it is; elsewhere it is copied into
    ``<项目名>_附件/<folder>/``. Raises ``OSError`` when the copy fails.
    """
    base = Path(project_file).parent
    inside = relative_to_project(chosen, base)
    if inside is not None:
        return inside, False
    target = copy_in(Path(chosen), attachments_dir(project_file) / folder)
    relative = relative_to_project(target, base)
    return (relative if relative is not None else str(target)), True


@dataclass
class GatherReport:
    """What collecting a project's files did: copies made, paths rewritten, files not found."""

    copied: list[tuple[str, str]] = field(default_factory=list)     # (from, stored as)
    rewritten: list[tuple[str, str]] = field(default_factory=list)  # already inside: now relative
    missing: list[FileRef] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)     # (file, Chinese reason)
    created: list[Path] = field(default_factory=list)               # files this run wrote
    changes: list[tuple[FileRef, str]] = field(default_factory=list)  # new names, for apply_changes

    @property
    def changed(self) -> bool:
        return bool(self.copied or self.rewritten)

    def summary(self) -> str:
        parts = [f"复制了 {len(self.copied)} 个文件"]
        if self.rewritten:
            parts.append(f"{len(self.rewritten)} 个路径改为相对路径")
        if self.missing:
            parts.append(f"{len(self.missing)} 个文件找不到（未改动）")
        if self.failed:
            parts.append(f"{len(self.failed)} 个文件无法复制")
        return "，".join(parts)

    def remove_created(self) -> None:
        """Undo the copies of this run (only files it wrote), e.g. when the project could not be saved."""
        for path in self.created:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


def gather(project: Project, source_base: str | PathLike[str] | None, project_file: str | PathLike[str], *,
           copy_absolute: bool = True, refs: list[FileRef] | None = None) -> tuple[Project, GatherReport]:
    """A copy of ``project`` whose files all lie in the folder of ``project_file``.

    Names are resolved from ``source_base`` (the folder the project was read from). A file outside
    the target folder is copied into ``<项目名>_附件/<成果或评委>/``; one already inside is stored
    relative. With ``copy_absolute=False`` absolute names are left alone (only relative names, which
    would break when the project moves, are copied). Nothing is deleted or overwritten; missing
    files keep their name and are reported. ``project`` itself is not changed.
    """
    from forms.os_errors import os_reason

    result = project.model_copy(deep=True)
    report = GatherReport()
    base = Path(project_file).parent
    for ref in refs if refs is not None else list(file_refs(project)):
        stored_absolute = Path(ref.name.strip()).is_absolute()
        source = resolve(ref.name, source_base)
        if not is_file(source):
            report.missing.append(ref)
            continue
        assert source is not None
        inside = relative_to_project(source, base)
        if inside is not None:
            if inside != ref.name:
                set_ref(result, ref, inside)
                report.changes.append((ref, inside))
                report.rewritten.append((ref.name, inside))
            continue
        if stored_absolute and not copy_absolute:
            continue
        try:
            existed = set(_listing(attachments_dir(project_file) / subfolder(project, ref.owner, ref.kind)))
            target = copy_in(source, attachments_dir(project_file) / subfolder(project, ref.owner, ref.kind))
        except OSError as exc:
            report.failed.append((os.path.normpath(source), os_reason(exc)))
            continue
        if target not in existed:
            report.created.append(target)
        stored = relative_to_project(target, base) or str(target)
        set_ref(result, ref, stored)
        report.changes.append((ref, stored))
        report.copied.append((os.path.normpath(source), stored))
    return result, report


def apply_changes(project: Project, changes: list[tuple[FileRef, str]]) -> None:
    """Store the new names of a :func:`gather` in ``project`` itself (the one it was made from)."""
    for ref, value in changes:
        set_ref(project, ref, value)


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def outside_refs(project: Project, base_dir: str | PathLike[str] | None) -> list[tuple[FileRef, Path]]:
    """Files that exist but lie outside the project's folder (they would be pulled into an upload)."""
    found = []
    for ref in file_refs(project):
        source = resolve(ref.name, base_dir)
        if is_file(source) and not is_inside(source, base_dir):  # type: ignore[arg-type]
            found.append((ref, source))
    return found


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, read in pieces (attachments may be large scans)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
