"""The domain and the exporters never import Qt: a CLI export runs without PySide6."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["forms", "exporters", "importers"])
def test_lower_layers_do_not_import_qt_or_ui(package: str) -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(QT_MODULES))
        for p in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_forms_do_not_import_exporters() -> None:
    offenders = [str(p) for p in (ROOT / "forms").rglob("*.py") if "exporters" in _imports(p)]
    assert offenders == []


def test_importers_and_forms_stay_below_the_window() -> None:
    # importers/ reads other file formats for forms/; neither reaches up into exporters/ or app/.
    offenders = [str(p) for p in (ROOT / "importers").rglob("*.py") if _imports(p) & {"exporters", "app", "ui"}]
    offenders += [str(p) for p in (ROOT / "forms").rglob("*.py") if _imports(p) & {"importers", "app"}]
    assert offenders == []


def test_cli_check_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys, runpy\n"
        "from app.cli import main\n"
        f"main(['new', '--sample', r'{tmp_path / 's.qcproj'}'])\n"
        f"rc = main(['check', r'{tmp_path / 's.qcproj'}'])\n"
        "import forms.rules, forms.project_file\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print('LOADED', loaded, 'RC', rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    assert "LOADED [] RC 0" in out


def test_exporters_and_charts_run_without_qt_or_pyplot() -> None:
    """Drawing every kind of chart and building a report loads no Qt binding, no pyplot, no GUI backend."""
    code = (
        "import sys, pkgutil, importlib, exporters\n"
        "for m in pkgutil.walk_packages(exporters.__path__, 'exporters.'): importlib.import_module(m.name)\n"
        "from tests.test_charts import BLOCKS\n"
        "from exporters.charts import render_chart\n"
        "for block in BLOCKS.values(): render_chart(block)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'ui')"
        " or m == 'matplotlib.pyplot' or m.startswith(('matplotlib.backends.backend_qt', 'matplotlib.backends.qt')))\n"
        "print('LOADED', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    assert "LOADED []" in out
