"""The wheel: package discovery takes every package, package-data every resource file, and the built
wheel installed into a fresh virtual environment starts the window and writes, checks and exports
the sample from outside the checkout (slow: python -m pytest -m slow; it builds and installs)."""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
SKIPPED_DIRS = {"__pycache__", "build", "dist", "tests", "benchmarks", "scripts", "installer"}


def _package_dirs() -> dict[str, Path]:
    """Every directory with an ``__init__.py`` reachable from the checkout's top level, by dotted name."""
    found: dict[str, Path] = {}

    def walk(folder: Path, prefix: str) -> None:
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.name.startswith(".") and child.name not in SKIPPED_DIRS \
                    and (child / "__init__.py").is_file():
                name = f"{prefix}{child.name}"
                found[name] = child
                walk(child, name + ".")

    walk(ROOT, "")
    return found


def _included(name: str) -> bool:
    return any(fnmatch(name, pattern) for pattern in SETUPTOOLS["packages"]["find"]["include"])


def _data_files(package: Path) -> set[str]:
    """Files of one package that are not code, relative to it (subpackages excluded)."""
    out: set[str] = set()
    for path in package.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".py", ".pyc"):
            continue
        owner = path.parent
        while not (owner / "__init__.py").is_file():
            owner = owner.parent
        if owner == package:
            out.add(path.relative_to(package).as_posix())
    return out


def _wheel_files() -> set[str]:
    """What the wheel must hold: every module of every package and every data file."""
    expected: set[str] = set()
    for name, folder in _package_dirs().items():
        if not _included(name):
            continue
        base = name.replace(".", "/")
        expected |= {f"{base}/{p.name}" for p in folder.glob("*.py")}
        expected |= {f"{base}/{p}" for p in _data_files(folder)}
    return expected


def test_discovery_takes_every_package() -> None:
    packages = _package_dirs()
    assert {"app", "ui", "ui.pages", "forms", "forms.rules", "exporters", "resources"} <= set(packages)
    missed = [name for name in packages if not _included(name)]
    assert not missed, f"add a pattern for {missed} to [tool.setuptools.packages.find] include"
    # A folder of modules without __init__.py inside a package would be left out of the wheel silently.
    for name, folder in packages.items():
        for sub in folder.iterdir():
            if sub.is_dir() and sub.name != "__pycache__" and any(sub.glob("*.py")):
                assert (sub / "__init__.py").is_file(), f"{sub.relative_to(ROOT)} needs an __init__.py"


def test_package_data_takes_every_resource_file() -> None:
    for name, folder in _package_dirs().items():
        data = _data_files(folder)
        covered: set[str] = set()
        for pattern in SETUPTOOLS.get("package-data", {}).get(name, []):
            covered |= {Path(p).as_posix() for p in glob.glob(pattern, root_dir=folder, recursive=True)
                        if (folder / p).is_file()}
        assert data <= covered, f"package-data for {name} misses {sorted(data - covered)}"
    resources = _data_files(ROOT / "resources")
    assert {"campaigns/2024.toml", "fonts/wqy-microhei.ttc", "fonts/FandolFang-GB2312.ttf", "fonts/LICENSE-Fandol.txt",
            "icons/qcdesk.png", "sample/sample.qcproj"} <= resources
    assert any(p.startswith("sample/示例附件/") for p in resources)


WINDOW_SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])

    def visit_every_page_and_close():
        from ui.main_window import MainWindow
        (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        keys = []
        iterator = [window.tree.topLevelItem(i) for i in range(window.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            iterator[:0] = [item.child(i) for i in range(item.childCount())]
            window.tree.setCurrentItem(item)
            keys.append(window.current_key())
        print("title:", window.windowTitle().replace("[*]", ""))
        print("pages:", len(keys), type(window.page).__name__)
        window.close()

    QTimer.singleShot(0, visit_every_page_and_close)
    from app.cli import main
    sys.exit(main(sys.argv[1:]))
""")


@pytest.mark.slow
def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
                   check=True)
    (wheel,) = dist.glob("qcdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert _wheel_files() <= names, sorted(_wheel_files() - names)
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True)

    outside = tmp_path / "用户文件夹"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", QCDESK_LOG_DIR=str(tmp_path / "logs"),
               QCDESK_DATA_DIR=str(tmp_path / "data"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=outside, env=env, capture_output=True, text=True,
                              encoding="utf-8", timeout=600)

    where = run(str(python), "-c", "import app, ui.pages, resources; print(app.__file__); print(resources.__file__)")
    assert where.returncode == 0, where.stderr
    assert all(Path(line).is_relative_to(venv) for line in where.stdout.split()), where.stdout

    qcdesk = str(bin_dir / "qcdesk")
    made = run(qcdesk, "new", "--sample", "示例.qcproj")
    assert made.returncode == 0, made.stderr
    assert (outside / "示例附件").is_dir()
    checked = run(qcdesk, "check", "示例.qcproj")
    assert checked.returncode == 0, checked.stdout + checked.stderr    # 0: the sample has no error
    assert "示例.qcproj" in checked.stdout
    exported = run(qcdesk, "export", "示例.qcproj", "--out", "申报包", "--zip")
    assert exported.returncode == 0, exported.stderr
    manifest = json.loads((outside / "申报包" / "manifest.json").read_text(encoding="utf-8"))
    paths = [entry["path"] for entry in manifest["files"]]
    assert any(p.endswith(".docx") for p in paths) and any(p.endswith(".pdf") for p in paths)
    assert any(p.endswith(".xlsx") for p in paths) and any("/附件/" in p for p in paths)
    assert all((outside / "申报包" / p).is_file() for p in paths)

    shown = run(str(python), "-c", WINDOW_SCRIPT, "示例.qcproj")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "title: 示例.qcproj — 质量成果申报助手" in shown.stdout
    assert "pages: " in shown.stdout and "Traceback" not in shown.stderr
    log = (tmp_path / "logs" / "qcdesk.log").read_text(encoding="utf-8")
    assert "window shown: 示例.qcproj" in log and "Traceback" not in log
