"""Export never deletes or overwrites what it did not write: re-export into an earlier bundle,
files of the user beside it, a changed file, a folder that is no bundle, the project's own folder, the zip."""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from exporters.bundle import ExportResult, export_bundle
from forms.project import Project
from forms.project_file import load_project, save_project
from tests.conftest import write_json


@pytest.fixture
def project_file(one_group_file: Path) -> Path:
    return one_group_file


def _export(project_file: Path, out: Path, **kwargs: object) -> ExportResult:
    return export_bundle(load_project(project_file), out, base_dir=project_file.parent,
                         project_file=project_file, **kwargs)  # type: ignore[arg-type]


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _manifest_paths(folder: Path) -> set[str]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {f["path"] for f in manifest["files"]}


def _hidden(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_reexport_keeps_the_users_files_and_lists_them(project_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "示例_申报包"
    assert main(["export", str(project_file), "--out", str(out)]) == 0
    scan = out / "盖章页.pdf"
    scan.write_bytes(b"%PDF-1.4 stamped scan")
    kept_project = out / "我的申报.qcproj"
    project_bytes = project_file.read_bytes()
    kept_project.write_bytes(project_bytes)
    (out / "小组成果" / "我的笔记.txt").write_text("别删", encoding="utf-8")
    # Fix a typo in the title: the achievement's folder and file names change.
    data = json.loads(project_file.read_text(encoding="utf-8"))
    data["group_achievements"][0]["title"] = "降低常减压装置加热炉排烟温度（修订）"
    write_json(project_file, data)
    capsys.readouterr()

    assert main(["export", str(project_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "原有的3个其他文件保持不动" in printed
    assert "压缩包" not in printed                    # no zip asked for: nothing to say about it
    assert "盖章页.pdf" in printed and "我的申报.qcproj" in printed and "小组成果/我的笔记.txt" in printed
    assert scan.read_bytes() == b"%PDF-1.4 stamped scan"
    assert kept_project.read_bytes() == project_bytes
    assert (out / "小组成果" / "我的笔记.txt").read_text(encoding="utf-8") == "别删"
    on_disk = set(_snapshot(out))
    assert on_disk == _manifest_paths(out) | {"manifest.json", "盖章页.pdf", "我的申报.qcproj", "小组成果/我的笔记.txt"}
    assert not any("排烟温度/" in p for p in on_disk)          # the old title's files are gone
    assert any("排烟温度（修订）/" in p for p in on_disk)
    assert _hidden(tmp_path) == []


def test_reexport_removes_its_own_files_and_empty_folders(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "包"
    _export(project_file, out)
    data = json.loads(project_file.read_text(encoding="utf-8"))
    data["group_achievements"] = []
    write_json(project_file, data)
    result = _export(project_file, out)
    assert not (out / "小组成果").exists()
    assert set(_snapshot(out)) == _manifest_paths(out) | {"manifest.json"}
    assert result.kept == [] and result.notes == [] and not result.beside


def test_a_file_changed_since_sends_the_export_beside(project_file: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "申报包"
    _export(project_file, out)
    edited = out / "附件6_活动统计表.docx"
    edited.write_bytes(edited.read_bytes() + b"user edit")
    before = _snapshot(out)
    assert main(["export", str(project_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "“附件6_活动统计表.docx”在上次导出后被修改过" in printed and "“申报包（2）”" in printed
    assert _snapshot(out) == before                                 # not one byte touched
    beside = tmp_path / "申报包（2）"
    assert set(_snapshot(beside)) == _manifest_paths(beside) | {"manifest.json"}
    # Exporting again updates the bundle beside, not a third folder.
    again = _export(project_file, out)
    assert again.folder == beside and again.requested == out and again.beside
    assert not (tmp_path / "申报包（3）").exists()
    assert _hidden(tmp_path) == []


def test_a_folder_that_is_no_bundle_is_left_alone(project_file: Path, tmp_path: Path) -> None:
    mine = tmp_path / "我的文件夹"
    mine.mkdir()
    (mine / "重要.docx").write_text("x", encoding="utf-8")
    result = _export(project_file, mine)
    assert os.listdir(mine) == ["重要.docx"]
    assert result.folder == tmp_path / "我的文件夹（2）"
    assert result.notes[0].startswith("文件夹“我的文件夹”中已有其他文件，且不是本程序导出的申报包")
    a_file = tmp_path / "一个文件"
    a_file.write_text("y", encoding="utf-8")
    assert _export(project_file, a_file).folder == tmp_path / "一个文件（2）"
    assert a_file.read_text(encoding="utf-8") == "y"


def test_a_disk_root_is_refused_with_a_message(project_file: Path) -> None:
    from exporters.bundle import ExportFailed
    with pytest.raises(ExportFailed, match="磁盘的根目录"):
        _export(project_file, Path(project_file.anchor))


def test_export_into_the_projects_own_folder_never_touches_the_project(project_file: Path) -> None:
    before = _snapshot(project_file.parent)
    result = _export(project_file, project_file.parent)
    assert _snapshot(project_file.parent) == before
    assert result.folder == project_file.parent.with_name("proj（2）")


def test_a_listed_project_file_is_never_replaced(project_file: Path, tmp_path: Path) -> None:
    """Even a project file that an earlier export wrote (an attachment copy) is not taken back."""
    attachment = project_file.parent / "示例附件" / "旧项目.qcproj"
    attachment.write_bytes(b"{}")
    project = load_project(project_file)
    project.group_achievements[0].attachments.append("示例附件/旧项目.qcproj")
    save_project(project, project_file)
    out = tmp_path / "包"
    _export(project_file, out)
    copied = next(out.rglob("旧项目.qcproj"))
    result = _export(project_file, out)
    assert copied.read_bytes() == b"{}" and result.beside   # its place is taken: the export went beside


def test_a_users_file_where_the_new_bundle_writes_sends_it_beside(project_file: Path, tmp_path: Path) -> None:
    data = json.loads(project_file.read_text(encoding="utf-8"))
    statistics = data.pop("statistics")
    write_json(project_file, data)
    out = tmp_path / "包"
    _export(project_file, out, draft=True)   # without 附件6 only a draft may be exported
    (out / "附件6_活动统计表.pdf").write_bytes(b"my own table")
    data["statistics"] = statistics
    write_json(project_file, data)
    result = _export(project_file, out)
    assert (out / "附件6_活动统计表.pdf").read_bytes() == b"my own table"
    assert result.beside and "已有与本次导出同名的其他文件“附件6_活动统计表.pdf”" in result.notes[0]


def test_a_manifest_cannot_make_export_delete_files_outside(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "包"
    _export(project_file, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    digest = hashlib.sha256(b"keep").hexdigest()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] += [{"path": p, "form": "附件", "achievement": None, "sha256": digest, "bytes": 4}
                          for p in ("../victim.txt", str(victim), "a/../../victim.txt")]
    write_json(out / "manifest.json", manifest)
    _export(project_file, out)
    assert victim.read_text(encoding="utf-8") == "keep"


def test_the_zip_never_overwrites_a_zip_it_did_not_write(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "包"
    foreign = tmp_path / "包.zip"
    foreign.write_bytes(b"PK not ours")
    first = _export(project_file, out, make_zip=True)
    assert foreign.read_bytes() == b"PK not ours"
    assert first.zip_path == tmp_path / "包（2）.zip"
    assert "“包.zip”不是本程序生成的文件，为免覆盖，压缩包另存为“包（2）.zip”" in first.notes[0]
    with zipfile.ZipFile(first.zip_path) as archive:
        assert "包/manifest.json" in archive.namelist()
    second = _export(project_file, out, make_zip=True)         # its own zip is replaced
    assert second.zip_path == first.zip_path and not (tmp_path / "包（3）.zip").exists()
    assert _hidden(tmp_path) == []


def test_the_dialog_shows_what_was_kept(project_file: Path, tmp_path: Path, qtbot) -> None:
    from ui.export_dialog import ExportDialog

    out = tmp_path / "包"
    _export(project_file, out)
    (out / "盖章页.pdf").write_bytes(b"scan")
    project: Project = load_project(project_file)
    dialog = ExportDialog(project, project_file.parent, out)
    qtbot.addWidget(dialog)
    dialog.final.setChecked(True)
    dialog.zip.setChecked(False)
    dialog.begin()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert "原有的1个其他文件保持不动：盖章页.pdf" in dialog.status.text()
    assert (out / "盖章页.pdf").read_bytes() == b"scan"


def test_a_zip_says_the_users_files_are_not_in_it(project_file: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "示例_申报包"
    assert main(["export", str(project_file), "--out", str(out)]) == 0
    (out / "盖章页.pdf").write_bytes(b"%PDF-1.4 stamped scan")
    capsys.readouterr()
    assert main(["export", str(project_file), "--out", str(out), "--zip"]) == 0
    printed = capsys.readouterr().out
    assert "原有的1个其他文件保持不动：盖章页.pdf。压缩包里只有本次导出的文件，没有这些文件" in printed
    with zipfile.ZipFile(tmp_path / "示例_申报包.zip") as zf:
        assert not any(name.endswith("盖章页.pdf") for name in zf.namelist())
