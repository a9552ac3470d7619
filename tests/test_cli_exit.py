"""``python -m app`` (the packaged command) ends at once after a command: nothing it prints or writes
is lost on the way out, and the exit code is the command's."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _qcdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env={**os.environ, "QCDESK_EXPORT_WORKERS": "1"})


def test_output_exit_code_and_files_survive_the_quick_exit(tmp_path: Path) -> None:
    project = tmp_path / "示例.qcproj"
    assert _qcdesk("new", "--sample", str(project)).returncode == 0
    checked = _qcdesk("check", "--json", str(project))
    assert checked.returncode == 0
    assert isinstance(json.loads(checked.stdout), list)        # all of it, down to the last bracket
    exported = _qcdesk("export", str(project), "--out", str(tmp_path / "申报包"))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.rstrip().endswith("个文件）")
    manifest = json.loads((tmp_path / "申报包" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 32
    missing = _qcdesk("check", str(tmp_path / "没有.qcproj"))
    assert missing.returncode == 2 and "找不到" in missing.stderr
