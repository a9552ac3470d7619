"""The window as a user drives it (pytest-qt, offscreen): typing, live messages, steps, problems
panel, autosave and recovery, export from the dialog."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit

from app import autosave
from app.cli import main as cli
from app.settings import Settings
from forms.project_file import load_project
from ui.fields import BoundField
from ui.main_window import MainWindow


def select(window: MainWindow, *key: object) -> None:
    window.tree.setCurrentItem(window._find_item(tuple(key)))


def field(window: MainWindow, key: str, path_prefix: tuple = ()) -> BoundField:
    matches = [f for f in window.page.fields if f.key == key and f.path[:len(path_prefix)] == path_prefix]
    assert matches, key
    return matches[0]


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Clear the field and type ``text`` as a user would: Latin by keys, Chinese through the input
    method (QTest cannot press keys for Chinese characters)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def test_title_names_the_file_and_shows_changes(window: MainWindow, qtbot, sample_path: Path) -> None:
    assert window.windowTitle().startswith("示例.qcproj")
    assert not window.isWindowModified()
    select(window, "declarant")
    type_into(qtbot, field(window, "contact_person").editor, "李四")
    assert window.isWindowModified()
    assert window.project.declarant.contact_person == "李四"


def test_typing_shows_and_clears_the_message_at_the_field(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    mobile = field(window, "mobile")
    type_into(qtbot, mobile.editor, "1385460")
    qtbot.waitUntil(lambda: bool(mobile.messages.text()), timeout=3000)
    assert "不是有效的手机号码" in mobile.messages.text()
    qtbot.keyClicks(mobile.editor, "1234")
    qtbot.waitUntil(lambda: not mobile.messages.text(), timeout=3000)
    assert window.project.group_achievements[0].mobile == "13854601234"


def test_an_eleventh_contributor_is_flagged(window: MainWindow, qtbot) -> None:
    select(window, "group", 0)
    field(window, "member_count").editor.setText("12")
    field(window, "member_count").commit()
    names = field(window, "main_contributors")
    names.set_rows([[f"成员{i}"] for i in range(11)])
    names.commit()
    qtbot.waitUntil(lambda: bool(names.messages.text()), timeout=3000)
    assert "填了11人，超过上限10人" in names.messages.text()
    assert "错误 1" in window.counts.text()


def test_paste_names_from_excel_one_per_row(window: MainWindow, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication
    select(window, "group", 2)
    names = field(window, "main_contributors")
    names.set_rows([])
    QGuiApplication.clipboard().setText("赵一\n钱二\n孙三、李四")
    names.table.setFocus()
    qtbot.keyClick(names.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.project.group_achievements[2].main_contributors == ["赵一", "钱二", "孙三", "李四"]


def test_switching_topic_type_changes_steps_and_keeps_text(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)   # 确定更改类型
    select(window, "group", 0)
    page = window.page
    steps = page.steps
    listed = lambda: [steps.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(steps.list.count())]  # noqa: E731
    assert "现状调查" in listed()
    survey = window.project.group_achievements[0].report.sections[1].text
    topic = field(window, "topic_type")
    topic.editor.setCurrentIndex(topic.editor.findData("创新型"))
    assert listed()[1] == "设定目标及目标可行性论证" and "现状调查" not in listed()
    topic.editor.setCurrentIndex(topic.editor.findData("问题解决型"))
    assert "现状调查" in listed()
    steps.list.setCurrentRow(listed().index("现状调查"))
    assert steps.text.toPlainText() == survey


def test_typing_a_step_stores_it(window: MainWindow, qtbot) -> None:
    select(window, "group", 1)
    steps = window.page.steps
    steps.list.setCurrentRow(6)   # 标准化
    steps.text.setPlainText("新的标准化内容")
    report = window.project.group_achievements[1].report
    assert [s.text for s in report.sections if s.step == "标准化"] == ["新的标准化内容"]


def test_problems_panel_jumps_to_the_field(window: MainWindow, qtbot) -> None:
    window.project.team_achievements[0].incidents = 1
    window.recheck()
    errors = [i for i in window.problems.finding_items() if i.text(0) == "错误"]
    assert len(errors) == 1
    item = errors[0]
    assert item.text(1) == "附件3" and item.text(3) == "年质量、安全事故数（个）"
    select(window, "declarant")
    window.problems.itemDoubleClicked.emit(item, 0)
    assert window.current_key() == ("team", 0)
    incidents = field(window, "incidents")
    qtbot.waitUntil(lambda: incidents.editor.hasFocus(), timeout=3000)
    assert bool(incidents.messages.text())


def test_problems_panel_opens_a_report_step(window: MainWindow, qtbot) -> None:
    window.project.group_achievements[2].report.sections[2].text = ""   # 目标可行性论证
    window.recheck()
    (item,) = [i for i in window.problems.finding_items() if i.text(0) == "错误"]
    assert item.parent().text(0) == "方法自查" and item.text(3) == "具体内容 › 目标可行性论证"
    window.problems.itemDoubleClicked.emit(item, 0)
    assert window.current_key() == ("group", 2)
    assert window.page.steps.current_step == "目标可行性论证"
    assert window.page.tabs.currentWidget() is window.page.steps


def test_add_achievement_offers_enterprise_data(window: MainWindow) -> None:
    window.add_achievement("team")
    assert window.current_key() == ("team", 1)
    new = window.project.team_achievements[1]
    assert new.enterprise == "江海石油化工股份有限公司" and new.postcode == "257000"
    assert field(window, "enterprise").editor.text() == "江海石油化工股份有限公司"


def test_duplicate_move_and_delete(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    select(window, "group", 0)
    window.duplicate_achievement()
    titles = [a.title for a in window.project.group_achievements]
    assert titles[1] == "降低常减压装置加热炉排烟温度（副本）"
    window.move_achievement(1)
    assert window.project.group_achievements[2].title.endswith("（副本）")
    assert window.current_key() == ("group", 2)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_achievement()
    assert len(window.project.group_achievements) == 3


def test_save_writes_the_file_atomically(window: MainWindow, qtbot, sample_path: Path) -> None:
    select(window, "declarant")
    type_into(qtbot, field(window, "contact_person").editor, "张主任")
    assert window.save()
    assert load_project(sample_path).declarant.contact_person == "张主任"
    assert (sample_path.parent / "示例.qcproj.bak").is_file()
    assert not window.isWindowModified()


def test_autosave_then_recovery_after_a_crash(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch,
                                              sample_path: Path) -> None:
    select(window, "declarant")
    type_into(qtbot, field(window, "contact_person").editor, "未保存的修改")
    window.autosave_now()
    drafts = autosave.pending_drafts()
    assert len(drafts) == 1 and drafts[0].original == sample_path.absolute()
    # The process dies here: no save, no clean close. A new window starts.
    fresh = MainWindow(Settings())
    qtbot.addWidget(fresh)
    fresh.autosave_timer.stop()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    fresh.offer_recovery()
    assert fresh.project.declarant.contact_person == "未保存的修改"
    assert fresh.path == sample_path.absolute() and fresh.isWindowModified()


def test_open_a_broken_file_keeps_the_current_project(window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    broken = tmp_path / "坏.qcproj"
    broken.write_text('{"format": "qcdesk", "version": 1, "gro', encoding="utf-8")
    assert not window.open_path(broken)
    assert "文件已损坏或不完整" in shown[0]
    assert window.windowTitle().startswith("示例.qcproj")


def test_statistics_rates_update_live(window: MainWindow, qtbot) -> None:
    select(window, "statistics")
    assert "16.50%" in window.page.popularity.text()
    type_into(qtbot, field(window, "employees").editor, "0")
    assert "—" in window.page.popularity.text()


def test_export_from_the_dialog(window: MainWindow, qtbot, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.export_dialog import ExportDialog, WarningsConfirm
    monkeypatch.setattr(WarningsConfirm, "exec", lambda self: WarningsConfirm.DialogCode.Accepted)
    dialog = ExportDialog(window.project, window.base_dir(), tmp_path / "导出")
    qtbot.addWidget(dialog)
    assert dialog.final.isChecked() and dialog.start.isEnabled()
    dialog.begin()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.open_folder.isEnabled()
    manifest = json.loads((tmp_path / "导出" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is False and len(manifest["files"]) == 32
    assert (tmp_path / "导出.zip").is_file()


def test_export_dialog_blocks_a_final_export_with_errors(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from ui.export_dialog import ExportDialog
    window.project.team_achievements[0].incidents = 2
    dialog = ExportDialog(window.project, window.base_dir(), tmp_path / "导出")
    qtbot.addWidget(dialog)
    assert dialog.draft.isChecked()
    dialog.final.setChecked(True)
    assert not dialog.start.isEnabled()
    assert any("年质量、安全事故数" in dialog.blockers.item(i).text() for i in range(dialog.blockers.count()))
    # A long error shows whole, wrapped at the dialog's width: nothing to scroll sideways to.
    dialog.resize(520, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.blockers.horizontalScrollBar().isVisible()
    assert dialog.blockers.horizontalScrollBar().maximum() == 0


def test_preview_renders_pdf_pages(window: MainWindow, qtbot) -> None:
    from ui.preview import PreviewDialog
    from exporters import group_report
    dialog = PreviewDialog("附件8", lambda: group_report.build(window.project, 0, window.profile))
    qtbot.addWidget(dialog)
    assert len(dialog.images) >= 3
    image = dialog.images[0]
    assert image.width() > 500 and not image.isNull()


def test_long_text_counts_characters(window: MainWindow, qtbot) -> None:
    select(window, "reviewers")
    experience = field(window, "experience", ("reviewers", 0))
    assert isinstance(experience.editor, QPlainTextEdit)
    experience.editor.setPlainText("评" * 301)
    qtbot.waitUntil(lambda: bool(experience.messages.text()), timeout=3000)
    assert "共301字，超过300字的限制" in experience.messages.text()
    assert experience.counter.text() == "301 字 / 300"


def test_closing_with_unsaved_changes_asks(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    select(window, "declarant")
    type_into(qtbot, field(window, "contact_person").editor, "改动")
    asked: list[str] = []

    def cancel(_parent, _title, text):
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr("ui.main_window.ask_unsaved", cancel)
    assert not window.close()
    assert window.isVisible() and "未保存的修改" in asked[0]


def test_dropping_a_project_file_opens_it(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    other = tmp_path / "另一个.qcproj"
    assert cli(["new", str(other)]) == 0
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.windowTitle().startswith("另一个.qcproj")


def test_changing_topic_type_of_a_filled_report_asks_first(window: MainWindow, qtbot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    select(window, "group", 0)
    asked: list[str] = []

    def answer(reply):
        def question(_parent, title, text, *a, **k):
            asked.append(f"{title}|{text}")
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    topic = field(window, "topic_type")
    topic.editor.setCurrentIndex(topic.editor.findData("创新型"))
    assert window.project.group_achievements[0].topic_type == "问题解决型"
    assert topic.editor.currentData() == "问题解决型"
    assert asked and asked[0].startswith("更改课题类型|") and "“现状调查”" in asked[0]
    assert "已填写的内容会保留" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    topic.editor.setCurrentIndex(topic.editor.findData("创新型"))
    assert window.project.group_achievements[0].topic_type == "创新型"
    window.act_undo.trigger()
    assert window.project.group_achievements[0].topic_type == "问题解决型"
    assert len(asked) == 2   # undo puts the old type back without asking
