"""Helpers for rule tests: findings at a field, as the user would read them."""
from __future__ import annotations

from forms.project import Project
from forms.rules import Finding, check_project


def findings(data: dict, **kwargs) -> list[Finding]:
    return check_project(Project.model_validate(data), **kwargs)


def at(found: list[Finding], *path: str | int, level: str | None = None) -> list[str]:
    """Messages of the findings whose path starts with ``path``."""
    return [f.message for f in found
            if f.path[:len(path)] == tuple(path) and (level is None or f.level == level)]


def errors(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.is_error]
