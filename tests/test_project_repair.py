"""A project file with values that do not fit their fields opens with them cleared, each one named,
and the original file kept beside it untouched."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from forms.project_file import ProjectFileError, load_project, project_to_json
from forms.project_repair import keep_original, original_copy, repair_data, repair_project_file
from forms.sample import load_sample


def _sample_data() -> dict:
    return json.loads(project_to_json(load_sample()))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "申报.qcproj"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_mistyped_values_are_cleared_and_named(tmp_path: Path) -> None:
    data = _sample_data()
    data["group_achievements"][0]["member_count"] = "八"
    data["group_achievements"][1]["completed_on"] = "下个月"
    data["group_achievements"][1]["main_contributors"].append(5)
    path = _write(tmp_path, data)
    with pytest.raises(ProjectFileError) as refused:
        load_project(path)
    assert refused.value.repairable and "小组人数" in str(refused.value)
    repaired = repair_project_file(path)
    assert repaired.cleared == [
        '附件2 第1个小组成果 › 小组人数：应为整数，文件中为 "八"',
        '附件2 第2个小组成果 › 成果完成日期：应为日期 YYYY-MM-DD（如 2024-03-19），文件中为 "下个月"',
        "附件2 第2个小组成果 › 主要完成人（不超过10人） 第6项：应为文字，文件中为 5",
    ]
    first, second = repaired.project.group_achievements[:2]
    assert first.member_count is None and second.completed_on is None
    assert second.main_contributors == data["group_achievements"][1]["main_contributors"][:-1]
    assert first.title == data["group_achievements"][0]["title"]   # everything else as it was


def test_a_whole_part_in_the_wrong_shape_is_not_cleared() -> None:
    data = _sample_data()
    data["group_achievements"][0]["report"] = ["not", "a", "report"]
    assert repair_data(data) is None
    data = _sample_data()
    data["campaign"] = "明年"
    assert repair_data(data) is None


def test_an_unreadable_file_is_not_repairable(tmp_path: Path) -> None:
    path = tmp_path / "坏.qcproj"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ProjectFileError) as refused:
        load_project(path)
    assert not refused.value.repairable


def test_the_original_is_copied_never_over_a_file(tmp_path: Path) -> None:
    path = _write(tmp_path, {"format": "x"})
    taken = tmp_path / "申报_修复前原文件.qcproj"
    taken.write_text("mine", encoding="utf-8")
    assert original_copy(path).name == "申报_修复前原文件（2）.qcproj"   # the name the question gives
    kept = keep_original(path)
    assert kept.name == "申报_修复前原文件（2）.qcproj"
    assert kept.read_bytes() == path.read_bytes() and taken.read_text(encoding="utf-8") == "mine"


def test_window_opens_the_file_with_the_values_cleared(qtbot, tmp_path: Path, monkeypatch) -> None:
    from app.settings import Settings
    from ui.main_window import MainWindow
    data = _sample_data()
    data["group_achievements"][0]["member_count"] = "八"
    path = _write(tmp_path, data)
    original = path.read_bytes()
    asked: list[str] = []

    def click_open(box: QMessageBox) -> int:
        asked.append(box.text())
        box.buttons()[0].click()   # 清空后打开
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_open)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert w.open_path(path)
    assert "小组人数" in asked[0] and '"八"' in asked[0] and "申报_修复前原文件.qcproj" in asked[0]
    assert w.project.group_achievements[0].member_count is None and w.dirty and w.path == path.absolute()
    assert (tmp_path / "申报_修复前原文件.qcproj").read_bytes() == original == path.read_bytes()
    w.tree.setCurrentItem(w._find_item(("group", 0)))
    w.dirty = False


def test_window_leaves_everything_as_it_was_when_not_opened(qtbot, tmp_path: Path, monkeypatch) -> None:
    from app.settings import Settings
    from ui.main_window import MainWindow
    data = _sample_data()
    data["declarant"]["postcode"] = 257000   # a number where the file should have text
    path = _write(tmp_path, data)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[1].click() or 0)   # 不打开
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert not w.open_path(path)
    assert w.path is None and sorted(p.name for p in tmp_path.iterdir()) == ["申报.qcproj"]
