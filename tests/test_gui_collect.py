"""The collecting menu items as a user drives them (pytest-qt, dialogs patched)."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

import ui.collect_actions as collect_actions
from app.cli import main as cli
from app.settings import Settings
from forms.project_file import load_project
from forms.sample import SAMPLE_ATTACHMENTS, SAMPLE_DIR
from tests.conftest import write_json
from ui.achievement_chooser import AchievementChooser
from ui.main_window import MainWindow

Buttons = QMessageBox.StandardButton


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, list[str]]]:
    shown: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(collect_actions, "show_report",
                        lambda _parent, title, text, details=None: shown.append((title, text, details or [])))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text, [])))
    return shown


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The answer every question gets (Yes unless a test changes it); questions asked are kept."""
    state: list[object] = [Buttons.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (state.append(text), state[0])[1])
    monkeypatch.setattr("ui.main_window.ask_unsaved", lambda _p, _t, text: (state.append(text), state[0])[1])
    return state


@pytest.fixture
def window(qtbot, tmp_path: Path, answer):
    path = tmp_path / "单位" / "单位申报.qcproj"
    path.parent.mkdir()
    assert cli(["new", "--sample", str(path)]) == 0
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    assert w.open_path(path)
    yield w
    w.dirty = False
    w.close()


def menu_texts(window: MainWindow) -> list[str]:
    # Each QAction is held while its menu is read: on PySide6 6.8 and 6.9 the menu() of a temporary
    # action wrapper is already deleted.
    top = window.menuBar().actions()
    menu = top[0].menu()
    texts = []
    for action in menu.actions():
        texts.append(action.text())
        submenu = action.menu()
        if submenu:
            texts += [f"{action.text()} › {a.text()}" for a in submenu.actions()]
    return texts


def open_returns(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(paths[0]), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))


def test_file_menu_offers_the_collecting_items(window: MainWindow) -> None:
    texts = menu_texts(window)
    for text in ("从上年项目新建…", "整理附件…", "导出为交接包…", "合并项目…", "导入 › 导入交接包…",
                 "导入 › 从 Excel 导入成员名单…", "导入 › 从汇总表导入成果（附件4/5）…"):
        assert text in texts
    assert texts.index("整理附件…") < texts.index("退出(&X)")


def test_gather_copies_outside_files_in(window: MainWindow, tmp_path: Path, reports, answer) -> None:
    outside = tmp_path / "桌面" / "补充记录.pdf"
    outside.parent.mkdir()
    outside.write_bytes(b"%PDF-1.4 record")
    window.project.group_achievements[0].attachments.append(str(outside))
    window.recheck()
    assert any("不在项目文件夹内" in f.message and str(outside) in f.message for f in window.findings)
    window.collect_actions.act_gather.trigger()
    assert "有 1 个文件在项目文件夹之外" in answer[-1]
    title, text, details = reports[-1]
    assert "复制了 1 个文件" in text
    stored = window.project.group_achievements[0].attachments[-1]
    assert stored == "单位申报_附件/小组成果/降低常减压装置加热炉排烟温度/补充记录.pdf"
    assert (window.path.parent / stored).read_bytes() == outside.read_bytes() and outside.is_file()
    assert window.dirty and not any("不在项目文件夹内" in f.message for f in window.findings)


def test_handover_export_then_import_into_another_project(window: MainWindow, tmp_path: Path, reports,
                                                          monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    package = tmp_path / "交接.qcpkg"
    monkeypatch.setattr(AchievementChooser, "choose", classmethod(lambda cls, project, parent, checked=None: ([1], [0])))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))
    window.collect_actions.act_handover.trigger()
    assert "2 项成果，3 个文件" in reports[-1][1]
    # The unit's project on the other side: the same unit, without that group.
    other = tmp_path / "质量部" / "汇总.qcproj"
    other.parent.mkdir()
    data = json.loads(window.path.read_text(encoding="utf-8"))
    data["group_achievements"] = data["group_achievements"][:1]
    data["team_achievements"] = []
    write_json(other, data)
    assert window.open_path(other)
    open_returns(monkeypatch, package)
    window.collect_actions.act_import_handover.trigger()
    assert "加入 1 项小组成果、1 项班组成果，复制了 3 个文件" in reports[-1][1]
    assert [a.title for a in window.project.group_achievements][-1] == "研制再生滑阀阀杆间隙在线检测工具"
    assert window.dirty and window.current_key() == ("group", 1)
    assert (other.parent / window.project.team_achievements[0].attachments[0]).is_file()


