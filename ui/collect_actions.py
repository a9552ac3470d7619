"""文件 menu items for collecting a unit's submission: 整理附件, 交接包, 合并项目 and the 导入 menu.

Each handler asks with Chinese dialogs, works on a copy of the open project and puts the result
into the window only when it is complete; files are copied beside the project, never moved.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from forms.attachments import GatherReport, attachments_dir, file_refs, gather, is_inside, outside_refs
from forms.campaign import available_years, load_campaign
from forms.collect import CollectRefused, collect_into, title_key
from forms.new_year import next_year_project
from forms.project import Project
from forms.project_file import ProjectFileError, load_project, save_project

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
Buttons = QMessageBox.StandardButton
PROJECT_FILTER = "项目文件 (*.qcproj)"
PACKAGE_FILTER = "交接包 (*.qcpkg)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx);;所有文件 (*)"


def relocated(project: Project, old_base: Path | None, target: Path, *,
              first_save: bool) -> tuple[Project, GatherReport]:
    """The project as saved to ``target``: saved into another folder, its files are copied along.

    A first save also copies files picked while the project had no folder (absolute names); a
    project moved by 另存为 copies only what its relative names point at.
    """
    if old_base is not None and os.path.normcase(os.path.abspath(old_base)) == \
            os.path.normcase(os.path.abspath(target.parent)):
        return project, GatherReport()
    return gather(project, old_base, target, copy_absolute=first_save)


def show_report(parent: QWidget, title: str, text: str, details: list[str] | None = None) -> None:
    """One message box with the outcome; the lines (skipped, missing …) under 显示详细信息."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, Buttons.Ok, parent)
    if details:
        box.setDetailedText("\n".join(details))
    box.exec()


