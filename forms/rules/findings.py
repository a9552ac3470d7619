"""Findings (errors and warnings) and the reporter that rule modules write them through."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from forms.locations import Path, field_label, form_of, item_name
from forms.project import Project
from forms.rules.file_probe import FileProbe

log = logging.getLogger(__name__)

Level = Literal["error", "warning"]
LEVEL_NAMES: dict[str, str] = {"error": "错误", "warning": "警告"}

FORM_RULES, METHOD, CONSISTENCY = "填写规则", "方法自查", "前后一致"
CATEGORIES: tuple[str, ...] = (FORM_RULES, METHOD, CONSISTENCY)
"""The three kinds of finding, in the order they are listed: the notice's form rules, the T/CAQ
method self-check (Q*) and cross-form consistency (C*)."""
_CATEGORY_OF_CODE = {"Q": METHOD, "C": CONSISTENCY, "N": FORM_RULES}


def category_of(code: str) -> str:
    """The category a check code belongs to: Q… 方法自查, C… 前后一致, anything else 填写规则."""
    return _CATEGORY_OF_CODE.get(code[:1], FORM_RULES)


CHECK_FAILED = ("有一项检查因内部错误未能完成（详细信息已记录在日志文件中），这部分的检查结果不完整。"
                "请人工核对这部分内容，或将日志文件发给技术支持。")
"""The detail of the error that stands for a check that raised."""


@dataclass(frozen=True)
class Finding:
    level: Level
    form: str               # 附件2 … 附件9
    path: Path              # where in the project, e.g. ("group_achievements", 0, "mobile")
    label: str              # the field's Chinese label
    detail: str             # what is wrong and what to do, without the label (shown at the field)
    field: str              # the field key, e.g. "mobile" (for report steps: "sections")
    achievement: str | None = None  # 第1个小组成果《…》, or None for unit-wide forms
    category: str = FORM_RULES      # 填写规则 | 方法自查 | 前后一致
    code: str = ""                  # the check's stable code (Q7, C1, N3…), "" for older rules

    @property
    def message(self) -> str:
        """The full Chinese sentence: label, what is wrong, what to do."""
        return f"{self.label}：{self.detail}" if self.label else self.detail

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def as_check(self) -> dict[str, object]:
        """The entry of a bundle manifest's ``checks`` (and of ``qcdesk check --json``)."""
        return {"level": self.level, "form": self.form, "achievement": self.achievement,
                "field": self.field, "message": self.message, "category": self.category}


class Reporter:
    """Collects findings for one project; rule functions call ``error``/``warning`` with a path.

    Labels and achievement names are worked out once per place: a large project repeats the same
    relative paths in every achievement, and live checking must stay fast.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.findings: list[Finding] = []
        self._names: dict[tuple, str | None] = {}
        self.files = FileProbe()   # the listed files, looked at once each in this check

    def add(self, level: Level, path: Path, detail: str, code: str = "",
            category: str | None = None) -> None:
        path = tuple(path)
        item_key = path[:2]
        if item_key not in self._names:
            self._names[item_key] = item_name(self.project, path)
        self.findings.append(Finding(
            level=level,
            form=form_of(path),
            path=path,
            label=_label(_relative(path), _block_type_at(self.project, path)),
            detail=detail,
            field=_field_key(path),
            achievement=self._names[item_key],
            category=category or category_of(code),
            code=code,
        ))

    def error(self, path: Path, detail: str, code: str = "") -> None:
        self.add("error", path, detail, code)

    def warning(self, path: Path, detail: str, code: str = "") -> None:
        self.add("warning", path, detail, code)

    def run(self, at: Path, check: Callable[..., Any], *args: Any) -> None:
        """Run one check; if it raises, that is an error at ``at`` (the form or achievement checked).

        A check that cannot run must never look like a check that found nothing: the error keeps a
        final export from passing until the cause is found (the traceback goes to the log).
        """
        try:
            check(*args)
        except Exception:
            log.exception("check %s failed at %r", getattr(check, "__name__", check), at)
            self.error(at, CHECK_FAILED)


def _relative(path: Path) -> Path:
    """``path`` with the achievement's or reviewer's index set to 0: the label does not depend on it."""
    if len(path) >= 2 and isinstance(path[1], int):
        return (path[0], 0, *path[2:])
    return path


@lru_cache(maxsize=4096)
def _label(path: Path, block_type: str | None) -> str:
    return field_label(path, block_type=block_type)


def _block_type_at(project: Project, path: Path) -> str | None:
    """The type of the report block a path points into (a path names the block by index only)."""
    if "blocks" not in path:
        return None
    try:
        where = path.index("blocks")
        step, index = path[where - 1], path[where + 1]
        items = getattr(project, str(path[0]))
        sections = items[path[1]].report.sections
        for section in sections:
            if section.step == step:
                return str(getattr(section.blocks[index], "type", "") or "") or None
    except (AttributeError, IndexError, TypeError, ValueError):
        pass
    return None



def _field_key(path: Path) -> str:
    """The key a finding is about. A report step is addressed as ``(…, "sections", "<step>")``."""
    names = [p for p in path if isinstance(p, str)]
    if len(names) >= 2 and names[-2] == "sections":
        return "sections"
    return names[-1] if names else ""
