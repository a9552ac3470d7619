"""The window's comforts: short names in the problems panel, the calendar's start, the preview's
size and 草稿 stamp, the remembered geometry and the built-in guide."""
from __future__ import annotations


from PySide6.QtCore import QDate, Qt

from app.settings import Settings
from forms.rules import Finding
from ui.main_window import MainWindow
from ui.problems import short_achievement


def test_short_achievement_names() -> None:
    assert short_achievement("第1个小组成果《降低常减压装置加热炉排烟温度》") == "01 降低常减压装置加…"
    assert short_achievement("第12个班组成果《仪表班》") == "12 仪表班"
    assert short_achievement("第3个小组成果") == "03 （未填成果名称）"
    assert short_achievement(None) == ""


def test_problems_panel_rows_are_short_and_full_on_hover(window: MainWindow) -> None:
    window.project.team_achievements[0].team_name = "聚丙烯车间包装班"       # N4, at the achievement
    window.project.group_achievements[0].report.members[1].name = "张三"     # C-checks of a long title
    window.recheck()
    rows = [r for r in window.problems.finding_items() if r.data(0, Qt.ItemDataRole.UserRole).achievement]
    assert rows
    for row in rows:
        finding: Finding = row.data(0, Qt.ItemDataRole.UserRole)
        assert len(row.text(2)) <= 12
        assert finding.message in row.toolTip(4) and finding.achievement in row.toolTip(2)


def _date_field(window: MainWindow, key: str):
    return next(f for f in window.page.fields if f.key == key)


def test_calendar_opens_at_the_date_or_in_the_campaign_window(window: MainWindow) -> None:
    window.tree.setCurrentItem(window._find_item(("group", 0)))
    field = _date_field(window, "completed_on")
    field.line.setText("2023-11-20")
    field._menu.aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2023, 11, 20)
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (2023, 11)
    field.line.setText("")
    field._menu.aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(2024, 3, 25)   # the 2024 submission window opens
    assert field.pick.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_preview_fits_the_screen_and_stamps_draft_only_with_errors(window: MainWindow, monkeypatch) -> None:
    from ui import preview
    built: list[bool] = []
    sizes: list[tuple[int, int]] = []
    real_build = preview.PreviewDialog.__init__

    def record(self, title, build, parent=None):
        real_build(self, title, lambda: (doc := build(), built.append(doc.draft))[0], parent)
        sizes.append((self.width(), self.height()))

    monkeypatch.setattr(preview.PreviewDialog, "__init__", record)
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: 0)
    window.tree.setCurrentItem(window._find_item(("reviewers",)))
    window.preview()
    errors = [f for f in window.findings if f.is_error and f.path[:1] in (("reviewers",), ("declarant",))]
    assert built[-1] == bool(errors)
    window.project.reviewers.clear()   # fewer experts than the notice asks: an error
    window.preview()
    assert built[-1] is True
    available = window.screen().availableGeometry()
    assert all(h <= available.height() and w <= available.width() for w, h in sizes)


def test_geometry_is_remembered(qtbot) -> None:
    from ui.geometry import remember, show_window
    settings = Settings()
    first = MainWindow(settings)
    qtbot.addWidget(first)
    show_window(first, settings)
    assert first.isMaximized()
    first.showNormal()
    first.setGeometry(30, 40, 640, 480)   # inside the offscreen screen (800×600)
    remember(first, settings)
    assert settings.window_geometry
    second = MainWindow(settings)
    qtbot.addWidget(second)
    show_window(second, settings)
    assert not second.isMaximized() and (second.width(), second.height()) == (640, 480)


def test_guide_is_chinese_and_offline(qtbot) -> None:
    from ui.help import GuideDialog
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "使用说明" in text and "下一步" in text and "项目文件" in text
    assert "http" not in dialog.browser.toHtml().replace("http://www.w3.org", "")
