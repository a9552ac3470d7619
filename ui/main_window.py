"""The main window: the submission as a tree on the left, the selected form on the right, the
检查结果 panel below; files, autosave, export and preview."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget,
    QStyle, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app import autosave
from app.logs import log_file
from app.settings import Settings, save_settings
from exporters import (
    group_form, group_report, reviewers_form, statistics_form, team_form, team_report,
)
from forms.attachments import apply_changes
from forms.campaign import CampaignProfile, UnknownCampaign, latest_year, load_campaign
from forms.group_achievement import GroupAchievement
from forms.os_errors import os_error_message
from forms.project import Project
from forms.project_file import EXTENSION, ProjectFileError, load_project, save_project
from forms.rules import Finding
from forms.sample import SAMPLE_DIR, load_sample
from forms.team_achievement import TeamAchievement
from ui.collect_actions import install_collect_actions, relocated
from ui.document import ProjectDocument
from ui.edit_menu import install_edit_menu
from ui.editing import hand_over_open_editors
from ui.dialogs import ask_unsaved
from ui.geometry import remember
from ui.live_check import LiveCheck
from ui.pages.base import FormPage, PageContext
from ui.pages.declarant import DeclarantPage
from ui.pages.group_achievement import GroupAchievementPage
from ui.pages.reviewers import ReviewersPage
from ui.pages.statistics import StatisticsPage
from ui.pages.team_achievement import TeamAchievementPage
from ui.pages.welcome import WelcomePage
from ui.problems import ProblemsPanel
from ui.repair_dialog import offer_repair
from ui.wizard import install_wizard

log = logging.getLogger(__name__)
APP_TITLE = "质量成果申报助手"
# Every editor has a drawn 1-pixel frame, so a coloured problem frame keeps the same size.
STYLE = """
QLineEdit, QPlainTextEdit { border: 1px solid #a0a0a0; padding: 2px; background: white; }
QLineEdit:focus, QPlainTextEdit:focus { border: 1px solid #3070c0; }
QLineEdit:disabled, QPlainTextEdit:disabled { background: #f0f0f0; }
QLineEdit[problem="error"], QPlainTextEdit[problem="error"], QTableWidget[problem="error"] { border: 1px solid #b00020; }
QLineEdit[problem="warning"], QPlainTextEdit[problem="warning"] { border: 1px solid #c98a00; }
"""
ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        # The project, its file, the dirty flag, undo/redo and autosave; this window shows it.
        self.document = ProjectDocument(settings.autosave_seconds, self)
        self.document.changed.connect(self._document_changed)
        self.document.dirty_changed.connect(lambda _dirty: self._update_title())
        self.document.autosaved.connect(lambda note: self.saved_label.setText(note))
        self.findings: list[Finding] = []
        self.touched: set[tuple] = set()   # fields showing their messages (calm validation)
        self.reveal_all = False            # 全部检查 was chosen: every field shows its messages
        self.page: QWidget | None = None
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE)
        self.resize(QSize(1280, 720))
        self._build_actions()
        self._build_layout()
        self.wizard = install_wizard(self)   # 上一步/下一步, 下一个问题, each tree node's state
        self.recheck_timer = QTimer(self, singleShot=True, interval=250)
        self.recheck_timer.timeout.connect(self.recheck)
        self.live_check = LiveCheck(self)   # rules at once; page fit on a worker, merged when back
        self.live_check.documents_ready.connect(self._documents_checked)
        self.document.restored.connect(self.show_restored)
        self.set_project(Project(campaign=latest_year()), None)

    # ---- construction -------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_new = self._action("新建(&N)", self.new_project, QKeySequence.StandardKey.New, sp.SP_FileIcon)
        self.act_sample = self._action("新建示例项目", self.open_sample)
        self.act_open = self._action("打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open,
                                     sp.SP_DialogOpenButton)
        self.act_save = self._action("保存(&S)", self.save, QKeySequence.StandardKey.Save, sp.SP_DialogSaveButton)
        self.act_save_as = self._action("另存为(&A)…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.act_export = self._action("导出申报包(&E)…", self.export, "Ctrl+E", sp.SP_ArrowRight)
        self.act_preview = self._action("预览 PDF(&P)", self.preview, "Ctrl+P", sp.SP_FileDialogContentsView)
        self.act_quit = self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit)
        self.act_about = self._action("关于质量成果申报助手", self.about)
        self.act_self_check = self._action("方法自查(&M)…", self.open_self_check, "Ctrl+M",
                                           sp.SP_DialogApplyButton)
        self.act_self_check.setToolTip("按评审常见扣分点逐项检查所选成果")
        self.self_check_dialog = None
        menu = self.menuBar().addMenu("文件(&F)")
        for action in (self.act_new, self.act_sample, self.act_open):
            menu.addAction(action)
        self.recent_menu = menu.addMenu("最近打开")
        menu.addSeparator()
        for action in (self.act_save, self.act_save_as):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.act_export)
        menu.addAction(self.act_preview)
        install_collect_actions(self, menu)   # 整理附件, 交接包, 合并项目, 导入
        menu.addSeparator()
        menu.addAction(self.act_quit)
        install_edit_menu(self)   # 编辑: 撤销, 重做
        self.act_check_all = self._action("全部检查(&A)", self.reveal_all_checks, "F7", sp.SP_DialogYesButton)
        self.act_check_all.setToolTip("在每个字段下显示它的全部问题")
        check_menu = self.menuBar().addMenu("检查(&C)")
        check_menu.addAction(self.act_check_all)
        check_menu.addAction(self.act_self_check)
        self.check_menu = check_menu   # 检查结果面板 joins it with the panel (_build_layout)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self._action("使用说明(&G)", self.show_guide, QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self.act_about)
        bar = self.addToolBar("常用")
        bar.setObjectName("main-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.act_new, self.act_open, self.act_save, self.act_preview, self.act_check_all,
                       self.act_self_check, self.act_export):
            bar.addAction(action)
        self._refresh_recent()

    def _build_layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(lambda current, _prev: self._show_item(current))
        column.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.tree_buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("add_group", "+小组", "新增一项小组成果", lambda: self.add_achievement("group")),
            ("add_team", "+班组", "新增一项班组成果", lambda: self.add_achievement("team")),
            ("duplicate", "复制", "复制所选成果", self.duplicate_achievement),
            ("delete", "删除", "删除所选成果", self.delete_achievement),
            ("up", "↑", "上移", lambda: self.move_achievement(-1)),
            ("down", "↓", "下移", lambda: self.move_achievement(1)),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.tree_buttons[key] = button
        column.addLayout(buttons)
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])
        self.setCentralWidget(splitter)
        self.problems = ProblemsPanel()
        self.problems.activated_finding.connect(self.go_to_finding)
        dock = QDockWidget("检查结果（双击跳到对应字段）", self)
        dock.setObjectName("problems-dock")
        dock.setWidget(self.problems)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable |
                         QDockWidget.DockWidgetFeature.DockWidgetFloatable |
                         QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.problems_dock = dock
        # On a small screen the form needs the room: the panel can be closed and brought back here.
        self.act_show_problems = dock.toggleViewAction()
        self.act_show_problems.setText("检查结果面板(&P)")
        self.act_show_problems.setShortcut(QKeySequence("F8"))
        self.act_show_problems.setToolTip("显示或隐藏窗口下方的检查结果列表")
        self.check_menu.addSeparator()
        self.check_menu.addAction(self.act_show_problems)
        self.counts = QLabel()
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.counts)

    # ---- project state (kept by the document) -------------------------------------------------
    project = property(lambda self: self.document.project)
    path = property(lambda self: self.document.path)
    from_sample = property(lambda self: self.document.from_sample)
    session = property(lambda self: self.document.session)
    autosave_timer = property(lambda self: self.document.autosave_timer)

    @property
    def dirty(self) -> bool:
        return self.document.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self.document.dirty = value

    @property
    def autosave_pending(self) -> bool:
        return self.document.autosave_pending

    @autosave_pending.setter
    def autosave_pending(self, value: bool) -> None:
        self.document.autosave_pending = value

    @property
    def profile(self) -> CampaignProfile:
        try:
            return load_campaign(self.project.campaign)
        except UnknownCampaign:
            return load_campaign(latest_year())

    def base_dir(self) -> Path | None:
        if self.path is not None:
            return self.path.parent
        return SAMPLE_DIR if self.from_sample else None

    def set_project(self, project: Project, path: Path | None, *, from_sample: bool = False,
                    dirty: bool = False) -> None:
        self.document.reset(project, path, from_sample=from_sample, dirty=dirty)
        self.live_check.forget()
        self.touched.clear()
        self.reveal_all = False
        if self.self_check_dialog is not None:   # it shows an achievement of the old project
            self.self_check_dialog.close()
            self.self_check_dialog.deleteLater()
            self.self_check_dialog = None
        self.rebuild_tree(select=("welcome",) if path is None and not dirty else ("declarant",))
        self.recheck()
        self._update_title()

    def mark_changed(self) -> None:
        """A page says the project changed; a change that made no undo step still counts as unsaved."""
        if not self.document.take_recorded():
            self.document.note_unrecorded_change()
        self._document_changed()

    def _document_changed(self) -> None:
        self.recheck_timer.start()
        self._refresh_item_labels()
        self._update_title()

    def _update_title(self) -> None:
        name = self.path.name if self.path else ("示例项目（未保存）" if self.from_sample else "未命名项目")
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")
        self.setWindowModified(self.dirty)

    # ---- tree and pages -----------------------------------------------------------------------
    def rebuild_tree(self, select: tuple | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()

        def node(parent, text: str, key: tuple) -> QTreeWidgetItem:
            item = QTreeWidgetItem([text])
            item.setData(0, ROLE, key)
            (parent.addChild(item) if isinstance(parent, QTreeWidgetItem) else self.tree.addTopLevelItem(item))
            return item

        node(None, "开始", ("welcome",))
        node(None, "申报单位", ("declarant",))
        groups = node(None, f"小组成果（附件2、8）：{len(self.project.group_achievements)}项", ("groups",))
        for i, a in enumerate(self.project.group_achievements):
            node(groups, self._item_label(i, a), ("group", i))
        teams = node(None, f"班组成果（附件3、9）：{len(self.project.team_achievements)}项", ("teams",))
        for i, a in enumerate(self.project.team_achievements):
            node(teams, self._item_label(i, a), ("team", i))
        node(None, "活动统计表（附件6）", ("statistics",))
        node(None, f"评委推荐（附件7）：{len(self.project.reviewers)}人", ("reviewers",))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        target = self._find_item(select or ("welcome",)) or self.tree.topLevelItem(0)
        self.tree.setCurrentItem(target)
        self._show_item(target)

    @staticmethod
    def _item_label(index: int, a: GroupAchievement | TeamAchievement) -> str:
        return f"{index + 1:02d} {a.title.strip() or '（未填写成果名称）'}"

    def _refresh_item_labels(self) -> None:
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            for row in range(parent.childCount()):
                item = parent.child(row)
                kind, index = item.data(0, ROLE)
                items = self.project.group_achievements if kind == "group" else self.project.team_achievements
                if index < len(items):
                    item.setText(0, self._item_label(index, items[index]))

    def _find_item(self, key: tuple) -> QTreeWidgetItem | None:
        def walk(item: QTreeWidgetItem) -> QTreeWidgetItem | None:
            if item.data(0, ROLE) == key:
                return item
            for row in range(item.childCount()):
                found = walk(item.child(row))
                if found:
                    return found
            return None
        for top in range(self.tree.topLevelItemCount()):
            found = walk(self.tree.topLevelItem(top))
            if found:
                return found
        return None

    def current_key(self) -> tuple:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item else ("welcome",)

    def _show_item(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, ROLE) if item else ("welcome",)
        if self.page is not None:
            hand_over_open_editors(self.page)   # a cell being typed in keeps its text
        page = self._make_page(key)
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        self.page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        if isinstance(page, FormPage):
            page.apply_findings(self.findings)
        selected_achievement = key[0] in ("group", "team")
        for name in ("duplicate", "delete", "up", "down"):
            self.tree_buttons[name].setEnabled(selected_achievement)
        self.act_preview.setEnabled(key[0] in ("group", "team", "statistics", "reviewers"))
        self.act_self_check.setEnabled(selected_achievement)

    def _make_page(self, key: tuple) -> QWidget:
        context = PageContext(self.project, self.profile, self.base_dir, lambda: self.path, self.save,
                              record=self.document.record)
        kind = key[0]
        if kind == "declarant":
            page: QWidget = DeclarantPage(context)
        elif kind == "group":
            page = GroupAchievementPage(context, key[1])
        elif kind == "team":
            page = TeamAchievementPage(context, key[1])
        elif kind == "statistics":
            page = StatisticsPage(context)
            page.rebuild.connect(lambda: self.rebuild_tree(("statistics",)))
        elif kind == "reviewers":
            page = ReviewersPage(context)
            page.rebuild.connect(lambda: self.rebuild_tree(("reviewers",)))
        elif kind in ("groups", "teams"):
            page = self._list_page(kind)
        else:
            page = WelcomePage(self.profile, self.settings.recent_files)
            page.new_requested.connect(self.new_project)
            page.sample_requested.connect(self.open_sample)
            page.open_requested.connect(self.open_dialog)
            page.recent_requested.connect(lambda p: self.open_path(Path(p)))
        if isinstance(page, FormPage):
            page.changed.connect(self.mark_changed)
        return page

    def _list_page(self, kind: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        noun = "小组成果" if kind == "groups" else "班组成果"
        count = len(self.project.group_achievements if kind == "groups" else self.project.team_achievements)
        text = QLabel(f"共 {count} 项{noun}。在左侧选择一项进行编辑，或用下方的“+{noun[:2]}”新增。")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)
        return page

    # ---- achievements -------------------------------------------------------------------------
    def _list_of(self, kind: str) -> list:
        return self.project.group_achievements if kind == "group" else self.project.team_achievements

    def add_achievement(self, kind: str) -> None:
        d = self.project.declarant
        # 申报单位 data typed once is offered to every new achievement.
        prefill = {"enterprise": d.name, "address": d.address, "postcode": d.postcode}
        item = GroupAchievement(**prefill) if kind == "group" else TeamAchievement(**prefill)
        items = [*self._list_of(kind), item]
        noun = "小组成果" if kind == "group" else "班组成果"
        self._change_list(kind, items, f"新增{noun}", (kind, len(items) - 1))

    def duplicate_achievement(self) -> None:
        key = self.current_key()
        if key[0] not in ("group", "team"):
            return
        items = list(self._list_of(key[0]))
        copy = items[key[1]].model_copy(deep=True)
        copy.title = f"{copy.title}（副本）"
        items.insert(key[1] + 1, copy)
        self._change_list(key[0], items, f"复制成果“{_short(items[key[1]].title)}”", (key[0], key[1] + 1))

    def delete_achievement(self) -> None:
        key = self.current_key()
        if key[0] not in ("group", "team"):
            return
        items = self._list_of(key[0])
        title = items[key[1]].title or "（未填写成果名称）"
        answer = QMessageBox.question(self, "删除成果", f"确定删除“{title}”及其成果报告书吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        items = [a for i, a in enumerate(items) if i != key[1]]
        self._change_list(key[0], items, f"删除成果“{_short(title)}”",
                          (key[0], min(key[1], len(items) - 1)) if items else (key[0] + "s",))

    def move_achievement(self, step: int) -> None:
        key = self.current_key()
        if key[0] not in ("group", "team"):
            return
        items = list(self._list_of(key[0]))
        target = key[1] + step
        if not 0 <= target < len(items):
            return
        items[key[1]], items[target] = items[target], items[key[1]]
        self._change_list(key[0], items, "上移成果" if step < 0 else "下移成果", (key[0], target))

    def _change_list(self, kind: str, items: list, label: str, select: tuple) -> None:
        """The achievements of ``kind`` become ``items``: one undo step, then ``select`` is shown."""
        self.document.replace((f"{kind}_achievements",), items, label, select=select,
                              select_undo=self.current_key())
        self.rebuild_tree(select)

    def replace_project(self, project: Project, label: str, select: tuple) -> None:
        """Put a changed copy of the whole project in place (an import, a merge) as one undo step."""
        self.document.replace((), project, label, select=select, select_undo=self.current_key())
        self.recheck()
        self.rebuild_tree(select)

    def show_restored(self, select: tuple, focus: tuple) -> None:
        """After undo or redo: show the page of the change, refreshed from the project, at the field
        (the same page keeps its tab, step and scroll position)."""
        self.recheck()
        same = select == self.current_key() and isinstance(self.page, FormPage)
        view = self.page.view_state() if same else None
        self.rebuild_tree(select)
        if view is not None and isinstance(self.page, FormPage):
            self.page.restore_view_state(view)
        if focus and isinstance(self.page, FormPage):
            self.page.focus_path(focus)

    # ---- checks -------------------------------------------------------------------------------
    def recheck(self) -> None:
        self.findings = self.live_check.check(self.project, self.base_dir())
        self._show_findings()

    def _documents_checked(self) -> None:
        self.findings = self.live_check.findings
        self._show_findings()

    def _show_findings(self) -> None:
        self.problems.show_findings(self.findings)
        errors = sum(f.is_error for f in self.findings)
        self.counts.setText(f"错误 {errors} · 警告 {len(self.findings) - errors}")
        if isinstance(self.page, FormPage):
            self.page.apply_findings(self.findings)
        if self.self_check_dialog is not None and self.self_check_dialog.isVisible():
            self.self_check_dialog.show_findings(self.findings)

    def reveal_all_checks(self) -> None:
        """全部检查: from now on every field shows its messages; the problems panel lists them all."""
        self.reveal_all = True
        self.recheck()
        if isinstance(self.page, FormPage):
            self.page.reveal_all()
        self.problems_dock.show()
        self.problems_dock.raise_()
        errors = sum(f.is_error for f in self.findings)
        self.statusBar().showMessage(f"全部检查：错误 {errors} 处，警告 {len(self.findings) - errors} 处。", 8000)

    def open_self_check(self) -> None:
        """方法自查 of the selected achievement, in a window that stays open beside the form."""
        from ui.self_check import SelfCheckDialog
        key = self.current_key()
        if key[0] not in ("group", "team"):
            return
        if self.self_check_dialog is not None:
            self.self_check_dialog.close()
            self.self_check_dialog.deleteLater()
        self.recheck()
        dialog = SelfCheckDialog(self.project, key[0], key[1], self.findings, self)
        dialog.activated_finding.connect(self.go_to_finding)
        dialog.show()
        self.self_check_dialog = dialog

    def go_to_finding(self, finding: Finding) -> None:
        path = finding.path
        top = path[0] if path else "declarant"
        key = {"group_achievements": "group", "team_achievements": "team"}.get(str(top))
        if key and len(path) > 1 and isinstance(path[1], int):
            target: tuple = (key, path[1])
        elif key:
            target = (key + "s",)
        else:
            target = (str(top),)
        item = self._find_item(target)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        if isinstance(self.page, FormPage):
            self.page.focus_path(path)

    # ---- files --------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to go on."""
        if self.page is not None:
            hand_over_open_editors(self.page, close=False)
        if not self.dirty:
            return True
        answer = ask_unsaved(self, APP_TITLE, "当前项目有未保存的修改，是否保存？")
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _forget_draft(self) -> None:
        self.document.forget_draft()

    def new_project(self) -> None:
        if self.confirm_discard():
            self._forget_draft()
            self.set_project(Project(campaign=latest_year()), None)
            self.tree.setCurrentItem(self._find_item(("declarant",)))

    def open_sample(self) -> None:
        if self.confirm_discard():
            self._forget_draft()
            self.set_project(load_sample(), None, from_sample=True)

    def open_dialog(self) -> None:
        start = str(self.path.parent if self.path else Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "打开项目", start, f"项目文件 (*{EXTENSION});;所有文件 (*)")
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        if not self.confirm_discard():
            return False
        try:
            project = load_project(path)
        except ProjectFileError as exc:
            if exc.repairable:
                return offer_repair(self, path, exc)
            QMessageBox.warning(self, "无法打开项目", str(exc))
            return False
        self.opened(project, path)
        return True

    def opened(self, project: Project, path: Path, *, dirty: bool = False) -> None:
        """Show ``project`` read from ``path``: the draft forgotten, the file among the recent ones."""
        self._forget_draft()
        self.set_project(project, path.absolute(), dirty=dirty)
        self.settings.add_recent(path)
        save_settings(self.settings)
        self._refresh_recent()
        self.statusBar().showMessage(f"已打开 {path}", 5000)
        self.collect_actions.offer_gather()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        start = str((self.path.parent if self.path else Path.home()) / (self.path.name if self.path else "申报项目.qcproj"))
        chosen, _ = QFileDialog.getSaveFileName(self, "另存为", start, f"项目文件 (*{EXTENSION})")
        if not chosen:
            return False
        target = Path(chosen)
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        return self._save_to(target)

    def _save_to(self, target: Path) -> bool:
        if self.page is not None:
            hand_over_open_editors(self.page, close=False)   # the cell being typed in is saved too
        moved = None
        try:
            # Saved into another folder (or for the first time), the project's files travel with it.
            project, moved = relocated(self.project, self.base_dir(), target, first_save=self.path is None)
            save_project(project, target)
        except Exception as exc:   # every failure: the window keeps the work and says why
            log.warning("saving %s failed", target, exc_info=True)
            if moved is not None:
                moved.remove_created()
            if isinstance(exc, ProjectFileError):
                why = str(exc)
            elif isinstance(exc, OSError):
                why = os_error_message(exc, "保存", target.name)
            else:
                why = f"保存时发生意外错误，原来的文件保持不变。详细信息已记录在日志文件：{log_file()}"
            self.autosave_pending = True
            self.autosave_now()
            QMessageBox.warning(self, "保存失败", f"{why}\n\n您填写的内容仍在窗口中，也已自动保存草稿。")
            return False
        old_path, old_base = self.path, self.base_dir()
        self.document.mark_saved(target.absolute())
        try:   # the file is saved; what follows is bookkeeping that must not turn it into a failure
            autosave.discard_draft(old_path, self.session)
            apply_changes(self.project, moved.changes)
            if moved.changes and isinstance(self.page, FormPage):
                self.page.reload()
            self.settings.add_recent(target)
            save_settings(self.settings)
            self._refresh_recent()
            self._update_title()
            self.saved_label.setText(f"已保存 {target.name}")
            if old_base != self.base_dir():
                self.recheck()
        except Exception:
            log.exception("after saving %s", target)
        return True

    def autosave_now(self) -> None:
        self.document.autosave_now()

    def offer_recovery(self) -> None:
        drafts = autosave.pending_drafts()
        if not drafts:
            return
        draft = drafts[0]
        where = str(draft.original) if draft.original else "未保存的项目"
        answer = QMessageBox.question(
            self, "恢复草稿",
            f"质量成果申报助手上次没有正常关闭。发现 {draft.saved_at:%Y-%m-%d %H:%M} 自动保存的草稿（{where}）。\n\n"
            "是否恢复这份草稿？选择“否”将丢弃它。")
        if answer == QMessageBox.StandardButton.Yes:
            project = autosave.recover(draft)
            if project is None:
                QMessageBox.warning(self, "恢复草稿", "这份草稿已损坏，无法恢复。")
            else:
                self.set_project(project, draft.original, dirty=True)
                self.statusBar().showMessage("已恢复草稿，请检查后保存。", 8000)
        for old in drafts:
            old.path.unlink(missing_ok=True)
        if self.dirty:
            self.autosave_pending = True
            self.autosave_now()

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    # ---- export and preview -------------------------------------------------------------------
    def export(self) -> None:
        from ui.export_dialog import ExportDialog
        self.recheck()
        stem = self.path.stem if self.path else "申报包"
        parent = Path(self.settings.last_export_dir) if self.settings.last_export_dir else \
            (self.path.parent if self.path else Path.home())
        dialog = ExportDialog(self.project, self.base_dir(), parent / f"{stem}_申报包", self)
        dialog.exec()
        if dialog.result is not None:
            self.settings.last_export_dir = str(dialog.result.folder.parent)
            save_settings(self.settings)

    def preview(self) -> None:
        from ui.preview import PreviewDialog, is_draft
        key = self.current_key()
        profile = self.profile
        self.recheck()
        draft = is_draft(self.findings, key)   # 草稿 only while this form still has an error
        on_report = isinstance(self.page, FormPage) and self.page.tabs is not None and \
            self.page.tabs.currentIndex() > 0 and key[0] in ("group", "team")
        builders = {
            "group": (group_report if on_report else group_form, "附件8 成果报告书" if on_report else "附件2 申报表"),
            "team": (team_report if on_report else team_form, "附件9 成果报告书" if on_report else "附件3 申报表"),
        }
        if key[0] in builders:
            module, title = builders[key[0]]
            extra = {"base_dir": self.base_dir()} if on_report else {}
            build = lambda: module.build(self.project, key[1], profile, draft=draft, **extra)  # noqa: E731
        elif key[0] == "statistics":
            title, build = "附件6 活动统计表", lambda: statistics_form.build(self.project, profile, draft=draft)
        elif key[0] == "reviewers":
            title, build = "附件7 评委推荐表", lambda: reviewers_form.build(self.project, profile, draft=draft)
        else:
            return
        PreviewDialog(title, build, self).exec()

    def show_guide(self) -> None:
        from ui.help import show_guide
        show_guide(self)

    def about(self) -> None:
        from ui.about import show_about
        show_about(self)

    # ---- window events ------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        # Docks can be sized only once shown: keep the form large, the findings list compact.
        # On a low screen (1024×600 laptops) a quarter would leave the form a few fields.
        screen = self.screen().availableGeometry().height() if self.screen() else self.height()
        height = min(self.height(), screen)
        share = 4 if height >= 760 else 6
        self.resizeDocks([self.problems_dock], [max(96, height // share)], Qt.Orientation.Vertical)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if any(url.toLocalFile().lower().endswith(EXTENSION) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(EXTENSION):
                self.open_path(Path(url.toLocalFile()))
                break

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if not self.confirm_discard():
            event.ignore()
            return
        self.autosave_timer.stop()   # a closed window must not write a draft afterwards
        self._forget_draft()
        remember(self, self.settings)
        save_settings(self.settings)
        event.accept()


def _short(title: str, limit: int = 16) -> str:
    """An achievement's title as an undo step names it."""
    title = " ".join(title.split()) or "（未填写成果名称）"
    return title if len(title) <= limit else title[:limit] + "…"
