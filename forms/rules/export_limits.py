"""What the documents cannot hold as typed, found before an export fails or cuts something short.

The writers split long cells across pages and shorten document properties themselves; what is left
is said here at its field: numbers too long for any table cell, text longer than an Excel cell
holds (the 汇总表), text so long that the documents could not be made in reasonable time, and
listed files that exist but cannot be read.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from os import PathLike
from pathlib import Path as FsPath

from pydantic import BaseModel

from forms.locations import Path
from forms.os_errors import os_reason
from forms.project import Project
from forms.report_common import Section
from forms.rules.common import resolve_file
from forms.rules.findings import Reporter
from forms.text import clean_text

MAX_INTEGER_DIGITS = 15     # what Excel and JSON numbers keep exactly; far beyond any real figure
EXCEL_CELL_MAX = 32767      # characters an Excel cell holds; openpyxl cuts off the rest silently
MAX_TEXT_CHARS = 100_000    # one field; a whole report book is typically 10,000–30,000 characters
_LIMIT = 10 ** MAX_INTEGER_DIGITS
# Fields printed in the 汇总表 (附件4/附件5), one cell each.
_SUMMARY_FIELDS = ("enterprise", "address", "postcode", "contact_person", "mobile", "group_name", "team_name",
                   "title", "topic_type")
# 申报单位 fields that share the 汇总表's header cell, with room for its own words.
_HEADER_FIELDS = ("name", "contact_person", "phone", "mobile")
_HEADER_WORDS = 80


def _too_big(value: Decimal | int) -> bool:
    if isinstance(value, Decimal):
        return not value.is_finite() or (value != 0 and value.adjusted() >= MAX_INTEGER_DIGITS)
    return abs(value) >= _LIMIT


def _children(value: BaseModel | list) -> Iterator[tuple[str | int, object]]:
    """A model's fields or a list's items, with their keys (report steps are addressed by name)."""
    if isinstance(value, BaseModel):
        return ((key, getattr(value, key)) for key in type(value).model_fields)
    return ((item.step if isinstance(item, Section) and item.step else index, item)
            for index, item in enumerate(value))


def _check_sizes_in(r: Reporter, value: BaseModel | list, path: Path) -> None:
    # Runs on every live check: texts and numbers are looked at in place, and a path is built only
    # for the models and lists that are descended into (a project has some 100,000 leaves).
    for key, item in _children(value):
        if isinstance(item, str):
            if len(item) > MAX_TEXT_CHARS:
                r.error((*path, key), f"共{len(item)}字，超过{MAX_TEXT_CHARS // 10_000}万字，文档无法正常生成，请精简。")
        elif isinstance(item, (Decimal, int)):
            if not isinstance(item, bool) and _too_big(item):
                r.error((*path, key), f"数值过大（超过{MAX_INTEGER_DIGITS}位整数），表格中无法正常显示，请核对后改正。")
        elif isinstance(item, (BaseModel, list)):
            _check_sizes_in(r, item, (*path, key))


def check_sizes(r: Reporter, project: Project) -> None:
    """Numbers beyond any table cell, texts beyond any document."""
    _check_sizes_in(r, project, ())


def check_summary_cells(r: Reporter, project: Project) -> None:
    for key, items in (("group_achievements", project.group_achievements),
                       ("team_achievements", project.team_achievements)):
        for index, item in enumerate(items):
            for name in _SUMMARY_FIELDS:
                text = getattr(item, name, None)
                if isinstance(text, str) and len(clean_text(text)) > EXCEL_CELL_MAX:
                    r.error((key, index, name),
                            f"共{len(text)}字，超过 Excel 单元格能容纳的{EXCEL_CELL_MAX}字，汇总表中放不下，请精简。")
    d = project.declarant
    lengths = {name: len(getattr(d, name)) for name in _HEADER_FIELDS}
    if sum(lengths.values()) + _HEADER_WORDS > EXCEL_CELL_MAX:
        longest = max(lengths, key=lengths.__getitem__)
        r.error(("declarant", longest),
                f"共{lengths[longest]}字，汇总表表头的单元格放不下（Excel 单元格最多{EXCEL_CELL_MAX}字），请精简。")


def _unreadable(candidate: FsPath) -> OSError | None:
    """Why an existing file cannot be read, or ``None`` (also for a file that is missing)."""
    try:
        if not candidate.is_file():
            return None
        with open(candidate, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return exc
    except ValueError:     # an impossible name: the existence check reports it
        return None
    return None


def check_readable_files(r: Reporter, project: Project, base_dir: str | PathLike[str] | None) -> None:
    lists: list[tuple[Path, list[str]]] = []
    for key, items in (("group_achievements", project.group_achievements),
                       ("team_achievements", project.team_achievements)):
        lists += [((key, i, "attachments"), a.attachments) for i, a in enumerate(items)]
    lists += [(("reviewers", i, "evidence"), p.evidence) for i, p in enumerate(project.reviewers)]
    for at, names in lists:
        for index, name in enumerate(names):
            candidate = resolve_file(name, base_dir) if name.strip() else None
            exc = _unreadable(candidate) if candidate is not None else None
            if exc is not None:
                r.error((*at, index), f"文件“{name}”无法读取：{os_reason(exc)}。请检查该文件，或重新选择它。")


def check_export_limits(r: Reporter, project: Project, base_dir: str | PathLike[str] | None) -> None:
    check_sizes(r, project)
    check_summary_cells(r, project)
    check_readable_files(r, project, base_dir)
