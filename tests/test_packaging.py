"""Packaging: the installer script compiles to a Windows executable; the PyInstaller bundle
exports the same content as the installed package (slow: python3 -m pytest -m slow)."""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_installer_script_compiles_to_a_windows_executable() -> None:
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: scripts/bootstrap installs the Debian package nsis")
    subprocess.run(["bash", str(ROOT / "scripts" / "build-installer"), "--stand-in"], check=True,
                   capture_output=True)
    setup = ROOT / "dist" / f"qcdesk-{VERSION}-setup.exe"
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    pe_offset = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe_offset:pe_offset + 4] == b"PE\0\0"
    assert b"Nullsoft" in data


def test_installer_declares_association_shortcuts_and_uninstaller() -> None:
    script = (ROOT / "installer" / "qcdesk.nsi").read_text(encoding="utf-8")
    for needle in ('Software\\Classes\\.qcproj', "qcproj.ico", "shell\\open\\command", "$SMPROGRAMS",
                   "$DESKTOP", "WriteUninstaller", 'Section "Uninstall"', "MultiUser.nsh"):
        assert needle in script


def test_about_shows_the_version_from_pyproject() -> None:
    from app.version import version
    from ui.about import about_text
    assert version() == VERSION
    text = about_text()
    assert VERSION in text and "Apache-2.0" in text and "WenQuanYi" in text


def _docx_text(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]


@pytest.mark.slow
def test_built_executable_exports_what_the_package_exports(tmp_path: Path) -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "build")], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHON": sys.executable})
    exe = ROOT / "dist" / "qcdesk" / ("qcdesk.exe" if sys.platform == "win32" else "qcdesk")
    assert list(exe.parent.rglob("_rl_accel*")), "reportlab's C accelerator is not in the bundle"
    project = tmp_path / "示例.qcproj"
    subprocess.run([str(exe), "new", "--sample", str(project)], check=True)
    subprocess.run([str(exe), "export", str(project), "--out", str(tmp_path / "built")], check=True)
    subprocess.run([sys.executable, "-m", "app.cli", "export", str(project), "--out", str(tmp_path / "pip")],
                   check=True, cwd=ROOT)
    built = json.loads((tmp_path / "built" / "manifest.json").read_text(encoding="utf-8"))
    pip = json.loads((tmp_path / "pip" / "manifest.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["form"]) for f in built["files"]] == [(f["path"], f["form"]) for f in pip["files"]]
    for entry in pip["files"]:
        a, b = tmp_path / "built" / entry["path"], tmp_path / "pip" / entry["path"]
        if a.suffix == ".pdf":
            assert [p.extract_text() for p in PdfReader(str(a)).pages] == \
                   [p.extract_text() for p in PdfReader(str(b)).pages]
        elif a.suffix == ".docx":
            assert _docx_text(a) == _docx_text(b)


def test_reportlab_runs_with_its_c_accelerator() -> None:
    # A dependency that goes missing leaves reportlab in pure Python: the same PDFs, written slower.
    from reportlab.lib import rl_accel
    assert {"fp_str", "calcChecksum"} <= set(rl_accel._c_funcs)
