"""The README's two commands are the ones CI runs and the package provides; the supported Qt set
is the one pyproject.toml admits."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
TEST_COMMAND = "bash scripts/bootstrap && .venv/bin/python -m pytest"
APP_COMMAND = "bash scripts/bootstrap && .venv/bin/qcdesk"
META = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_readme_names_the_test_command_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme
    assert TEST_COMMAND in ci.splitlines()
    assert APP_COMMAND in readme
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_ci_slow_run_selects_tests() -> None:
    # pytest exits 5 when a marker selects nothing: CI's `-m slow` run must always find its tests.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest -m slow" in ci
    slow = [path.name for path in (ROOT / "tests").glob("test_*.py")
            if re.search(r"^@pytest\.mark\.slow$", path.read_text(encoding="utf-8"), re.M)]
    assert {"test_packaging.py", "test_wheel.py"} <= set(slow)


def test_console_script_is_qcdesk() -> None:
    assert META["project"]["scripts"]["qcdesk"] == "app.cli:main"
    assert META["project"]["requires-python"] == ">=3.11"


def _admits(python: str, pyside: str) -> bool:
    """Whether a fresh install on that Python may pick that PySide6-Essentials."""
    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    for line in META["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.name == "PySide6-Essentials" and \
                (requirement.marker is None or requirement.marker.evaluate(environment)):
            if not requirement.specifier.contains(pyside):
                return False
    return True


def test_the_qt_set_excludes_pyside_6_12_on_python_3_11() -> None:
    assert not _admits("3.11", "6.12.0")     # aborts with none_dealloc: tests/test_qt_refcount.py
    assert _admits("3.11", "6.8.0") and _admits("3.11", "6.11.3")
    assert _admits("3.12", "6.12.0") and _admits("3.12", "6.8.0") and _admits("3.13", "6.12.0")
    assert not _admits("3.12", "6.13.0")     # not proven yet


def test_lowest_constraints_are_the_lower_bounds() -> None:
    pins = {}
    for line in (ROOT / ".ci" / "lowest-constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name] = version
    lowest = {}
    for line in META["project"]["dependencies"]:
        requirement = Requirement(line)
        (bound,) = [s.version for s in requirement.specifier if s.operator == ">="]
        lowest.setdefault(requirement.name, set()).add(bound)
    assert set(pins) == set(lowest)
    for name, bounds in lowest.items():
        assert {Version(b) for b in bounds} == {Version(pins[name])}, name
