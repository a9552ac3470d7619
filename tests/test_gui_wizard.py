"""The guided path: 下一步 walks the sample in order, 下一个问题 finds what to fix, the tree shows state."""
from __future__ import annotations


import pytest
from PySide6.QtWidgets import QMessageBox

from ui.main_window import MainWindow
from ui.wizard import Stop, walk


@pytest.fixture
def window(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The sample's window, every question (e.g. 课题类型 changes) answered Yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return window


def test_next_walks_the_sample_in_order(window: MainWindow, monkeypatch) -> None:
    exported: list[bool] = []
    monkeypatch.setattr(window, "export", lambda: exported.append(True))
    window.tree.setCurrentItem(window._find_item(("welcome",)))
    visited: list[tuple] = []
    while not exported and len(visited) < 200:
        window.wizard.forward.click()
        here = window.wizard.current()
        page = window.page
        on_achievement = window.current_key()[0] in ("group", "team")
        shown = (window.current_key(), page.tabs.currentIndex() if on_achievement else None,
                 page.steps.current_step if here.step else None)
        if not exported:
            visited.append(shown)
    a0 = window.project.group_achievements[0]
    steps0 = window.profile.group_steps(a0.topic_type, a0.report.target_kind)
    assert visited[0] == (("declarant",), None, None)
    assert visited[1:4] == [(("group", 0), 0, None), (("group", 0), 1, None), (("group", 0), 2, None)]
    assert [v[2] for v in visited[4:4 + len(steps0)]] == list(steps0)
    assert visited[4 + len(steps0)] == (("group", 1), 0, None)
    assert visited[-2:] == [(("statistics",), None, None), (("reviewers",), None, None)]
    assert exported == [True]
    assert len(visited) == len(walk(window)) - 1   # every stop but 导出, which opens the export
    # And back again.
    window.wizard.back.click()
    assert window.current_key() == ("statistics",)


def test_next_problem_goes_to_the_field_and_shows_its_message(window: MainWindow, qtbot) -> None:
    window.project.group_achievements[1].mobile = "123"
    window.recheck()
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    finding = window.wizard.next_problem()
    assert finding is not None and finding.is_error and finding.path[:2] == ("group_achievements", 1)
    assert window.current_key() == ("group", 1)
    mobile = next(f for f in window.page.fields if f.key == "mobile")
    assert "手机" in mobile.messages.text()


def test_tree_shows_each_nodes_state(window: MainWindow) -> None:
    item = window._find_item(("group", 0))
    assert item.text(1) == "✓"
    window.project.group_achievements[0].mobile = "123"
    window.project.group_achievements[0].leader = ""
    window.recheck()
    assert item.text(1).startswith("✖2")
    assert window._find_item(("groups",)).text(1).startswith("✖2")
    assert window._find_item(("declarant",)).text(1) == "✓"


def test_tree_does_not_tick_an_empty_list(window: MainWindow) -> None:
    window.project.team_achievements.clear()
    window.rebuild_tree(("groups",))
    window.recheck()
    teams = window._find_item(("teams",))
    assert teams.text(1) == "—" and "还没有班组成果" in teams.toolTip(1)
    assert window._find_item(("groups",)).text(1) == "✓"


def test_stop_titles_name_the_step(window: MainWindow) -> None:
    assert Stop(("group", 0), 3, "现状调查").title(window) == "小组成果 01 · 现状调查"
    assert Stop(("team", 0), 2).title(window) == "班组成果 01 · 成员"


def test_member_table_is_filled_from_the_main_contributors(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton
    a = window.project.group_achievements[0]
    a.report.members.clear()
    a.leader, a.main_contributors = "王强", ["王强", "李明", "赵敏"]
    window.tree.setCurrentItem(window._find_item(("group", 1)))
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    button = window.page.findChild(QPushButton, "prefill-members")
    assert button is not None and button.isEnabled() and button.text() == "从主要完成人填入"
    button.click()
    assert [(m.name, m.role) for m in a.report.members] == [("王强", "组长"), ("李明", ""), ("赵敏", "")]
    assert not button.isEnabled() and window.dirty
    members = next(f for f in window.page.fields if f.key == "members")
    assert members.table.rowCount() == 3
