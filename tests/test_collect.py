"""Collecting leaders' achievements: hand-over packages and ``qcdesk merge``."""
from __future__ import annotations

import copy
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from app.cli import main as cli
from exporters.handover import HandoverFailed, write_handover
from forms.attachments import file_refs
from forms.collect import CollectRefused, collect_into
from forms.project import Project
from forms.project_file import load_project, save_project
from forms.rules import check_project
from forms.sample import SAMPLE_ATTACHMENTS, SAMPLE_DIR
from importers.handover import opened_handover
from importers.workbook import ImportFailed
from tests.conftest import drop_pictures, write_json

GROUPS = ["降低常减压装置加热炉排烟温度", "研制再生滑阀阀杆间隙在线检测工具", "提高聚丙烯装置优等品率"]
TEAM = "打造“零缺陷”包装班组 提升顾客满意度"


def leader(sample_data: dict, folder: Path, name: str, groups: list[int], teams: list[int]) -> Path:
    """A group leader's own project: some of the sample's achievements, files in their own folder."""
    data = copy.deepcopy(sample_data)
    data["group_achievements"] = [data["group_achievements"][i] for i in groups]
    data["team_achievements"] = [data["team_achievements"][i] for i in teams]
    data["reviewers"], data["statistics"] = [], None
    folder.mkdir(parents=True)
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, folder / SAMPLE_ATTACHMENTS)
    return write_json(folder / name, data)


def unit(sample_data: dict, folder: Path) -> Path:
    """The quality department's project: the unit's forms and reviewers, no achievements yet."""
    data = copy.deepcopy(sample_data)
    data["group_achievements"], data["team_achievements"] = [], []
    folder.mkdir(parents=True)
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, folder / SAMPLE_ATTACHMENTS)
    return write_json(folder / "单位申报.qcproj", data)


def test_handover_package_round_trips(sample: Project, tmp_path: Path) -> None:
    out = tmp_path / "节能先锋交接包.qcpkg"
    sample = Project.model_validate(drop_pictures(sample.model_dump(mode="json")))   # pictures: below
    result = write_handover(sample, SAMPLE_DIR, out, groups=[0, 2], teams=[0])
    assert result.achievements == [GROUPS[0], GROUPS[2], TEAM] and result.files == 3 and result.missing == []
    with zipfile.ZipFile(out) as zf:
        names = sorted(zf.namelist())
    assert names == sorted([
        "节能先锋交接包.qcproj", "qcpkg.json",
        "节能先锋交接包_附件/小组成果/降低常减压装置加热炉排烟温度/节能先锋QC小组活动记录.pdf",
        "节能先锋交接包_附件/小组成果/提高聚丙烯装置优等品率/精益QC小组活动记录.pdf",
        f"节能先锋交接包_附件/班组成果/{TEAM}/包装班活动记录.pdf",
    ])
    with opened_handover(out) as (project, folder):
        assert project.declarant == sample.declarant
        assert project.reviewers == [] and project.statistics is None
        assert [a.title for a in project.group_achievements] == [GROUPS[0], GROUPS[2]]
        original = sample.group_achievements[0].model_dump(exclude={"attachments"})
        assert project.group_achievements[0].model_dump(exclude={"attachments"}) == original
        for ref in file_refs(project):
            source = SAMPLE_DIR / SAMPLE_ATTACHMENTS / Path(ref.name).name
            assert (folder / ref.name).read_bytes() == source.read_bytes()
        # Imported on the other side: appended to the open project, files copied beside it.
        target_file = tmp_path / "单位" / "单位.qcproj"
        target_file.parent.mkdir()
        target = Project(campaign=2024)
        report = collect_into(target, target_file, project, folder)
    assert report.copied == 3 and len(target.group_achievements) == 2
    save_project(target, target_file)
    assert not [f for f in check_project(target, base_dir=target_file.parent) if f.field == "attachments"
                and "找不到" in f.message]
    with pytest.raises(HandoverFailed, match="已存在"):
        write_handover(sample, SAMPLE_DIR, out, groups=[0])


