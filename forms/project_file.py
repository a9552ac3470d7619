"""The ``.qcproj`` project file: load (with migration), atomic save, clear Chinese errors.

A file that cannot be read raises :class:`ProjectFileError` whose message is one Chinese line
saying what is wrong and where; nothing else escapes from :func:`load_project`.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.locations import describe
from forms.os_errors import os_error_message
from forms.project import FORMAT_NAME, FORMAT_VERSION, Project
from forms.safe_json import MAX_DEPTH, MAX_FILE_BYTES, JsonLimitError, check_limits, decode
from forms.validation_messages import reason

log = logging.getLogger(__name__)

EXTENSION = ".qcproj"
BACKUP_SUFFIX = ".bak"


class ProjectFileError(Exception):
    """A project file that cannot be read or written; ``str()`` is a one-line Chinese message.

    ``repairable``: the file was read, but values in it do not fit their fields;
    :func:`forms.project_repair.repair_project_file` can open it with those values cleared.
    """

    def __init__(self, message: str, *, repairable: bool = False) -> None:
        super().__init__(message)
        self.repairable = repairable


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


def shown_value(value: Any) -> str:
    """The refused value as the message quotes it: short, on one line."""
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, list):
        return "[…]" if value else "[]"
    if isinstance(value, str):
        value = value[:40]
    try:
        shown = str(value) if isinstance(value, Decimal) else json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        shown = "…"
    return shown if len(shown) <= 40 else shown[:37] + "…"


def data_path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """``loc`` without the union members' and tags' names pydantic puts in it (``str``, ``fishbone``)."""
    path: list[str | int] = []
    current = data
    for position, step in enumerate(loc):
        if isinstance(current, dict) and isinstance(step, str) and step in current:
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        elif isinstance(current, dict) and isinstance(step, str) and position == len(loc) - 1:
            current = None   # a key missing from the file
        else:
            continue         # a name of pydantic's own (union member, tag), not a key of the file
        path.append(step)
    return tuple(path)


_PLACE_STEPS = 12   # deeper places (only in damaged files) are cut short in messages


def place_of(path: tuple[str | int, ...], project: Project | None = None) -> str:
    """``describe`` with keys of the file shortened, so the message stays one short line."""
    shortened = tuple(step if isinstance(step, int) or len(step) <= 30 else step[:28] + "…"
                      for step in path[:_PLACE_STEPS])
    try:
        text = describe(project, shortened)
    except Exception:   # a path no model knows: name the keys as they are
        log.warning("cannot describe %r", shortened, exc_info=True)
        text = "项目文件 › " + " › ".join(str(step) for step in shortened)
    if len(path) > _PLACE_STEPS:
        text += " › …"
    return " ".join(text.split("\n")).replace("\r", " ")


def _explain_validation(error: ValidationError, data: Any) -> str:
    errors = error.errors(include_url=False)
    first = errors[0]
    where = place_of(data_path(tuple(first["loc"]), data))
    more = f"（另有 {len(errors) - 1} 处类似问题）" if len(errors) > 1 else ""
    return f"{where}：{reason(first)}，文件中为 {shown_value(first.get('input'))}{more}"


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
        raise ProjectFileError(_explain_validation(exc, data), repairable=True) from None
    except RecursionError:
        raise ProjectFileError(f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是本程序能读取的内容") from None
    except Exception:   # a validator's own bug: still one Chinese line, the traceback in the log
        log.exception("project data cannot be validated")
        raise ProjectFileError("文件内容无法读取（程序内部错误，详细信息已记录在日志文件中）") from None


def ensure_savable(project: Project, name: str) -> None:
    """Refuse, at open, a project that could not be saved again (so no work is typed in vain)."""
    try:
        _savable_bytes(project, name, indent=None)   # compact: the same failures, written faster
    except ProjectFileError:
        raise ProjectFileError(f"文件中有无法重新保存的内容，为免修改后无法保存，未打开：{name}") from None


def load_project(path: str | os.PathLike[str], *, to_edit: bool = True) -> Project:
    """Read a ``.qcproj`` file. Raises :class:`ProjectFileError` with a one-line Chinese message.

    Reading is bounded (see :mod:`forms.safe_json`): no file makes it slow, and every project it
    returns to edit can be saved again (``to_edit=False``, for reading only as ``qcdesk check``
    does, skips that test: a fifth of the time of reading a large project).
    """
    path = Path(path)
    project = project_from_data(read_project_data(path))
    if to_edit:
        ensure_savable(project, path.name)
    return project


def read_project_data(path: Path) -> Any:
    """The decoded JSON of a project file, not yet validated; :class:`ProjectFileError` if unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.is_file():
            raise ProjectFileError(
                f"文件过大（{size / 2**20:.0f} MB，上限 {MAX_FILE_BYTES // 2**20} MB），不是正常的项目文件：{path.name}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ProjectFileError(f"这是一个文件夹，不是项目文件：{path}") from None
    except OSError as exc:
        raise ProjectFileError(os_error_message(exc, "读取", str(path))) from None
    remove_stale_temp_files(path)
    if not raw.strip():
        raise ProjectFileError(f"文件是空的，不是本程序的项目文件：{path.name}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":   # cut off in the middle of a character
            raise ProjectFileError(f"文件已损坏或不完整（在末尾被截断）：{path.name}") from None
        raise ProjectFileError(f"文件不是 UTF-8 编码的文本，不是本程序的项目文件：{path.name}") from None
    try:
        data = decode(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(
            f"文件已损坏或不完整，不是有效的项目文件（第 {exc.lineno} 行第 {exc.colno} 列）：{path.name}"
        ) from None
    except JsonLimitError as exc:
        raise ProjectFileError(f"{place_of(exc.path)}：{exc.reason}") from None
    return data


def project_to_json(project: Project) -> str:
    """The file text: UTF-8 JSON, keys in contract order, Chinese kept readable."""
    data = project.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _savable_bytes(project: Project, name: str, *, indent: int | None = 2) -> bytes:
    """The file's bytes, or a Chinese refusal when the file could not be opened again."""
    try:
        data = project.model_dump(mode="json")
        check_limits(data)
        raw = (json.dumps(data, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
    except JsonLimitError as exc:
        raise ProjectFileError(
            f"无法保存“{name}”：{place_of(exc.path, project)}：{exc.reason}。原来的文件保持不变。") from None
    except Exception:
        log.exception("project cannot be serialised for %s", name)
        raise ProjectFileError(f"无法保存“{name}”：项目中有无法写入文件的内容，原来的文件保持不变。") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"无法保存“{name}”：项目过大（{len(raw) / 2**20:.0f} MB，上限 {MAX_FILE_BYTES // 2**20} MB），"
            "请删减过长的文字后再保存。原来的文件保持不变。")
    return raw


STALE_TEMP_SECONDS = 15 * 60
"""A temporary file of a process that may still run is removed only after this long: on Windows
(where liveness is not checked) and for our own process id, a save in progress is never that slow."""

_TEMP_SUFFIX = ".tmp"


def _temp_pattern(name: str) -> re.Pattern[str]:
    # .<name>.<pid>-<8 hex>.tmp as written by write_atomic; .<name>.<8 chars>.tmp by earlier versions
    return re.compile(rf"^\.{re.escape(name)}\.(?:(\d+)-[0-9a-f]{{8}}|[a-z0-9_]{{8}})\.tmp$")


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True   # unknown: rely on the age of the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # e.g. another user's process
    return True


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files an interrupted save of ``path`` (or of its ``.bak``) left behind.

    Only files named as :func:`write_atomic` names them are touched, and only when the process that
    wrote them is gone (or they are older than :data:`STALE_TEMP_SECONDS`). Never raises.
    """
    path = Path(path)
    removed: list[Path] = []
    patterns = [_temp_pattern(path.name), _temp_pattern(path.name + BACKUP_SUFFIX)]
    legacy_bak = f".{path.name}{BACKUP_SUFFIX}{_TEMP_SUFFIX}"   # fixed name of earlier versions
    try:
        entries = list(os.scandir(path.parent if str(path.parent) else "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = next((m for m in (p.match(entry.name) for p in patterns) if m), None)
        if match is None and entry.name != legacy_bak:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(match.group(1)) if match is not None and match.group(1) else None
            dead = pid is not None and pid != os.getpid() and not _process_alive(pid)
            if dead or now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            log.warning("cannot remove stale temporary file %s", entry.path, exc_info=True)
    return removed


def _open_temp(target: Path, mode: int) -> tuple[int, Path]:
    """Create ``.<name>.<pid>-<random>.tmp`` beside ``target``, readable by no one beyond ``mode``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{_TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def write_atomic(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, flushed and renamed.

    The file keeps the previous file's permissions (a new file gets the usual default, not 0600).
    With ``backup``, the previous file is kept as ``<name>.bak`` first (flushed to disk too), so a
    bad save can be undone. Temporary files of earlier interrupted saves are removed. On any failure
    the previous file is untouched and no temporary file is left.
    """
    path = Path(path)
    folder = path.parent
    remove_stale_temp_files(path)
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        old_mode = None
    # Created no wider than the old file (or the umask default); the exact old mode is set below.
    fd, tmp = _open_temp(path, 0o666 & old_mode if old_mode is not None else 0o666)
    bak_tmp: Path | None = None
    try:
        with os.fdopen(fd, "wb") as fh:
            if old_mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), old_mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.is_file():
            bak = path.with_name(path.name + BACKUP_SUFFIX)
            bak_fd, bak_tmp = _open_temp(bak, 0o600)
            with os.fdopen(bak_fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            shutil.copystat(path, bak_tmp)   # the backup keeps the file's mode and times
            os.replace(bak_tmp, bak)
            bak_tmp = None
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if bak_tmp is not None:
            bak_tmp.unlink(missing_ok=True)
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
    data = _savable_bytes(project, path.name)
    try:
        write_atomic(path, data, backup=True)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise ProjectFileError(f"文件夹不存在：{path.parent}") from None
        raise ProjectFileError(f"无法保存“{path.name}”：找不到文件或文件夹，它可能已被移动、改名或删除。") from None
    except OSError as exc:
        raise ProjectFileError(os_error_message(exc, "保存", path.name)) from None
