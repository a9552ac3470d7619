"""The window's live check: the rules answer at once, page fit (which lays out every one-page form
and takes seconds on a big project) runs on a worker thread and its findings join when ready; an
older answer never replaces a newer one, and findings of a changed list of achievements go."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

import exporters.checks
from app.settings import Settings
from forms.rules.findings import Reporter
from ui import background
from ui.live_check import LANE, LiveCheck
from ui.main_window import MainWindow

WHERE = ("group_achievements", 0, "summary")


def page_fit_saying(text: str, calls: list, gate: threading.Event | None = None):
    """A stand-in for exporters.page_fit.page_fit_findings: one warning at the first 简介."""
    def measure(project, profile, **_):
        calls.append(threading.current_thread())
        if gate is not None:
            gate.wait(10)
        r = Reporter(project)
        if project.group_achievements:
            r.warning(WHERE, f"{text}：附件2申报表按实际版面超出一页")
        return r.findings
    return measure


def page_fit_details(window: MainWindow) -> list[str]:
    return [f.detail for f in window.findings if "超出一页" in f.detail]


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.show()
    background.wait_idle(LANE)            # the blank project's check is done: tests start afresh
    qtbot.wait(20)
    yield w
    background.wait_idle(LANE)
    w.dirty = False
    w.close()


def test_page_fit_runs_off_the_ui_thread_and_joins_when_ready(window: MainWindow, qtbot,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[threading.Thread] = []
    gate = threading.Event()
    monkeypatch.setattr(exporters.checks, "page_fit_findings", page_fit_saying("甲", calls, gate))
    window.open_sample()                  # the first check of a project
    assert page_fit_details(window) == []  # the rules are shown; the layout is still running…
    assert window.counts.text()            # …and the window has answered meanwhile
    gate.set()
    qtbot.waitUntil(lambda: page_fit_details(window) == ["甲：附件2申报表按实际版面超出一页"], timeout=30000)
    assert calls and threading.main_thread() not in calls
    shown = [i.toolTip(4) or i.text(4) for i in window.problems.finding_items()]
    assert any("甲：附件2申报表按实际版面超出一页" in text for text in shown)
    rules_only = [f for f in window.findings if "超出一页" not in f.detail]
    assert rules_only == window.live_check.rules


def test_an_older_layout_never_replaces_a_newer_one(window: MainWindow, qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[threading.Thread] = []
    gate = threading.Event()
    monkeypatch.setattr(exporters.checks, "page_fit_findings", page_fit_saying("旧", calls, gate))
    window.open_sample()
    monkeypatch.setattr(exporters.checks, "page_fit_findings", page_fit_saying("新", calls))
    window.project.group_achievements[0].summary += "再写一句。"
    window.recheck()                      # typed while the first layout runs: it waits as one
    window.recheck()
    gate.set()
    qtbot.waitUntil(lambda: page_fit_details(window) == ["新：附件2申报表按实际版面超出一页"], timeout=30000)
    background.wait_idle(LANE)
    qtbot.wait(50)
    assert page_fit_details(window) == ["新：附件2申报表按实际版面超出一页"]
    assert len(calls) == 2                # the middle request was never measured
    live = window.live_check              # an answer arriving out of order is dropped
    newest = list(live.documents)
    live._done(1, live._shape, [], None)
    assert live.documents == newest


def test_findings_of_a_changed_list_of_achievements_go_before_the_new_layout(window: MainWindow, qtbot,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[threading.Thread] = []
    monkeypatch.setattr(exporters.checks, "page_fit_findings", page_fit_saying("甲", calls))
    window.open_sample()
    qtbot.waitUntil(lambda: page_fit_details(window) != [], timeout=30000)
    gate = threading.Event()
    monkeypatch.setattr(exporters.checks, "page_fit_findings", page_fit_saying("乙", calls, gate))
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    window.move_achievement(1)            # 第1项 is now 第2项: the old warning would point wrongly
    qtbot.waitUntil(lambda: not window.recheck_timer.isActive(), timeout=30000)
    assert page_fit_details(window) == []  # gone while the new layout still runs
    gate.set()
    qtbot.waitUntil(lambda: page_fit_details(window) == ["乙：附件2申报表按实际版面超出一页"], timeout=30000)


def test_live_check_alone_finds_what_check_all_finds(sample) -> None:
    live = LiveCheck()
    rules = live.check(sample, None)
    background.wait_idle(LANE)
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()
    assert sorted(map(repr, live.findings)) == sorted(map(repr, exporters.checks.check_all(sample)))
    assert rules == live.rules
