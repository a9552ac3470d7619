"""Findings (errors and warnings) and the reporter that rule modules write them through."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from forms.locations import Path, field_label, form_of, item_name
from forms.project import Project

log = logging.getLogger(__name__)

Level = Literal["error", "warning"]
LEVEL_NAMES: dict[str, str] = {"error": "错误", "warning": "警告"}


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
                "field": self.field, "message": self.message}


class Reporter:
    """Collects findings for one project; rule functions call ``error``/``warning`` with a path."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.findings: list[Finding] = []

    def add(self, level: Level, path: Path, detail: str) -> None:
        self.findings.append(Finding(
            level=level,
            form=form_of(path),
            path=tuple(path),
            label=field_label(path),
            detail=detail,
            field=_field_key(path),
            achievement=item_name(self.project, path),
        ))

    def error(self, path: Path, detail: str) -> None:
        self.add("error", path, detail)

    def warning(self, path: Path, detail: str) -> None:
        self.add("warning", path, detail)

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


def _field_key(path: Path) -> str:
    """The key a finding is about. A report step is addressed as ``(…, "sections", "<step>")``."""
    names = [p for p in path if isinstance(p, str)]
    if len(names) >= 2 and names[-2] == "sections":
        return "sections"
    return names[-1] if names else ""
