"""What the documents cannot hold as typed, found before an export fails or cuts something short.

The writers split long cells across pages and shorten document properties themselves; what is left
is said here at its field: numbers too long for any table cell, text longer than an Excel cell
holds (the 汇总表), text so long that the documents could not be made in reasonable time, and
listed files that exist but cannot be read.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from os import PathLike

from pydantic import BaseModel

from forms.locations import Path
from forms.os_errors import os_reason
from forms.project import Project
from forms.report_common import Section
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


def _too_long(r: Reporter, path: Path, text: str) -> None:
    r.error(path, f"共{len(text)}字，超过{MAX_TEXT_CHARS // 10_000}万字，文档无法正常生成，请精简。")


def _too_big_error(r: Reporter, path: Path) -> None:
    r.error(path, f"数值过大（超过{MAX_INTEGER_DIGITS}位整数），表格中无法正常显示，请核对后改正。")


# Values that hold neither text nor a number to measure.
_NOTHING_TO_MEASURE = frozenset({type(None), bool, dt.date, dt.datetime})


def _check_model(r: Reporter, model: BaseModel, path: Path) -> None:
    # Runs on every live check over some 50,000 values: each is dispatched on its exact type, and
    # a path is built only for what is descended into or reported. A pydantic model's ``__dict__``
    # holds exactly its declared fields, in order (unknown keys are kept apart, as ``model_fields``
    # leaves them out too).
    for key, item in model.__dict__.items():
        kind = type(item)
        if kind is str:
            if len(item) > MAX_TEXT_CHARS:
                _too_long(r, (*path, key), item)
        elif kind in _NOTHING_TO_MEASURE:
            continue
        elif kind is list:
            if item:
                _check_list(r, item, (*path, key))
        elif kind is Decimal or kind is int:
            if _too_big(item):
                _too_big_error(r, (*path, key))
        else:
            _check_other(r, item, (*path, key))


def _check_list(r: Reporter, items: list, path: Path) -> None:
    for index, item in enumerate(items):
        kind = type(item)
        if kind is str:
            if len(item) > MAX_TEXT_CHARS:
                _too_long(r, (*path, index), item)
        elif isinstance(item, BaseModel):   # report steps are addressed by name
            _check_model(r, item, (*path, (item.step or index) if isinstance(item, Section) else index))
        elif kind in _NOTHING_TO_MEASURE:
            continue
        elif kind is list:
            if item:
                _check_list(r, item, (*path, index))
        elif kind is Decimal or kind is int:
            if _too_big(item):
                _too_big_error(r, (*path, index))
        else:
            _check_other(r, item, (*path, index))


def _check_other(r: Reporter, item: object, path: Path) -> None:
    """A value of a type the walk does not dispatch on exactly (a subclass): the general tests."""
    if isinstance(item, str):
        if len(item) > MAX_TEXT_CHARS:
            _too_long(r, path, item)
    elif isinstance(item, (Decimal, int)):
        if not isinstance(item, bool) and _too_big(item):
            _too_big_error(r, path)
    elif isinstance(item, BaseModel):
        _check_model(r, item, path)
    elif isinstance(item, list):
        _check_list(r, item, path)


def check_sizes(r: Reporter, project: Project) -> None:
    """Numbers beyond any table cell, texts beyond any document."""
    _check_model(r, project, ())


def check_summary_cells(r: Reporter, project: Project) -> None:
    for key, items in (("group_achievements", project.group_achievements),
                       ("team_achievements", project.team_achievements)):
        for index, item in enumerate(items):
            fields, kept = item.__dict__, item.__pydantic_extra__ or {}
            for name in _SUMMARY_FIELDS:
                # getattr(item, name, None) without pydantic's slow miss (group_name on a team…)
                text = fields[name] if name in fields else kept.get(name)
                # Cleaning never lengthens a text: only a long one needs cleaning to be measured.
                if isinstance(text, str) and len(text) > EXCEL_CELL_MAX and len(clean_text(text)) > EXCEL_CELL_MAX:
                    r.error((key, index, name),
                            f"共{len(text)}字，超过 Excel 单元格能容纳的{EXCEL_CELL_MAX}字，汇总表中放不下，请精简。")
    d = project.declarant
    lengths = {name: len(getattr(d, name)) for name in _HEADER_FIELDS}
    if sum(lengths.values()) + _HEADER_WORDS > EXCEL_CELL_MAX:
        longest = max(lengths, key=lengths.__getitem__)
        r.error(("declarant", longest),
                f"共{lengths[longest]}字，汇总表表头的单元格放不下（Excel 单元格最多{EXCEL_CELL_MAX}字），请精简。")


def check_readable_files(r: Reporter, project: Project, base_dir: str | PathLike[str] | None) -> None:
    lists: list[tuple[Path, list[str]]] = []
    for key, items in (("group_achievements", project.group_achievements),
                       ("team_achievements", project.team_achievements)):
        lists += [((key, i, "attachments"), a.attachments) for i, a in enumerate(items)]
    lists += [(("reviewers", i, "evidence"), p.evidence) for i, p in enumerate(project.reviewers)]
    files = r.files
    for at, names in lists:
        for index, name in enumerate(names):
            candidate = files.resolve(name, base_dir) if name.strip() else None
            if candidate is None:
                continue
            # Looked at and read once in this check, with the existence check (a missing file is
            # that check's error, not this one's).
            exc = files.stat_error(candidate) or files.read_error(candidate)
            if exc is not None:
                r.error((*at, index), f"文件“{name}”无法读取：{os_reason(exc)}。请检查该文件，或重新选择它。")


def check_export_limits(r: Reporter, project: Project, base_dir: str | PathLike[str] | None) -> None:
    check_sizes(r, project)
    check_summary_cells(r, project)
    check_readable_files(r, project, base_dir)