def test_a_damaged_or_hostile_package_is_refused(sample: Project, tmp_path: Path) -> None:
    out = tmp_path / "包.qcpkg"
    write_handover(sample, SAMPLE_DIR, out, groups=[0])
    evil = tmp_path / "恶意.qcpkg"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("../逃出去.txt", "x")
    with pytest.raises(ImportFailed, match="不安全的路径"):
        with opened_handover(evil):
            pass
    assert not (tmp_path / "逃出去.txt").exists()
    tampered = tmp_path / "改过.qcpkg"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, b"changed" if item.filename.endswith(".pdf") else src.read(item))
    with pytest.raises(ImportFailed, match="与清单不符"):
        with opened_handover(tampered):
            pass
    (tmp_path / "不是.qcpkg").write_text("hello", encoding="utf-8")
    with pytest.raises(ImportFailed, match="不是本程序的交接包"):
        with opened_handover(tmp_path / "不是.qcpkg"):
            pass


def test_merge_two_leaders_into_the_unit_project(sample_data: dict, tmp_path: Path, capsys) -> None:
    a = leader(sample_data, tmp_path / "张组长", "节能先锋.qcproj", [0, 1], [])
    b = leader(sample_data, tmp_path / "李班长", "精益与包装.qcproj", [2], [0])
    target = unit(sample_data, tmp_path / "质量部")
    # Leader B hands over a package; leader A's project folder is read where it is.
    package = tmp_path / "李班长.qcpkg"
    assert cli(["handover", str(b), "--out", str(package)]) == 0
    capsys.readouterr()
    assert cli(["merge", str(target), str(a), str(package)]) == 0
    out = capsys.readouterr().out
    assert "加入 3 项小组成果、1 项班组成果，复制了 8 个文件" in out   # 4 活动记录, 4 report pictures
    assert "现共有 3 项小组成果、1 项班组成果" in out
    assert "检查结果：\n" in out and out.endswith("可以正式导出。\n")    # warnings perhaps, no error
    merged = load_project(target)
    assert [g.title for g in merged.group_achievements] == GROUPS
    assert [t.title for t in merged.team_achievements] == [TEAM]
    original = Project.model_validate(sample_data)
    assert merged.declarant == original.declarant and merged.reviewers == original.reviewers
    assert merged.statistics == original.statistics
    copied = sorted(p.relative_to(target.parent).as_posix() for p in (target.parent / "单位申报_附件").rglob("*.pdf"))
    assert copied == sorted([
        f"单位申报_附件/小组成果/{GROUPS[0]}/节能先锋QC小组活动记录.pdf",
        f"单位申报_附件/小组成果/{GROUPS[1]}/攻坚QC小组活动记录.pdf",
        f"单位申报_附件/小组成果/{GROUPS[2]}/精益QC小组活动记录.pdf",
        f"单位申报_附件/班组成果/{TEAM}/包装班活动记录.pdf",
    ])
    assert merged.group_achievements[1].attachments == [f"单位申报_附件/小组成果/{GROUPS[1]}/攻坚QC小组活动记录.pdf"]

    # Merging again skips what is there; --replace takes the leader's newer version.
    data = json.loads(a.read_text(encoding="utf-8"))
    data["group_achievements"][0]["mobile"] = "13900000000"
    data["group_achievements"][1]["leader"] = ""   # the newer draft has a defect
    write_json(a, data)
    assert cli(["merge", str(target), str(a)]) == 0
    out = capsys.readouterr().out
    assert f"已跳过小组成果《{GROUPS[0]}》" in out and f"已跳过小组成果《{GROUPS[1]}》" in out
    assert load_project(target).group_achievements[0].mobile == merged.group_achievements[0].mobile
    assert cli(["merge", str(target), str(a), "--replace"]) == 1
    out = capsys.readouterr().out
    assert f"已替换小组成果《{GROUPS[0]}》" in out and "其中替换 2 项" in out
    assert "小组长姓名：必填" in out and "共 1 个错误" in out
    replaced = load_project(target)
    assert len(replaced.group_achievements) == 3
    assert replaced.group_achievements[0].mobile == "13900000000"
    assert replaced.group_achievements[0].attachments == merged.group_achievements[0].attachments  # same file reused


