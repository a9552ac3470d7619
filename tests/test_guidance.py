"""Every report step of every sequence carries its guidance, and the step editor shows it."""
from __future__ import annotations

import pytest

from forms.campaign import latest_year, load_campaign
from forms.guidance import guidance_for
from ui.guidance import sequence_of, step_hint

PROFILE = load_campaign(latest_year())
SEQUENCES = {
    "problem": PROFILE.steps.problem_solving_custom + PROFILE.steps.problem_solving_directive,
    "innovation": PROFILE.steps.innovation,
    "team": PROFILE.steps.team,
}


@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
def test_every_step_has_contents_tools_and_mistakes(sequence: str) -> None:
    for step in SEQUENCES[sequence]:
        g = guidance_for(step, sequence)
        assert g is not None, step
        assert g.contains and g.tools and g.mistakes, step


def test_sequence_is_recognised_and_the_standard_named() -> None:
    assert sequence_of(PROFILE.steps.team) == "team"
    assert sequence_of(PROFILE.steps.innovation) == "innovation"
    assert "10204-2017" in step_hint("达成目标", PROFILE.steps.team)
    assert "10201-2020" in step_hint("现状调查", PROFILE.steps.problem_solving_custom)
    assert "提出多个方案" in step_hint("提出方案并确定最佳方案", PROFILE.steps.innovation)


def test_step_editor_shows_the_guidance(qtbot, sample) -> None:
    from ui.steps import StepsEditor
    a = sample.group_achievements[0]
    editor = StepsEditor(lambda: a.report.sections, ("group_achievements", 0, "report", "sections"),
                         lambda: PROFILE.group_steps(a.topic_type, a.report.target_kind))
    qtbot.addWidget(editor)
    editor.list.setCurrentRow(0)
    assert "课题来源" in editor.hint.text()
