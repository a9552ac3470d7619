"""The README's two commands are the ones CI runs and the package provides."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_COMMAND = "bash scripts/bootstrap && python3 -m pytest"
APP_COMMAND = "bash scripts/bootstrap && qcdesk"


def test_readme_names_the_test_command_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme
    assert TEST_COMMAND in ci
    assert APP_COMMAND in readme


def test_console_script_is_qcdesk() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["scripts"]["qcdesk"] == "app.cli:main"
    assert meta["project"]["requires-python"] == ">=3.11"
