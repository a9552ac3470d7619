"""Checks shared by several forms: required text, contact formats, numbers, names, dates."""
from __future__ import annotations

import os
from collections import Counter
from decimal import Decimal
from os import PathLike

from forms import attachments
from forms.locations import Path
from forms.rules import formats
from forms.rules.findings import Reporter


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def require(r: Reporter, path: Path, value: object, what: str = "必填，请填写。") -> bool:
    """Error when ``value`` is empty; returns whether it is filled."""
    if blank(value):
        r.error(path, what)
        return False
    return True


def recommend(r: Reporter, path: Path, value: object, what: str = "尚未填写，表中此处将留空。") -> bool:
    """Warning when a printed but optional field is empty."""
    if blank(value):
        r.warning(path, what)
        return False
    return True


def single_line(r: Reporter, path: Path, value: str) -> None:
    if "\n" in value.strip():
        r.error(path, "不能换行（是制作证书的依据），请改成一行。")


def mobile(r: Reporter, path: Path, value: str) -> None:
    if value.strip() and not formats.is_mobile(value):
        r.error(path, f"“{value.strip()}”不是有效的手机号码，应为以1开头的11位数字，如 13812345678。")


def landline(r: Reporter, path: Path, value: str) -> None:
    if value.strip() and not formats.is_landline(value):
        r.error(path, f"“{value.strip()}”不是有效的电话号码，应写成“区号-号码”，如 010-84885418。")


def postcode(r: Reporter, path: Path, value: str) -> None:
    if value.strip() and not formats.is_postcode(value):
        r.error(path, f"“{value.strip()}”不是有效的邮编，应为6位数字，如 100029。")


def email(r: Reporter, path: Path, value: str) -> None:
    if value.strip() and not formats.is_email(value):
        r.error(path, f"“{value.strip()}”不是有效的电子邮箱地址，应形如 name@example.com。")


def money(r: Reporter, path: Path, value: Decimal | None) -> None:
    if value is None:
        return
    if value < 0:
        r.error(path, f"不能为负数（现为 {value}），请填写0或正数。")
    elif formats.decimals(value) > 2:
        r.error(path, f"最多保留两位小数（现为 {value}），请四舍五入到0.01万元。")


def rate(r: Reporter, path: Path, value: Decimal | None) -> None:
    if value is None:
        return
    if value < 0 or value > 100:
        r.error(path, f"百分比应在0到100之间（现为 {value}），请改正。")
    elif formats.decimals(value) > 2:
        r.error(path, f"最多保留两位小数（现为 {value}），请四舍五入。")


def count(r: Reporter, path: Path, value: int | None, minimum: int = 0) -> bool:
    if value is not None and value < minimum:
        r.error(path, f"不能小于{minimum}（现为 {value}），请改正。")
        return False
    return True


def names(r: Reporter, path: Path, values: list[str], *, maximum: int, member_count: int | None,
          member_noun: str) -> None:
    """主要完成人: 1..maximum distinct names, one per cell, not more than the members."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled:
        r.error(path, "至少填写1人，请按顺序依次填写人员姓名。")
        return
    if len(filled) > maximum:
        r.error(path, f"填了{len(filled)}人，超过上限{maximum}人，请删减到{maximum}人以内。")
    for index, value in enumerate(values):
        if value.strip() and formats.has_name_separator("".join(value.split())):
            r.error((*path, index), f"“{value.strip()}”像是多个姓名，每格只填一人的姓名，请拆开填写。")
        elif len(value.split()) > 1:
            # Minority and foreign names may hold a space: ask, do not refuse (N6).
            r.warning((*path, index),
                      f"“{value.strip()}”中有空格：少数民族或外国人姓名可以保留，若是两个人请分开填写，证书按此印制。",
                      "N6")
    repeated = [name for name, n in Counter(filled).items() if n > 1]
    if repeated:
        r.error(path, f"姓名重复：{'、'.join(repeated)}，每人只能出现一次。")
    if member_count is not None and member_count >= 1 and len(filled) > member_count:
        r.error(path, f"填了{len(filled)}人，多于{member_noun}{member_count}人，请核对人数或名单。")
    if len(values) != len(filled):
        r.warning(path, "名单中有空行，导出时将略去。")


resolve_file = attachments.resolve
"""Where a listed file is (the shared helper of ``forms.attachments``)."""


def file_exists(r: Reporter, path: Path, name: str, base_dir: str | PathLike[str] | None,
                missing_what: str) -> None:
    """Error when a listed file is missing; warning, naming it, when it lies outside the project folder.

    A file outside the folder (an absolute or ``../`` name) would be pulled into the upload from
    wherever it is, and breaks when the project moves to another PC.
    """
    files = r.files
    candidate = files.resolve(name, base_dir)
    if candidate is None:
        return   # a relative name of an unsaved project: its folder is not known yet
    if not files.is_file(candidate):
        r.error(path, f"找不到{missing_what}文件“{name}”，请重新选择该文件或将其移除。")
    elif not files.is_inside(candidate, base_dir):
        r.warning(path, f"文件“{os.path.normpath(candidate)}”不在项目文件夹内，导出时从这里复制进申报包，"
                        "换到别的电脑会找不到；请用“文件 → 整理附件”（或命令 qcdesk gather）复制进来。")


def paths_exist(r: Reporter, path: Path, files: list[str],
                base_dir: str | PathLike[str] | None, missing_what: str) -> None:
    """Each listed file: missing (error) or outside the project folder (warning)."""
    for index, name in enumerate(files):
        if name.strip():
            file_exists(r, (*path, index), name, base_dir, missing_what)
