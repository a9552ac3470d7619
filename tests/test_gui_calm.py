"""Calm validation: a field speaks only once touched (edited, left) or after 全部检查; the problems
panel always lists everything; a message appearing moves nothing."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("ui.main_window.ask_unsaved", lambda *a: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.add_achievement("group")
    yield w
    w.dirty = False


def _field(window: MainWindow, key: str):
    return next(f for f in window.page.fields if f.key == key)


def test_a_blank_project_is_not_covered_in_red(window: MainWindow) -> None:
    window.recheck()
    assert window.findings and window.problems.finding_items()   # the panel lists them all
    assert not [f.key for f in window.page.fields if f.messages.text()]
    assert not [f.key for f in window.page.fields if f.editor.property("problem")]


def test_typing_or_leaving_a_field_shows_its_messages(window: MainWindow, qtbot) -> None:
    mobile, title = _field(window, "mobile"), _field(window, "title")
    qtbot.keyClicks(mobile.editor, "138")
    window.recheck()
    assert "手机" in mobile.messages.text()
    assert not title.messages.text()
    title.editor.setFocus()
    qtbot.waitUntil(title.editor.hasFocus)
    mobile.editor.setFocus()
    qtbot.waitUntil(mobile.editor.hasFocus)
    assert title.messages.text()   # left empty: now it says so
    # A page revisited keeps what was touched.
    window.tree.setCurrentItem(window._find_item(("declarant",)))
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    assert _field(window, "title").messages.text() and not _field(window, "leader").messages.text()


def test_check_all_reveals_every_message(window: MainWindow) -> None:
    window.act_check_all.trigger()
    shown = [f.key for f in window.page.fields if f.messages.text()]
    assert {"title", "mobile", "leader"} <= set(shown)
    window.tree.setCurrentItem(window._find_item(("declarant",)))
    assert any(f.messages.text() for f in window.page.fields)


def test_a_message_appearing_moves_nothing(window: MainWindow, qtbot) -> None:
    leader = _field(window, "leader")
    below = _field(window, "member_count")
    height, top = leader.sizeHint().height(), below.mapTo(window, below.rect().topLeft()).y()
    qtbot.keyClicks(leader.editor, "x")
    leader.editor.clear()
    leader.commit()
    window.recheck()
    qtbot.wait(10)
    assert leader.messages.text() and "\n" not in leader.messages.text()
    assert leader.sizeHint().height() == height
    assert below.mapTo(window, below.rect().topLeft()).y() == top