def test_merge_refuses_another_campaign_year_and_changes_nothing(sample_data: dict, tmp_path: Path, capsys) -> None:
    old = copy.deepcopy(sample_data)
    old["campaign"] = 2023
    source = leader(old, tmp_path / "去年", "去年.qcproj", [0], [])
    target = unit(sample_data, tmp_path / "质量部")
    before = target.read_bytes()
    assert cli(["merge", str(target), str(source)]) == 2
    assert "2023 年度的项目" in capsys.readouterr().err
    assert target.read_bytes() == before and not (target.parent / "单位申报_附件").exists()
    with pytest.raises(CollectRefused):
        collect_into(load_project(target), target, load_project(source), source.parent)


def test_merge_reports_missing_files_as_findings(sample_data: dict, tmp_path: Path, capsys) -> None:
    a = leader(sample_data, tmp_path / "张组长", "a.qcproj", [1], [])
    (a.parent / SAMPLE_ATTACHMENTS / "攻坚QC小组活动记录.pdf").unlink()
    target = unit(sample_data, tmp_path / "质量部")
    assert cli(["merge", str(target), str(a)]) == 1
    out = capsys.readouterr().out
    assert "找不到文件“示例附件/攻坚QC小组活动记录.pdf”" in out
    # The target has a 示例附件 folder too: the name keeps pointing at the leader's folder, not at it.
    expected = a.parent / SAMPLE_ATTACHMENTS / "攻坚QC小组活动记录.pdf"
    assert f"找不到小组活动记录等附件文件“{expected}”" in out


def test_handover_into_a_missing_folder_or_from_an_unreadable_file_is_told(
        sample: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(HandoverFailed, match="找不到文件或文件夹"):
        write_handover(sample, SAMPLE_DIR, tmp_path / "没有" / "包.qcpkg", groups=[0])
    record = SAMPLE_DIR / SAMPLE_ATTACHMENTS / "节能先锋QC小组活动记录.pdf"

    def locked(self: zipfile.ZipFile, filename: object, arcname: object = None, *a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied", str(filename))   # as when another program holds it

    monkeypatch.setattr(zipfile.ZipFile, "write", locked)
    with pytest.raises(HandoverFailed, match=f"无法读取“{record}”：没有权限"):
        write_handover(sample, SAMPLE_DIR, tmp_path / "包.qcpkg", groups=[0])
    assert list(tmp_path.iterdir()) == []   # no package and no temporary file left


def test_report_pictures_travel_with_their_achievement(sample_data: dict, tmp_path: Path, capsys) -> None:
    a = leader(sample_data, tmp_path / "张组长", "a.qcproj", [0], [])
    data = json.loads(a.read_text(encoding="utf-8"))
    data["group_achievements"][0]["report"]["sections"][7]["blocks"] = [
        {"type": "image", "title": "改造后", "path": "照片/炉子.png"}]
    write_json(a, data)
    (a.parent / "照片").mkdir()
    (a.parent / "照片" / "炉子.png").write_bytes(b"\x89PNG picture")
    package = tmp_path / "a.qcpkg"
    assert cli(["handover", str(a), "--out", str(package)]) == 0
    with zipfile.ZipFile(package) as zf:
        assert zf.read(f"a_附件/小组成果/{GROUPS[0]}/图片/炉子.png") == b"\x89PNG picture"
    target = unit(sample_data, tmp_path / "质量部")
    assert cli(["merge", str(target), str(package)]) == 0
    block = load_project(target).group_achievements[0].report.sections[7].blocks[0]
    assert block.path == f"单位申报_附件/小组成果/{GROUPS[0]}/图片/炉子.png"
    assert (target.parent / block.path).read_bytes() == b"\x89PNG picture"
