"""The export dialog's worker thread outlives nothing: the dialog lets it end before freeing it.

Freeing a QThread whose thread still runs aborts the whole program ("QThread: Destroyed while
thread is still running"); it happened now and then right after an export had succeeded."""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from forms.campaign import latest_year
from forms.project import Project
from ui.export_dialog import ExportDialog, ExportWorker


def test_the_worker_ends_before_the_dialog_lets_go_of_it(qtbot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    run = ExportWorker.run

    def run_then_linger(self: ExportWorker) -> None:
        run(self)
        time.sleep(0.3)      # widens the moment between the result signal and the thread's end

    monkeypatch.setattr(ExportWorker, "run", run_then_linger)
    dialog = ExportDialog(Project(campaign=latest_year()), None, tmp_path / "导出")   # a quick draft
    qtbot.addWidget(dialog)
    dialog.begin()
    worker = dialog.worker
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.worker is None and worker.isFinished()
    del worker
    gc.collect()
    assert (tmp_path / "导出" / "manifest.json").is_file()
    assert dialog.result.draft and dialog.close_button.text() == "关闭"
