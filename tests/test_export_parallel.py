"""Worker processes write the same bundle as one process; progress and cancel still work; one time
stamp per export; charts kept on disk between exports."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from exporters import bundle
from exporters.bundle import ExportCancelled, export_bundle
from exporters.stamp import fix_zip_dates
from forms.project_file import load_project

EPOCH = "1717243200"   # 2024-06-01 12:00:00 UTC
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "proj" / "示例.qcproj"
    path.parent.mkdir()
    assert main(["new", "--sample", str(path)]) == 0
    return path


def _manifest_files(folder: Path) -> list[dict]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_write_the_bytes_one_process_writes(sample_file: Path, tmp_path: Path, method: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if method not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = load_project(sample_file)
    serial = export_bundle(project, tmp_path / "serial", base_dir=sample_file.parent, workers=1)
    parallel = export_bundle(project, tmp_path / "parallel", base_dir=sample_file.parent, workers=2,
                             start_method=method)
    one, two = _manifest_files(serial.folder), _manifest_files(parallel.folder)
    assert [f["path"] for f in one] == [f["path"] for f in two]
    assert sum(f["path"].endswith(".docx") for f in one) >= 6
    assert one == two   # every file's sha256 and size
    for entry in two:
        assert (parallel.folder / entry["path"]).stat().st_size == entry["bytes"]


def test_the_command_and_its_forked_workers_write_the_bytes_one_process_writes(
        sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ``python -m app`` starts with the garbage collector off and freezes what the workers share.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    serial = export_bundle(load_project(sample_file), tmp_path / "serial", base_dir=sample_file.parent,
                           workers=1)
    env = {**os.environ, "QCDESK_EXPORT_WORKERS": "2"}
    run = subprocess.run([sys.executable, "-m", "app", "export", str(sample_file), "--out", str(tmp_path / "cmd")],
                         cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    assert "已导出申报包" in run.stdout and not run.stderr
    assert _manifest_files(tmp_path / "cmd") == _manifest_files(serial.folder)


def _forking() -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("fork is not available here")


def test_spreadsheets_written_ahead_fall_back_to_this_process(sample_file: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # With forked workers a process forked at the start writes 附件4/5; if it fails, the export does.
    _forking()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(bundle.tempfile, "tempdir", str(temp))
    project = load_project(sample_file)
    serial = export_bundle(project, tmp_path / "serial", base_dir=sample_file.parent, workers=1)
    ahead = export_bundle(project, tmp_path / "ahead", base_dir=sample_file.parent, workers=2,
                          start_method="fork")

    def failing(*args: object) -> None:
        raise SystemExit(1)

    monkeypatch.setattr(bundle, "_write_summaries_early", failing)
    fallen_back = export_bundle(project, tmp_path / "fallback", base_dir=sample_file.parent, workers=2,
                                start_method="fork")
    expected = _manifest_files(serial.folder)
    assert any(f["path"].endswith(".xlsx") for f in expected)
    assert _manifest_files(ahead.folder) == expected
    assert _manifest_files(fallen_back.folder) == expected
    assert list(temp.iterdir()) == []     # nothing left of the spreadsheets written ahead


def test_a_refused_export_leaves_nothing_of_the_spreadsheets_written_ahead(
        sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forking()
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(bundle.tempfile, "tempdir", str(temp))
    (sample_file.parent / "示例附件" / "攻坚QC小组活动记录.pdf").unlink()

    writing = tmp_path / "writing"

    def slow_writer(*_args: object, **_kwargs: object) -> None:
        # Killed mid-write, as openpyxl can be: its temporary folder made, the file not yet done.
        tempfile.mkdtemp(prefix="openpyxl.")
        writing.touch()
        time.sleep(60)

    close = bundle._EarlySummaries.close

    def close_while_writing(self: bundle._EarlySummaries) -> None:
        deadline = time.monotonic() + 20
        while not writing.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        close(self)

    monkeypatch.setattr(bundle, "write_group_summary", slow_writer)
    monkeypatch.setattr(bundle._EarlySummaries, "close", close_while_writing)
    with pytest.raises(bundle.ExportRefused):
        export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent, workers=2,
                      start_method="fork")
    assert not (tmp_path / "out").exists()
    assert list(temp.iterdir()) == []


def test_word_and_excel_files_carry_the_export_time(sample_file: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent,
                           make_zip=True, workers=1)
    archives = [result.folder / f["path"] for f in _manifest_files(result.folder)
                if f["path"].endswith((".docx", ".xlsx"))]
    archives.append(result.zip_path)
    for path in archives:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            assert {info.date_time for info in archive.infolist()} == {(2024, 6, 1, 12, 0, 0)}, path
    xlsx = next(p for p in archives if p.suffix == ".xlsx")
    core = zipfile.ZipFile(xlsx).read("docProps/core.xml").decode()
    assert "2024-06-01T12:00:00Z" in core


def test_fix_zip_dates_keeps_the_contents(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>中文</w:document>" * 50)
        archive.writestr("media/a.png", b"\x89PNG" + bytes(range(256)) * 4)
    fix_zip_dates(path, dt.datetime(2025, 3, 4, 5, 6, 7))
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert [i.date_time for i in archive.infolist()] == [(2025, 3, 4, 5, 6, 6)] * 2
        assert archive.read("word/document.xml").decode().count("中文") == 50


def test_progress_counts_up_to_the_end_and_cancel_leaves_nothing(sample_file: Path, tmp_path: Path) -> None:
    project = load_project(sample_file)
    seen: list[tuple[int, int, str]] = []
    export_bundle(project, tmp_path / "out", base_dir=sample_file.parent, workers=2, start_method="fork",
                  progress=lambda done, total, what: seen.append((done, total, what)))
    dones = [d for d, _t, _w in seen]
    assert dones == sorted(dones) and seen[-1][0] == seen[-1][1] and seen[-1][2] == "完成"
    assert any("成果报告书" in what for _d, _t, what in seen)

    calls: list[int] = []

    def cancel_soon() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ExportCancelled):
        export_bundle(project, tmp_path / "cancelled", base_dir=sample_file.parent, workers=2,
                      start_method="fork", cancelled=cancel_soon)
    assert sorted(os.listdir(tmp_path)) == ["out", "proj"]


def test_small_exports_stay_in_one_process(sample_file: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(bundle, "_write_parallel", no_pool)
    monkeypatch.setattr(bundle, "PARALLEL_MIN_DOCUMENTS", 1000)
    monkeypatch.setattr(bundle, "PARALLEL_MIN_DOCUMENTS_SPAWNED", 1000)
    result = export_bundle(load_project(sample_file), tmp_path / "out", base_dir=sample_file.parent)
    assert (result.folder / "manifest.json").is_file()


def test_charts_drawn_once_are_read_back_from_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import exporters.charts as charts
    from forms.blocks import ParetoBlock

    monkeypatch.setenv("QCDESK_CACHE_DIR", str(tmp_path / "cache"))
    block = ParetoBlock(items=[{"name": "温度波动", "count": 31}, {"name": "操作不当", "count": 7}])
    png = charts.render_chart(block, width_cm=10.0)
    kept = list((tmp_path / "cache" / "charts").glob("*/*.png"))
    assert len(kept) == 1 and kept[0].read_bytes() == png

    def must_not_draw(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("drawn again")

    charts.clear_cache()   # a new export in another process: memory empty, disk kept
    monkeypatch.setattr(charts, "_draw", must_not_draw)
    assert charts.render_chart(block, width_cm=10.0) == png

    kept[0].write_bytes(png[: len(png) // 2])   # cut short: drawn again
    charts.clear_cache()
    monkeypatch.undo()
    monkeypatch.setenv("QCDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert charts.render_chart(block, width_cm=10.0) == png
    assert kept[0].read_bytes() == png


def _parallel_dialog(qtbot, sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     methods: list[str]):
    """The window's export dialog on the sample, with the pool used for every size."""
    from ui.export_dialog import ExportDialog

    monkeypatch.setattr(bundle, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(bundle, "PARALLEL_MIN_DOCUMENTS_SPAWNED", 1)
    write_parallel = bundle._write_parallel

    def recording(*args: object) -> object:
        methods.append(args[-1])
        return write_parallel(*args)

    monkeypatch.setattr(bundle, "_write_parallel", recording)
    dialog = ExportDialog(load_project(sample_file), sample_file.parent, tmp_path / "导出")
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)   # no warnings to confirm
    return dialog


def test_the_export_dialog_shows_progress_from_the_workers(qtbot, sample_file: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    methods: list[str] = []
    dialog = _parallel_dialog(qtbot, sample_file, tmp_path, monkeypatch, methods)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    dialog.begin()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=180_000)
    assert dialog.result is not None, dialog.status.text()
    assert methods and methods[0] != "fork"   # the window has threads: workers are not forked from it
    assert dialog.status.text().startswith("已导出草稿")
    assert len(set(values)) > 3 and dialog.progress.value() == dialog.progress.maximum()
    assert (tmp_path / "导出" / "manifest.json").is_file()


def test_the_export_dialog_cancels_the_workers(qtbot, sample_file: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    methods: list[str] = []
    dialog = _parallel_dialog(qtbot, sample_file, tmp_path, monkeypatch, methods)
    dialog.begin()
    dialog.worker.progressed.connect(lambda *args: dialog.close_button.click())
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=180_000)
    assert methods
    assert dialog.status.text() == "已取消导出，什么也没有写入。"
    assert sorted(os.listdir(tmp_path)) == ["proj"]
