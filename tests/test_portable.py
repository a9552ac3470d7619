"""Portable projects: files gathered beside the project travel with its folder (moved or zipped),
files outside the folder are named in a warning, missing ones are errors at their field."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from app.cli import main as cli
from forms.attachments import attachments_dir, file_refs, gather, is_inside, relative_to_project
from forms.project_file import load_project, save_project
from forms.rules import check_project
from forms.sample import SAMPLE_ATTACHMENTS, SAMPLE_DIR
from tests.conftest import drop_pictures, write_json

FILE_FIELDS = {"attachments", "evidence", "path"}


def file_findings(path: Path) -> list[str]:
    project = load_project(path)
    return [f.message for f in check_project(project, base_dir=path.parent) if f.field in FILE_FIELDS
            and "尚未添加" not in f.message]


def scattered_project(sample_data: dict, tmp_path: Path) -> Path:
    """The sample as an old project names its files: absolute paths on the leader's desktop, a
    ``../`` path, and a report picture elsewhere."""
    drop_pictures(sample_data)
    desktop = tmp_path / "桌面"
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, desktop)
    (desktop / "现场照片.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    for a in (*sample_data["group_achievements"], *sample_data["team_achievements"]):
        a["attachments"] = [str(desktop / Path(p).name) for p in a["attachments"]]
    sample_data["reviewers"][0]["evidence"] = [f"../桌面/{Path(sample_data['reviewers'][0]['evidence'][0]).name}"]
    sample_data["reviewers"][1]["evidence"] = [str(desktop / Path(sample_data["reviewers"][1]["evidence"][0]).name)]
    section = sample_data["group_achievements"][0]["report"]["sections"][6]
    section["blocks"] = [{"type": "image", "title": "改造后的现场", "path": str(desktop / "现场照片.png")}]
    folder = tmp_path / "组长"
    folder.mkdir()
    return write_json(folder / "节能先锋.qcproj", sample_data)


def test_files_outside_the_folder_are_warnings_naming_the_path(sample_data: dict, tmp_path: Path) -> None:
    path = scattered_project(sample_data, tmp_path)
    messages = file_findings(path)
    assert len(messages) == 7   # 4 records, 2 certificates, 1 picture
    assert all("不在项目文件夹内" in m and "整理附件" in m for m in messages)
    assert any(f"“{tmp_path / '桌面' / '赵明-高级诊断师证书.pdf'}”" in m for m in messages)   # ../ named resolved
    picture = [f for f in check_project(load_project(path), base_dir=path.parent) if f.field == "path"]
    assert picture[0].level == "warning"
    assert picture[0].path == ("group_achievements", 0, "report", "sections", "对策实施", "blocks", 0, "path")
    assert "图表与数据 第1项 › 图片文件" in picture[0].label


def test_a_missing_picture_is_an_error_at_its_block(sample_data: dict, tmp_path: Path) -> None:
    sample_data["group_achievements"][0]["report"]["sections"][0]["blocks"] = [
        {"type": "image", "path": "照片/不存在.jpg"}]
    path = write_json(tmp_path / "p.qcproj", sample_data)
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, tmp_path / SAMPLE_ATTACHMENTS)
    found = [f for f in check_project(load_project(path), base_dir=tmp_path) if f.field == "path"]
    assert [(f.level, f.message) for f in found] == [
        ("error", "具体内容 › 选择课题 › 图表与数据 第1项 › 图片文件：找不到图片文件“照片/不存在.jpg”，请重新选择该文件或将其移除。")]


def test_a_picture_name_too_long_for_the_system_is_missing_and_the_other_blocks_are_still_checked(
        sample_data: dict, tmp_path: Path) -> None:
    name = "长" * 300 + ".jpg"     # more than any file system allows in one name
    sample_data["group_achievements"][0]["report"]["sections"][0]["blocks"] = [
        {"type": "image", "path": name}, {"type": "pareto", "title": "空的排列图"}]
    path = write_json(tmp_path / "p.qcproj", sample_data)
    found = check_project(load_project(path), base_dir=tmp_path)
    at = ("group_achievements", 0, "report", "sections", "选择课题", "blocks")
    assert [(f.level, f.detail) for f in found if f.path[:6] == at] == [
        ("warning", "排列图还没有项目和频数，导出时不会画出。"),
        ("error", f"找不到图片文件“{name}”，请重新选择该文件或将其移除。")]
    assert not [f for f in found if "内部错误" in f.detail]


def test_gathered_project_moves_and_zips_to_another_pc_and_checks_clean(sample_data: dict, tmp_path: Path) -> None:
    path = scattered_project(sample_data, tmp_path)
    assert cli(["gather", str(path)]) == 0
    gathered = load_project(path)
    names = [ref.name for ref in file_refs(gathered)]
    assert len(names) == 7 and all(not Path(n).is_absolute() and not n.startswith("..") for n in names)
    assert "节能先锋_附件/小组成果/降低常减压装置加热炉排烟温度/节能先锋QC小组活动记录.pdf" in names
    assert "节能先锋_附件/评委证明材料/赵明/赵明-高级诊断师证书.pdf" in names
    assert "节能先锋_附件/小组成果/降低常减压装置加热炉排烟温度/图片/现场照片.png" in names
    assert (tmp_path / "桌面" / "现场照片.png").is_file()          # originals untouched
    assert path.with_name(path.name + ".bak").is_file()           # the old paths kept for undo
    assert file_findings(path) == []
    findings = check_project(gathered, base_dir=path.parent)
    assert not any(f.is_error for f in findings)
    before = [f.message for f in findings]

    # The leader's desktop is gone on the other PC: move the folder, then zip and unzip it.
    shutil.rmtree(tmp_path / "桌面")
    moved = tmp_path / "U盘" / "组长"
    shutil.move(str(path.parent), str(moved))
    assert file_findings(moved / path.name) == []
    archive = shutil.make_archive(str(tmp_path / "交给质量部"), "zip", root_dir=moved.parent, base_dir="组长")
    other_pc = tmp_path / "质量部电脑"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(other_pc)
    opened = other_pc / "组长" / path.name
    assert file_findings(opened) == []
    after = check_project(load_project(opened), base_dir=opened.parent)
    assert [f.message for f in after] == before
    assert not any(f.is_error for f in after)


def test_gather_twice_copies_nothing_and_never_overwrites(sample_data: dict, tmp_path: Path) -> None:
    path = scattered_project(sample_data, tmp_path)
    project = load_project(path)
    first, report = gather(project, path.parent, path)
    assert len(report.copied) == 7 and report.created
    again, second = gather(first, path.parent, path)
    assert second.copied == [] and not second.changed
    # A different file of the same name goes beside, numbered; the first copy is kept.
    other = tmp_path / "另一个" / "节能先锋QC小组活动记录.pdf"
    other.parent.mkdir()
    other.write_bytes(b"another record")
    project.group_achievements[0].attachments.append(str(other))
    third, report = gather(project, path.parent, path)
    assert third.group_achievements[0].attachments[-1].endswith("节能先锋QC小组活动记录 (2).pdf")
    assert (attachments_dir(path) / "小组成果" / "降低常减压装置加热炉排烟温度" / "节能先锋QC小组活动记录.pdf").read_bytes() \
        != b"another record"


def test_inside_and_relative_helpers(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert is_inside(tmp_path / "a" / "b" / "x.pdf", tmp_path / "a")
    assert not is_inside(tmp_path / "a" / ".." / "x.pdf", tmp_path / "a")
    assert not is_inside(tmp_path / "ab" / "x.pdf", tmp_path / "a")
    assert relative_to_project(tmp_path / "a" / "b" / "x.pdf", tmp_path / "a") == "b/x.pdf"
    assert relative_to_project(tmp_path / "x.pdf", tmp_path / "a") is None
    # The project opened through a link to its folder: its files are still inside.
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    assert is_inside(tmp_path / "a" / "b" / "x.pdf", tmp_path / "link")
    assert relative_to_project(tmp_path / "a" / "b" / "x.pdf", tmp_path / "link") == "b/x.pdf"


def test_gather_command_on_a_clean_project_changes_nothing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "示例.qcproj"
    assert cli(["new", "--sample", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert cli(["gather", str(path)]) == 0
    assert "复制了 0 个文件" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == text
    assert not attachments_dir(path).exists()


def test_unsaved_absolute_files_are_gathered_on_first_save(sample_data: dict, tmp_path: Path) -> None:
    from ui.collect_actions import relocated
    path = scattered_project(sample_data, tmp_path)
    project = load_project(path)
    target = tmp_path / "新位置" / "项目.qcproj"
    target.parent.mkdir()
    kept, report = relocated(project, None, target, first_save=True)
    save_project(kept, target)
    assert len(report.copied) == 6 and len(report.missing) == 1   # the ../ name has no folder yet
    moved, report = relocated(project, path.parent, target, first_save=False)
    assert len(report.copied) == 1   # only the relative name; absolute ones stay where they are
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "qcdesk"


def test_a_failed_copy_leaves_no_half_file(tmp_path: Path, monkeypatch) -> None:
    import errno
    import shutil as shutil_module

    from forms.attachments import copy_in
    source = tmp_path / "大文件.pdf"
    source.write_bytes(b"x" * 1000)

    def disk_full(src, dst, length=0):
        dst.write(b"x" * 10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil_module, "copyfileobj", disk_full)
    project_file = tmp_path / "项目" / "p.qcproj"
    project = load_project(write_json(tmp_path / "s.qcproj", {"format": "qcdesk", "version": 1, "group_achievements": [
        {"title": "降低能耗", "attachments": [str(source)]}]}))
    gathered, report = gather(project, tmp_path, project_file)
    assert report.failed == [(str(source), "磁盘空间不足，请清理磁盘或换一个位置后重试")]
    assert gathered.group_achievements[0].attachments == [str(source)]
    assert list((tmp_path / "项目").rglob("*.pdf")) == []
    with pytest.raises(OSError):
        copy_in(source, tmp_path / "别处")
    assert list((tmp_path / "别处").iterdir()) == []
