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


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def drop_pictures(data: dict) -> dict:
    """The sample without its report pictures, for tests about other files (counts stay small)."""
    for achievement in (*data.get("group_achievements", []), *data.get("team_achievements", [])):
        for section in achievement.get("report", {}).get("sections", []):
            section["blocks"] = [b for b in section.get("blocks", []) if b.get("type") != "image"]
    return data
