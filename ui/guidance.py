"""The guidance shown above a report step's text: what the step must contain, fitting tools and
usual mistakes (data in forms.guidance)."""
from __future__ import annotations

from collections.abc import Sequence

from forms.guidance import guidance_html


def sequence_of(steps: Sequence[str]) -> str:
    """Which step sequence a list of steps is: "team", "innovation" or "problem"."""
    if "明确定位" in steps:
        return "team"
    if "提出方案并确定最佳方案" in steps:
        return "innovation"
    return "problem"


def step_hint(step: str | None, steps: Sequence[str]) -> str:
    """Rich text for the hint above ``step``, or "" when there is none."""
    return guidance_html(step, sequence_of(steps)) if step else ""
