"""The ``.qcproj`` project file: load (with migration), atomic save, clear Chinese errors.

A file that cannot be read raises :class:`ProjectFileError` whose message is one Chinese line
saying what is wrong and where; nothing else escapes from :func:`load_project`.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.locations import describe
from forms.project import FORMAT_NAME, FORMAT_VERSION, Project

EXTENSION = ".qcproj"
BACKUP_SUFFIX = ".bak"


class ProjectFileError(Exception):
    """A project file that cannot be read or written; ``str()`` is a one-line Chinese message."""


# Migrations from version N to N+1, applied in turn on open. Version 1 is the first format.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a decoded project up to :data:`FORMAT_VERSION`."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProjectFileError(f"文件格式版本 “{version}” 无效，应为 1 到 {FORMAT_VERSION} 的整数")
    if version > FORMAT_VERSION:
        raise ProjectFileError(
            f"此文件由更新版本的质量成果申报助手保存（格式版本 {version}，本程序支持到 {FORMAT_VERSION}），"
            "请升级质量成果申报助手后再打开")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["version"] = version
    return data


def _explain_validation(error: ValidationError, data: Any) -> str:
    errors = error.errors()
    first = errors[0]
    where = describe(None, tuple(first["loc"]))
    value = first.get("input")
    shown = str(value) if isinstance(value, Decimal) else json.dumps(value, ensure_ascii=False, default=str)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    kind = first["type"]
    reasons = {
        "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
        "decimal_parsing": "应为数字", "decimal_type": "应为数字", "float_parsing": "应为数字",
        "date_from_datetime_parsing": "应为日期 YYYY-MM-DD", "date_parsing": "应为日期 YYYY-MM-DD",
        "date_type": "应为日期 YYYY-MM-DD", "string_type": "应为文字",
        "list_type": "应为列表", "model_type": "应为对象", "dict_type": "应为对象",
        "literal_error": "取值不在可选范围内", "bool_type": "应为是或否",
    }
    reason = reasons.get(kind, first.get("msg", "取值无效"))
    if kind == "literal_error" and first.get("ctx", {}).get("expected"):
        reason = "应为 " + first["ctx"]["expected"].replace("'", "").replace(" or ", "、")
    more = f"（另有 {len(errors) - 1} 处类似问题）" if len(errors) > 1 else ""
    return f"{where}：{reason}，文件中为 {shown}{more}"


def project_from_data(data: Any) -> Project:
    """Validate decoded JSON as a project, migrating older versions."""
    if not isinstance(data, dict):
        raise ProjectFileError("不是本程序的项目文件：文件内容的格式不对")
    if data.get("format") != FORMAT_NAME:
        raise ProjectFileError("不是本程序的项目文件：缺少项目文件标记")
    data = migrate(dict(data))
    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        raise ProjectFileError(_explain_validation(exc, data)) from None


def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a ``.qcproj`` file. Raises :class:`ProjectFileError` with a one-line Chinese message."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ProjectFileError(f"这是一个文件夹，不是项目文件：{path}") from None
    except PermissionError:
        raise ProjectFileError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise ProjectFileError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if not raw.strip():
        raise ProjectFileError(f"文件是空的，不是本程序的项目文件：{path.name}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":   # cut off in the middle of a character
            raise ProjectFileError(f"文件已损坏或不完整（在末尾被截断）：{path.name}") from None
        raise ProjectFileError(f"文件不是 UTF-8 编码的文本，不是本程序的项目文件：{path.name}") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"文件已损坏或不完整，不是有效的项目文件（第 {exc.lineno} 行第 {exc.colno} 列）：{path.name}"
        ) from None
    except RecursionError:
        raise ProjectFileError(f"文件嵌套层数过深，不是本程序的项目文件：{path.name}") from None
    return project_from_data(data)


def project_to_json(project: Project) -> str:
    """The file text: UTF-8 JSON, keys in contract order, Chinese kept readable."""
    data = project.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, flushed and renamed.

    With ``backup``, the previous file is kept as ``<name>.bak`` first, so a bad save can be undone.
    """
    path = Path(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.is_file():
            bak = path.with_name(path.name + BACKUP_SUFFIX)
            bak_tmp = bak.with_name(f".{bak.name}.tmp")
            shutil.copy2(path, bak_tmp)
            os.replace(bak_tmp, bak)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is already durable there
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    """Save atomically, keeping the previous version as ``<name>.bak``.

    Raises :class:`ProjectFileError` with a Chinese message; the old file is untouched on failure.
    """
    path = Path(path)
    try:
        write_atomic(path, project_to_json(project).encode("utf-8"), backup=True)
    except PermissionError:
        raise ProjectFileError(f"没有权限写入 {path}，文件可能被其他程序占用或为只读") from None
    except FileNotFoundError:
        raise ProjectFileError(f"文件夹不存在：{path.parent}") from None
    except OSError as exc:
        raise ProjectFileError(f"无法保存到 {path}：{exc.strerror or exc}") from None