class CollectActions(QObject):
    """The collecting menu items of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.act_gather = self._action("整理附件…", self.gather_files)
        self.act_handover = self._action("导出为交接包…", self.export_handover)
        self.act_merge = self._action("合并项目…", self.merge_projects)
        self.act_import_handover = self._action("导入交接包…", self.import_handover)
        self.act_import_roster = self._action("从 Excel 导入成员名单…", self.import_roster)
        self.act_import_summary = self._action("从汇总表导入成果（附件4/5）…", self.import_summary)
        self.act_new_year = self._action("从上年项目新建…", self.new_from_last_year)

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: self._guarded(slot))
        return action

    def _guarded(self, slot) -> None:
        try:
            slot()
        except Exception:   # no traceback reaches the user; the project in the window is untouched
            log.exception("collect action failed")
            QMessageBox.warning(self.window, "操作未完成", "发生了意外错误，操作未完成，项目没有改动。详细信息已记录在日志文件中。")

    # ---- helpers ------------------------------------------------------------------------------
    def _saved_path(self, why: str) -> Path | None:
        """The project's file, saving it first (after asking) when it has none yet."""
        w = self.window
        if w.path is None:
            answer = QMessageBox.question(w, "需要先保存项目", f"{why}需要先保存项目，文件会复制到项目文件旁的文件夹中。现在保存吗？",
                                          Buttons.Yes | Buttons.Cancel, Buttons.Yes)
            if answer != Buttons.Yes or not w.save():
                return None
        return w.path

    def _start_dir(self) -> str:
        return str(self.window.path.parent if self.window.path else Path.home())

    def _show(self, project: Project, select: tuple, label: str = "导入") -> None:
        """Put a changed copy of the project into the window, unsaved, and show ``select``."""
        self.window.replace_project(project, label, select)

    # ---- 整理附件 -------------------------------------------------------------------------------
    def gather_files(self) -> None:
        w = self.window
        path = self._saved_path("整理附件")
        if path is None:
            return
        # Count first, copy after the user agrees.
        outside = outside_refs(w.project, path.parent)
        absolute_inside = [r for r in file_refs(w.project)
                           if Path(r.name.strip()).is_absolute() and is_inside(r.name.strip(), path.parent)]
        if not outside and not absolute_inside:
            show_report(w, "整理附件", "项目的所有附件都已在项目文件夹内，无需整理。")
            return
        folder = attachments_dir(path).name
        plan = []
        if outside:
            plan.append(f"有 {len(outside)} 个文件在项目文件夹之外，将复制到“{folder}”文件夹并改为相对路径；原文件保留不动。")
        if absolute_inside:
            plan.append(f"有 {len(absolute_inside)} 个文件已在项目文件夹内，将改为相对路径。")
        answer = QMessageBox.question(w, "整理附件", "\n".join(plan) + "\n\n继续吗？", Buttons.Yes | Buttons.Cancel,
                                      Buttons.Yes)
        if answer != Buttons.Yes:
            return
        gathered, report = gather(w.project, path.parent, path)
        key = w.current_key()
        self._show(gathered, key, "整理附件")
        details = [f"{source} → {stored}" for source, stored in report.copied]
        details += [f"找不到：{ref.name}" for ref in report.missing]
        details += [f"无法复制 {source}：{why}" for source, why in report.failed]
        show_report(w, "整理附件", f"整理附件：{report.summary()}。请保存项目。", details)

    def offer_gather(self) -> None:
        """After opening: say (in the status bar, no pop-up) when files lie outside the project folder."""
        w = self.window
        if w.path is not None:
            outside = outside_refs(w.project, w.path.parent)
            if outside:
                w.statusBar().showMessage(f"此项目有 {len(outside)} 个附件在项目文件夹之外，换到别的电脑会找不到；"
                                          "可用“文件 → 整理附件”复制到项目的附件文件夹。", 15000)

    # ---- 交接包 --------------------------------------------------------------------------------
    def export_handover(self) -> None:
        from exporters.handover import PACKAGE_EXTENSION, HandoverFailed, write_handover
        from ui.achievement_chooser import AchievementChooser

        w = self.window
        if not w.project.group_achievements and not w.project.team_achievements:
            show_report(w, "导出为交接包", "项目中还没有任何成果。")
            return
        key = w.current_key()
        chosen = AchievementChooser.choose(w.project, w, checked=key if key[0] in ("group", "team") else None)
        if chosen is None:
            return
        stem = w.path.stem if w.path else "成果"
        out, _ = QFileDialog.getSaveFileName(w, "导出为交接包", str(Path(self._start_dir()) / f"{stem}_交接包{PACKAGE_EXTENSION}"),
                                             PACKAGE_FILTER)
        if not out:
            return
        try:
            result = write_handover(w.project, w.base_dir(), out, groups=chosen[0], teams=chosen[1], overwrite=True)
        except HandoverFailed as exc:
            QMessageBox.warning(w, "导出为交接包", f"交接包未写入：{exc}")
            return
        details = [f"找不到文件（未放入交接包）：{name}" for name in result.missing]
        show_report(w, "导出为交接包", f"已写入交接包 {result.path.name}：{len(result.achievements)} 项成果，"
                                       f"{result.files} 个文件。请把这个文件交给单位的质量管理部门。", details)

    def import_handover(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, "导入交接包", self._start_dir(), PACKAGE_FILTER)
        if names:
            self._collect([Path(n) for n in names], "导入交接包")

    def merge_projects(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "合并项目：选择组长的项目或交接包", self._start_dir(),
            f"项目或交接包 (*.qcproj *.qcpkg);;{PROJECT_FILTER};;{PACKAGE_FILTER}")
        if names:
            self._collect([Path(n) for n in names], "合并项目")

    def _collect(self, sources: list[Path], title: str) -> None:
        from contextlib import ExitStack

        from importers.handover import open_sources
        from importers.workbook import ImportFailed

        w = self.window
        target_file = self._saved_path(title)
        if target_file is None:
            return
        target = w.project.model_copy(deep=True)
        with ExitStack() as stack:
            try:
                opened = open_sources(stack, target, target_file, sources)
            except (ImportFailed, CollectRefused) as exc:
                QMessageBox.warning(w, title, f"未导入，项目没有改动：{exc}")
                return
            have = {title_key(a.title) for a in (*target.group_achievements, *target.team_achievements)} - {""}
            same = [a.title for _n, p, _b in opened for a in (*p.group_achievements, *p.team_achievements)
                    if title_key(a.title) in have]
            replace = False
            if same:
                answer = QMessageBox.question(
                    w, title, f"以下 {len(same)} 项成果在当前项目中已有同名成果：\n\n" + "\n".join(f"《{t}》" for t in same)
                    + "\n\n选“是”用导入的替换，选“否”跳过它们。", Buttons.Yes | Buttons.No | Buttons.Cancel, Buttons.No)
                if answer == Buttons.Cancel:
                    return
                replace = answer == Buttons.Yes
            reports = [collect_into(target, target_file, p, b, replace=replace, source_name=n) for n, p, b in opened]
        groups = sum(r.counts["group_achievements"] for r in reports)
        teams = sum(r.counts["team_achievements"] for r in reports)
        if groups or teams:
            self._show(target, ("group", len(target.group_achievements) - 1) if groups else
                       ("team", len(target.team_achievements) - 1), title)
        lines = [line for r in reports for line in r.lines()]
        show_report(w, title, f"加入 {groups} 项小组成果、{teams} 项班组成果，复制了 {sum(r.copied for r in reports)} 个文件"
                    + ("。请检查后保存项目。" if groups or teams else "；项目没有改动。"), lines)

    # ---- 导入 ----------------------------------------------------------------------------------
    def import_roster(self) -> None:
        from importers.roster import read_roster
        from importers.workbook import ImportFailed

        w = self.window
        key = w.current_key()
        if key[0] not in ("group", "team"):
            show_report(w, "导入成员名单", "请先在左侧选择要导入名单的小组成果或班组成果。")
            return
        name, _ = QFileDialog.getOpenFileName(w, "从 Excel 导入成员名单", self._start_dir(), XLSX_FILTER)
        if not name:
            return
        try:
            roster = read_roster(name, key[0])
        except ImportFailed as exc:
            QMessageBox.warning(w, "导入成员名单", str(exc))
            return
        if not roster.members:
            show_report(w, "导入成员名单", "表中没有找到成员（姓名一列是空的）。")
            return
        project = w.project.model_copy(deep=True)
        a = (project.group_achievements if key[0] == "group" else project.team_achievements)[key[1]]
        replace = True
        if a.report.members or a.main_contributors:
            answer = QMessageBox.question(
                w, "导入成员名单", f"这项成果已有 {len(a.report.members)} 名成员、{len(a.main_contributors)} 名主要完成人。\n\n"
                "选“是”用表中的名单替换，选“否”追加到后面。", Buttons.Yes | Buttons.No | Buttons.Cancel, Buttons.Yes)
            if answer == Buttons.Cancel:
                return
            replace = answer == Buttons.Yes
        a.report.members = roster.members if replace else [*a.report.members, *roster.members]
        a.main_contributors = roster.contributors if replace else [*a.main_contributors, *roster.contributors]
        if a.member_count is None:
            a.member_count = len(a.report.members)
        self._show(project, key, "导入成员名单")
        show_report(w, "导入成员名单", f"从{roster.sheet}导入 {len(roster.members)} 名成员、{len(roster.contributors)} 名主要完成人"
                    "（按表头识别各列）。请检查后保存项目。", roster.problems)

    def import_summary(self) -> None:
        from importers.summary import read_summary
        from importers.workbook import ImportFailed

        w = self.window
        name, _ = QFileDialog.getOpenFileName(w, "从汇总表导入成果（附件4/附件5）", self._start_dir(), XLSX_FILTER)
        if not name:
            return
        try:
            found = read_summary(name)
        except ImportFailed as exc:
            QMessageBox.warning(w, "导入汇总表", str(exc))
            return
        project = w.project.model_copy(deep=True)
        have = {title_key(a.title) for a in (*project.group_achievements, *project.team_achievements)}
        skipped = [f"已跳过《{a.title}》：项目中已有同名成果。" for a in (*found.groups, *found.teams)
                   if title_key(a.title) in have]
        groups = [a for a in found.groups if title_key(a.title) not in have]
        teams = [a for a in found.teams if title_key(a.title) not in have]
        project.group_achievements.extend(groups)
        project.team_achievements.extend(teams)
        if groups or teams:
            self._show(project, ("groups",) if groups else ("teams",), "导入汇总表")
        show_report(w, "导入汇总表", f"新增 {len(groups)} 项小组成果、{len(teams)} 项班组成果（企业、联系人、小组/班组名称、"
                    "成果名称等取自汇总表，其余请补填）。" + ("请检查后保存项目。" if groups or teams else ""),
                    [*found.problems, *skipped])

    def new_from_last_year(self) -> None:
        w = self.window
        if not w.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(w, "从上年项目新建：选择上年的项目", self._start_dir(), PROJECT_FILTER)
        if not name:
            return
        last_path = Path(name).absolute()
        try:
            last = load_project(last_path)
        except ProjectFileError as exc:
            QMessageBox.warning(w, "从上年项目新建", str(exc))
            return
        newer = [y for y in available_years() if y > last.campaign]
        if not newer:
            QMessageBox.warning(w, "从上年项目新建", f"“{last_path.name}”是 {last.campaign} 年度的项目，"
                                "本程序还没有更新年度的通知数据，无法新建下一年度的项目。")
            return
        year = max(newer)
        load_campaign(year)
        stem = (last.declarant.name.strip() or "申报项目")[:30]
        out, _ = QFileDialog.getSaveFileName(w, f"保存 {year} 年度的新项目", str(last_path.parent / f"{stem}_{year}.qcproj"),
                                             PROJECT_FILTER)
        if not out:
            return
        target = Path(out) if out.lower().endswith(".qcproj") else Path(out + ".qcproj")
        project, report = gather(next_year_project(last, year), last_path.parent, target.absolute())
        try:
            save_project(project, target)
        except ProjectFileError as exc:
            report.remove_created()
            QMessageBox.warning(w, "从上年项目新建", str(exc))
            return
        w.dirty = False   # the user already chose to leave the open project
        w.open_path(target)
        show_report(w, "从上年项目新建", f"已新建 {year} 年度项目 {target.name}：保留申报单位、{len(project.reviewers)} 名评委、"
                    f"{len(project.group_achievements)} 个小组和 {len(project.team_achievements)} 个班组的名称、注册编号和成员；"
                    "各成果的名称、报告书内容和结果已清空，活动统计表需重新填写。")


def install_collect_actions(window: MainWindow, menu: QMenu) -> CollectActions:
    """Add the items to the 文件 menu: 整理附件, 交接包, 合并项目, 从上年项目新建 and 导入 ▸."""
    actions = CollectActions(window)
    window.collect_actions = actions
    menu.addSeparator()
    menu.addAction(actions.act_new_year)
    for action in (actions.act_gather, actions.act_handover, actions.act_merge):
        menu.addAction(action)
    imports = menu.addMenu("导入")
    for action in (actions.act_import_handover, actions.act_import_roster, actions.act_import_summary):
        imports.addAction(action)
    return actions
