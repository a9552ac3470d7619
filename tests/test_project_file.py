"""Loading, saving and migrating ``.qcproj`` files; every unreadable file gets one Chinese line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import project_file
from forms.project import Project
from forms.project_file import ProjectFileError, load_project, save_project
from tests.conftest import write_json


def test_sample_loads_and_keeps_every_contract_key(sample_data: dict, tmp_path: Path) -> None:
    path = write_json(tmp_path / "a.qcproj", sample_data)
    saved = tmp_path / "b.qcproj"
    save_project(load_project(path), saved)
    again = json.loads(saved.read_text(encoding="utf-8"))
    assert again["format"] == "qcdesk" and again["version"] == 1 and again["campaign"] == 2024
    assert again["group_achievements"][0]["main_contributors"][2] == "阿依古丽·买买提"
    assert again["group_achievements"][1]["economic_benefit"] == 186.5   # numeric string → number
    assert again["team_achievements"][0]["report"]["overview"]["culture_vision"].startswith("班组文化")
    assert again["statistics"]["review_formats"] == ["发表评审", "现场评审"]
    assert "阿依古丽" in saved.read_text(encoding="utf-8")            # Chinese kept readable


def test_minimal_draft_loads(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.qcproj", {"format": "qcdesk", "version": 1,
                                              "group_achievements": [{"title": "草稿"}]})
    project = load_project(path)
    assert project.group_achievements[0].title == "草稿"
    assert project.group_achievements[0].report.sections == []
    assert project.statistics is None


def test_unknown_optional_keys_survive_a_save(tmp_path: Path) -> None:
    path = write_json(tmp_path / "x.qcproj", {"format": "qcdesk", "version": 1, "erp_id": "A-17",
                                              "declarant": {"name": "某单位", "sap_code": 42}})
    save_project(load_project(path), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["erp_id"] == "A-17" and data["declarant"]["sap_code"] == 42


def test_save_keeps_a_backup_and_leaves_no_temporary_file(sample: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    sample.declarant.name = "新名称"
    save_project(sample, path)
    assert load_project(path).declarant.name == "新名称"
    assert load_project(tmp_path / "p.qcproj.bak").declarant.name == "江海石油化工股份有限公司"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qcproj", "p.qcproj.bak"]


def test_failed_save_leaves_the_old_file_untouched(sample: Project, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.qcproj"
    save_project(sample, path)
    before = path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_file.os, "fsync", disk_full)
    sample.declarant.name = "不应写入"
    with pytest.raises(ProjectFileError, match="无法保存"):
        save_project(sample, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qcproj"]


def test_save_into_missing_folder_is_a_message(sample: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="文件夹不存在"):
        save_project(sample, tmp_path / "没有" / "p.qcproj")


@pytest.mark.parametrize("content, expected", [
    (b"", "文件是空的"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b'{"format": "qcdesk", "version": 1, "declarant": {"na', "文件已损坏或不完整"),
    (b"[1, 2]", "文件内容的格式不对"),
    (b'{"name": "x"}', "不是本程序的项目文件"),
    (b'{"format": "qcdesk", "version": 9}', "更新版本的质量成果申报助手"),
    (b'{"format": "qcdesk", "version": "one"}', "格式版本"),
    ('{"format": "qcdesk", "version": 1, "group_achievements": [{"member_count": "八"}]}'.encode(),
     "附件2 第1个小组成果 › 小组人数：应为整数"),
    (b'{"format": "qcdesk", "version": 1, "team_achievements": [{"report": {"members": [{"age": "x"}]}}]}',
     "附件9 第1个班组成果 › 班组成员情况 第1项 › 年龄：应为整数"),
    (b'{"format": "qcdesk", "version": 1, "group_achievements": [{"completed_on": "2023-13-01"}]}',
     "成果完成日期：应为日期 YYYY-MM-DD"),
    ('{"format": "qcdesk", "version": 1, "group_achievements": [{"topic_type": "攻关型"}]}'.encode(),
     "课题类型：应为 问题解决型、创新型"),
    (b'{"format": "qcdesk", "version": 1, "group_achievements": {"title": "x"}}', "小组成果：应为列表"),
])
def test_unreadable_files_give_one_chinese_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.qcproj"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="找不到文件"):
        load_project(tmp_path / "none.qcproj")
    with pytest.raises(ProjectFileError, match="文件夹"):
        load_project(tmp_path)


def test_older_versions_are_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the current format is 2 and version 1 stored the presenter under another name.
    monkeypatch.setattr(project_file, "FORMAT_VERSION", 2)

    def v1_to_v2(data: dict) -> dict:
        data["declarant"]["name"] = data["declarant"].pop("unit")
        return data

    monkeypatch.setitem(project_file.MIGRATIONS, 1, v1_to_v2)
    migrated = project_file.migrate({"format": "qcdesk", "version": 1, "declarant": {"unit": "甲单位"}})
    assert migrated["version"] == 2 and migrated["declarant"] == {"name": "甲单位"}


def test_word_control_characters_are_cleaned_on_load(tmp_path: Path) -> None:
    path = write_json(tmp_path / "w.qcproj", {"format": "qcdesk", "version": 1, "group_achievements": [
        {"summary": "第一段\x0b第二段\x0c第三段\x00\x07"}]})
    assert load_project(path).group_achievements[0].summary == "第一段\n第二段\n第三段"


def test_scripts_may_write_lists_as_strings(tmp_path: Path) -> None:
    path = write_json(tmp_path / "s.qcproj", {
        "format": "qcdesk", "version": 1,
        "group_achievements": [{"main_contributors": "张三，李四、阿依古丽·买买提", "attachments": "记录.pdf",
                                "report": {"sections": [{"step": " 选择 课题 ", "text": "内容"}]}}],
        "reviewers": [{"review_types": "小组成果、班组成果"}],
        "statistics": {"review_formats": "发表评审", "employees": "3260"},
    })
    project = load_project(path)
    group = project.group_achievements[0]
    assert group.main_contributors == ["张三", "李四", "阿依古丽·买买提"]
    assert group.attachments == ["记录.pdf"]
    assert group.report.sections[0].step == "选择课题"
    assert project.reviewers[0].review_types == ["小组成果", "班组成果"]
    assert project.statistics.review_formats == ["发表评审"] and project.statistics.employees == 3260
