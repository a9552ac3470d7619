"""Shared fixtures: every test gets its own log and data folders and a fresh sample project."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests explore new examples on every run here; under CI they draw the same examples each
# time (found failures are kept as @example), so a run's verdict does not depend on the dice.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from forms.project import Project  # noqa: E402
from forms.sample import SAMPLE_FILE  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("QCDESK_LOG_DIR", str(base / "logs"))
    monkeypatch.setenv("QCDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(base / "cache"))


@pytest.fixture(scope="session")
def _sample_data() -> dict:
    return json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def sample_data(_sample_data: dict) -> dict:
    """The embedded sample as plain JSON data, free to mutate."""
    return copy.deepcopy(_sample_data)


@pytest.fixture
def sample(sample_data: dict) -> Project:
    return Project.model_validate(sample_data)


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """The built-in sample saved as a project file with its attachments, as ``qcdesk new --sample`` does."""
    from app.cli import main as cli
    path = tmp_path / "示例.qcproj"
    assert cli(["new", "--sample", str(path)]) == 0
    return path


@pytest.fixture
def one_group_file(tmp_path: Path) -> Path:
    """The sample with one group achievement and no teams (fewer documents, same kinds), in its own
    folder ``proj/`` with its attachments."""
    from app.cli import main as cli
    path = tmp_path / "proj" / "示例.qcproj"
    path.parent.mkdir()
    assert cli(["new", "--sample", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["group_achievements"] = data["group_achievements"][:1]
    data["team_achievements"] = []
    return write_json(path, data)


@pytest.fixture
def window(qtbot, sample_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The main window on the sample at 1366×768. A test never blocks on a question: unsaved
    changes are discarded unless a test says otherwise. (Test files with other needs define their own.)"""
    from PySide6.QtWidgets import QMessageBox

    from app.settings import Settings
    from ui.main_window import MainWindow
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr("ui.main_window.ask_unsaved", lambda *a: QMessageBox.StandardButton.Discard)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert w.open_path(sample_path)
    w.resize(1366, 768)
    w.show()
    yield w
    w.dirty = False      # nothing left to ask about: the window closes at teardown
    w.close()


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def drop_pictures(data: dict) -> dict:
    """The sample without its report pictures, for tests about other files (counts stay small)."""
    for achievement in (*data.get("group_achievements", []), *data.get("team_achievements", [])):
        for section in achievement.get("report", {}).get("sections", []):
            section["blocks"] = [b for b in section.get("blocks", []) if b.get("type") != "image"]
    return data