def test_merge_asks_about_same_titles_and_skips_them(window: MainWindow, tmp_path: Path, reports, answer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    leader = tmp_path / "组长" / "组长.qcproj"
    leader.parent.mkdir()
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, leader.parent / SAMPLE_ATTACHMENTS)
    data = json.loads(window.path.read_text(encoding="utf-8"))
    new_group = copy.deepcopy(data["group_achievements"][0])
    new_group["title"] = "降低催化裂化装置能耗"
    data["group_achievements"] = [data["group_achievements"][0], new_group]
    write_json(leader, data)
    answer[0] = Buttons.No   # skip the one already there
    open_returns(monkeypatch, leader)
    window.collect_actions.act_merge.trigger()
    assert "已有同名成果" in answer[-1] and "《降低常减压装置加热炉排烟温度》" in answer[-1]
    title, text, details = reports[-1]
    assert "加入 1 项小组成果、0 项班组成果" in text
    assert any("已跳过小组成果《降低常减压装置加热炉排烟温度》" in line for line in details)
    assert [a.title for a in window.project.group_achievements][-1] == "降低催化裂化装置能耗"
    assert len(window.project.group_achievements) == 4
    before = window.path.read_bytes()
    old = json.loads(before)
    old["campaign"] = 2023
    write_json(leader, old)
    window.collect_actions.act_merge.trigger()
    assert "2023 年度的项目" in reports[-1][1]
    assert window.path.read_bytes() == before


