"""Starting the window as ``qcdesk FILE`` and ``qcdesk`` would, and unexpected errors."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app import gui
from app.cli import main as cli
from app.logs import log_file
from ui import errors
from ui.main_window import MainWindow


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp) -> list[MainWindow]:
    """Run run_gui without entering the event loop; collect the windows it showed."""
    windows: list[MainWindow] = []
    show = MainWindow.show

    def record_and_show(self: MainWindow) -> None:
        windows.append(self)
        show(self)

    monkeypatch.setattr(MainWindow, "show", record_and_show)
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr("ui.main_window.ask_unsaved", lambda *a: QMessageBox.StandardButton.Cancel)
    yield windows
    for w in windows:
        w.dirty = False
        w.close()


def test_qcdesk_file_opens_it(shown: list[MainWindow], tmp_path: Path) -> None:
    path = tmp_path / "本单位.qcproj"
    cli(["new", "--sample", str(path)])
    assert gui.run_gui(str(path)) == 0
    (window,) = shown
    assert window.windowTitle().startswith("本单位.qcproj")
    assert "Traceback" not in log_file().read_text(encoding="utf-8")


def test_qcdesk_alone_shows_the_sample_behind_the_welcome_page(shown: list[MainWindow]) -> None:
    assert gui.run_gui(None) == 0
    (window,) = shown
    assert window.windowTitle().startswith("示例项目（未保存）")
    assert window.current_key() == ("welcome",)
    assert len(window.project.group_achievements) == 3


def test_unexpected_error_is_logged_and_shown_briefly(monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    shown_text: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown_text.append(text))
    saved: list[bool] = []
    from app.logs import setup_logging
    setup_logging()
    errors.install(log_file(), before_dialog=lambda: saved.append(True))
    try:
        raise ValueError("页面内部错误")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    assert saved == [True]
    assert "您填写的内容仍在" in shown_text[0] and str(log_file()) in shown_text[0]
    assert "Traceback" not in shown_text[0]
    assert "ValueError: 页面内部错误" in log_file().read_text(encoding="utf-8")
