"""Columns matched by their Chinese header names (with common synonyms), never by position.

A roster copied from Excel or an xlsx sheet may order its columns any way and name them 学历
instead of 文化程度; :func:`match_header` finds the header row and says which column holds which key.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_NOISE = re.compile(r"[\s（）()【】\[\]:：*＊]+")

GROUP_MEMBER_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "成员姓名", "人员姓名"),
    "age": ("年龄", "年龄岁"),
    "education": ("文化程度", "学历", "文化"),
    "title": ("职务、职称", "职务/职称", "职务职称", "职务", "职称"),
    "role": ("组内分工", "分工", "小组分工", "组内职务"),
    "remark": ("备注", "说明"),
}
TEAM_MEMBER_HEADERS: dict[str, tuple[str, ...]] = {
    **{k: v for k, v in GROUP_MEMBER_HEADERS.items() if k != "role"},
    "duty": ("岗位职责", "职责", "岗位", "分工", "组内分工"),
}
CONTRIBUTOR_HEADERS = ("主要完成人", "是否主要完成人", "主要完成人员")

GROUP_SUMMARY_HEADERS: dict[str, tuple[str, ...]] = {
    "enterprise": ("企业名称", "企业名称公章为准", "企业名称以公章为准", "单位名称", "企业"),
    "address": ("通讯地址", "详细通讯地址", "地址"),
    "postcode": ("邮编", "邮政编码"),
    "contact_person": ("直接联系人", "联系人"),
    "mobile": ("手机", "手机号", "手机号码", "联系电话", "联系手机"),
    "group_name": ("小组名称", "质量管理小组名称", "QC小组名称"),
    "title": ("成果名称", "课题名称", "成果名称课题名称"),
    "topic_type": ("课题类型", "类型"),
}
TEAM_SUMMARY_HEADERS: dict[str, tuple[str, ...]] = {
    **{k: v for k, v in GROUP_SUMMARY_HEADERS.items() if k not in ("group_name", "topic_type")},
    "team_name": ("班组名称", "质量信得过班组名称", "班组"),
}


def normalise(text: object) -> str:
    """A header as compared: no spaces, brackets or colons; ASCII letters upper-case."""
    return _NOISE.sub("", str(text or "")).upper()


def _synonyms(headers: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, names in headers.items():
        for name in names:
            table.setdefault(normalise(name), key)
    return table


def match_header(row: Sequence[object], headers: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Which columns of ``row`` hold which key (a key may take several columns: 职务 and 职称)."""
    table = _synonyms(headers)
    found: dict[str, list[int]] = {}
    for column, cell in enumerate(row):
        key = table.get(normalise(cell))
        if key is not None:
            found.setdefault(key, []).append(column)
    # A column named 分工 is 组内分工 for groups and 岗位职责 for teams: each column counts once.
    return found


def find_header(rows: Sequence[Sequence[object]], headers: dict[str, tuple[str, ...]], required: str,
                *, scan: int = 20) -> tuple[int, dict[str, list[int]]] | None:
    """The first of the top ``scan`` rows that names ``required`` and at least one more key."""
    for index, row in enumerate(rows[:scan]):
        found = match_header(row, headers)
        if required in found and len(found) >= 2:
            return index, found
    return None


def cell_text(value: object) -> str:
    """A cell as text: ``45.0`` from Excel becomes ``45``; dates become ``2024-03-19``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        value = value.date()
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def records(rows: Sequence[Sequence[object]], start: int, columns: dict[str, list[int]]) -> list[tuple[int, dict[str, str]]]:
    """``(row number, {key: text})`` for each non-empty row after the header at ``start``.

    Several columns of one key are joined with ``/`` (职务 and 职称 → “班长/技师”). Reading stops
    at a note (注：…) below the table.
    """
    out = []
    for index in range(start + 1, len(rows)):
        row = rows[index]
        values = {key: "/".join(t for t in (cell_text(row[c]) if c < len(row) else "" for c in cols) if t)
                  for key, cols in columns.items()}
        if not any(values.values()):
            continue
        first = cell_text(row[0]) if row else ""
        if first.startswith(("注：", "注:")):
            break
        out.append((index + 1, values))
    return out