def test_roster_import_fills_the_selected_group(window: MainWindow, tmp_path: Path, reports, answer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    wb = Workbook()
    wb.active.append(["组内分工", "学历", "姓名", "年龄"])
    wb.active.append(["组长", "本科", "李强", 41])
    wb.active.append(["记录", "大专", "王芳", 35])
    wb.save(tmp_path / "名单.xlsx")
    open_returns(monkeypatch, tmp_path / "名单.xlsx")
    window.collect_actions.act_import_roster.trigger()
    assert "请先在左侧选择" in reports[-1][1]
    window.tree.setCurrentItem(window._find_item(("group", 1)))
    window.collect_actions.act_import_roster.trigger()
    assert "已有" in answer[-1]      # asked: replace or append
    assert "导入 2 名成员、2 名主要完成人" in reports[-1][1]
    group = window.project.group_achievements[1]
    assert [(m.name, m.age, m.education, m.role) for m in group.report.members] == [
        ("李强", 41, "本科", "组长"), ("王芳", 35, "大专", "记录")]
    assert group.main_contributors == ["李强", "王芳"] and window.current_key() == ("group", 1)


def test_pasting_a_roster_with_its_header_matches_columns(window: MainWindow, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication, QKeySequence
    from ui.lists import RecordTableField
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    table = next(f for f in window.page.fields if isinstance(f, RecordTableField) and f.key == "members")
    table.set_rows([])
    QGuiApplication.clipboard().setText("姓名\t备注\t年龄\n李强\t外聘\t41\n王芳\t\t35\n")
    table.table.setFocus()
    qtbot.keySequence(table.table, QKeySequence.StandardKey.Paste)
    members = window.project.group_achievements[0].report.members
    assert [(m.name, m.remark, m.age) for m in members] == [("李强", "外聘", 41), ("王芳", "", 35)]


def test_summary_import_starts_achievements(window: MainWindow, tmp_path: Path, reports,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    wb = Workbook()
    for row in (["附件4"], ["序号", "企业名称", "小组名称", "成果名称", "课题类型"],
                [1, "某石化", "节能QC小组", "降低蒸汽单耗", "创新型"],
                [2, "某石化", "节能QC小组", "降低常减压装置加热炉排烟温度", "问题解决型"]):
        wb.active.append(row)
    wb.save(tmp_path / "附件4.xlsx")
    open_returns(monkeypatch, tmp_path / "附件4.xlsx")
    window.collect_actions.act_import_summary.trigger()
    title, text, details = reports[-1]
    assert "新增 1 项小组成果、0 项班组成果" in text
    assert details == ["已跳过《降低常减压装置加热炉排烟温度》：项目中已有同名成果。"]
    added = window.project.group_achievements[-1]
    assert (added.title, added.group_name, added.topic_type) == ("降低蒸汽单耗", "节能QC小组", "创新型")


def test_new_from_last_year_opens_the_new_project(window: MainWindow, tmp_path: Path, reports,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(window.path.read_text(encoding="utf-8"))
    data["campaign"] = 2023
    last = write_json(window.path.parent / "上年.qcproj", data)
    target = tmp_path / "新年度" / "单位2024.qcproj"
    target.parent.mkdir()
    open_returns(monkeypatch, last)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.collect_actions.act_new_year.trigger()
    assert "已新建 2024 年度项目" in reports[-1][1]
    assert window.path == target and window.project.campaign == 2024
    assert window.project.group_achievements[0].title == ""
    assert load_project(target).group_achievements[0].group_name == data["group_achievements"][0]["group_name"]


def test_adding_a_file_copies_it_beside_the_project(window: MainWindow, tmp_path: Path) -> None:
    from ui.lists import FileListField
    outside = tmp_path / "下载" / "活动照片.pdf"
    outside.parent.mkdir()
    outside.write_bytes(b"%PDF-1.4 photo")
    window.tree.setCurrentItem(window._find_item(("reviewers",)))
    files = next(f for f in window.page.fields if isinstance(f, FileListField) and f.path[:2] == ("reviewers", 1))
    files.add_paths([str(outside)])
    assert window.project.reviewers[1].evidence[-1] == "单位申报_附件/评委证明材料/林晓红/活动照片.pdf"
    assert (window.path.parent / "单位申报_附件/评委证明材料/林晓红/活动照片.pdf").is_file()


def test_sample_saved_elsewhere_takes_its_files(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer) -> None:
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.open_sample()
    target = tmp_path / "我的申报.qcproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert w.save_as()
    saved = load_project(target)
    assert saved.group_achievements[0].attachments == [
        "我的申报_附件/小组成果/降低常减压装置加热炉排烟温度/节能先锋QC小组活动记录.pdf"]
    assert w.project.group_achievements[0].attachments == saved.group_achievements[0].attachments
    assert not [f for f in w.findings if f.field in ("attachments", "evidence")]
    w.dirty = False
    w.close()


def test_pasting_names_with_their_header_keeps_only_names(window: MainWindow, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication, QKeySequence
    from ui.lists import NameListField
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    names = next(f for f in window.page.fields if isinstance(f, NameListField))
    names.set_rows([])
    QGuiApplication.clipboard().setText("主要完成人\n李强\n王芳\n")
    names.table.setFocus()
    qtbot.keySequence(names.table, QKeySequence.StandardKey.Paste)
    assert window.project.group_achievements[0].main_contributors == ["李强", "王芳"]


def test_opening_a_project_with_outside_files_offers_gathering(window: MainWindow, tmp_path: Path) -> None:
    outside = tmp_path / "桌面" / "记录.pdf"
    outside.parent.mkdir()
    outside.write_bytes(b"%PDF-1.4")
    data = json.loads(window.path.read_text(encoding="utf-8"))
    data["group_achievements"][0]["attachments"] = [str(outside)]
    (tmp_path / "旧").mkdir()
    old = write_json(tmp_path / "旧" / "旧项目.qcproj", data)
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, tmp_path / "旧" / SAMPLE_ATTACHMENTS)
    assert window.open_path(old)
    assert "1 个附件在项目文件夹之外" in window.statusBar().currentMessage()


def test_merge_replaces_same_titles_when_told(window: MainWindow, tmp_path: Path, reports, answer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    leader = tmp_path / "组长" / "组长.qcproj"
    leader.parent.mkdir()
    shutil.copytree(SAMPLE_DIR / SAMPLE_ATTACHMENTS, leader.parent / SAMPLE_ATTACHMENTS)
    data = json.loads(window.path.read_text(encoding="utf-8"))
    data["group_achievements"] = data["group_achievements"][2:]
    data["group_achievements"][0]["leader"] = "新组长"
    data["team_achievements"] = []
    write_json(leader, data)
    answer[0] = Buttons.Yes
    open_returns(monkeypatch, leader)
    window.collect_actions.act_merge.trigger()
    assert "其中替换 1 项" in reports[-1][2][0]
    assert len(window.project.group_achievements) == 3
    assert window.project.group_achievements[2].leader == "新组长"
    assert window.project.group_achievements[2].attachments == [
        "单位申报_附件/小组成果/提高聚丙烯装置优等品率/精益QC小组活动记录.pdf"]
