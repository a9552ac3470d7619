"""Opening a project file whose values do not all fit their fields (小组人数 "八", a date "下月").

Such a file is refused by :func:`forms.project_file.load_project` with one Chinese line. Refusing
the whole project for one value would leave the user to edit JSON by hand; instead the window
offers :func:`repair_project_file`: every value that does not fit is cleared (its field takes its
empty default), each one is named with the value it had, and the original file is kept as a copy
(:func:`keep_original`) before anything is saved over it.
"""
from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.project import FORMAT_NAME, Project
from forms.project_file import (
    ProjectFileError, data_path, ensure_savable, migrate, place_of, read_project_data, shown_value,
)
from forms.validation_messages import reason

MAX_ROUNDS = 20   # a clearing can uncover another problem below it; real files need one or two


@dataclass(frozen=True)
class Repaired:
    """The project with the unfitting values cleared, and one Chinese line per cleared value."""

    project: Project
    cleared: list[str]


def _container(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _clear_round(data: dict[str, Any], error: ValidationError) -> list[str]:
    """Take out every value the validation refused; the lines naming them (empty: nothing to do)."""
    cleared: list[str] = []
    located = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "missing":
            return []   # a required value with no default: clearing cannot help
        path = data_path(tuple(detail["loc"]), data)
        if not path:
            return []
        located.append((path, detail))
    # Deepest and last first, so removing an item of a list does not move the others still to do.
    for path, detail in sorted(located, key=lambda pair: [(isinstance(s, int), s) for s in pair[0]],
                               reverse=True):
        if path[0] in ("format", "version", "campaign"):
            return []  # what the file is, not a value to clear
        parent = _container(data, path[:-1])
        key = path[-1]
        if isinstance(parent, dict) and key in parent or \
                isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
            value = parent[key]
        else:
            continue   # already taken out with its parent
        if isinstance(value, (dict, list)) and value:
            return []  # a whole part of the project in the wrong shape: not one mistyped value
        parent.pop(key)
        cleared.append(f"{place_of(path)}：{reason(detail)}，文件中为 {shown_value(value)}")
    return cleared


def repair_data(data: Any) -> Repaired | None:
    """Validate ``data`` (a decoded project file), clearing what does not fit; None if that is not enough."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        return None
    data = migrate(copy.deepcopy(data))
    cleared: list[str] = []
    for _ in range(MAX_ROUNDS):
        try:
            return Repaired(Project.model_validate(data), cleared)
        except ValidationError as exc:
            more = _clear_round(data, exc)
            if not more:
                return None
            cleared += reversed(more)   # in file order
        except (RecursionError, ValueError, TypeError):
            return None
    return None


def repair_project_file(path: str | Path) -> Repaired:
    """Open ``path`` with every value that does not fit its field cleared.

    Raises :class:`ProjectFileError` (the reason ``load_project`` gives) when the file cannot be
    read at all or clearing values does not make it a project.
    """
    path = Path(path)
    data = read_project_data(path)
    repaired = repair_data(data)
    if repaired is None:
        raise ProjectFileError(f"文件中的内容无法修复，未打开：{path.name}")
    ensure_savable(repaired.project, path.name)
    return repaired


def _copy_name(path: Path, n: int) -> Path:
    return path.with_name(f"{path.stem}_修复前原文件{'' if n == 1 else f'（{n}）'}{path.suffix}")


def original_copy(path: str | Path) -> Path:
    """Where :func:`keep_original` would copy ``path`` now: the first ``<名称>_修复前原文件.qcproj``
    (numbered if taken) that does not exist."""
    path = Path(path)
    n = 1
    while n < 1000 and _copy_name(path, n).exists():
        n += 1
    return _copy_name(path, n)


def keep_original(path: str | Path) -> Path:
    """Copy ``path`` beside itself as ``<名称>_修复前原文件.qcproj`` (numbered if taken); the copy's path.

    Raises ``OSError`` when the folder cannot be written. Never overwrites a file.
    """
    path = Path(path)
    for n in range(1, 1000):
        target = _copy_name(path, n)
        try:
            with open(path, "rb") as src, open(target, "xb") as out:   # "x": never over a file
                shutil.copyfileobj(src, out)
        except FileExistsError:
            continue
        shutil.copystat(path, target)
        return target
    raise FileExistsError(f"too many copies beside {path}")
