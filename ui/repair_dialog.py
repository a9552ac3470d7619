"""打开时修复: a project file with values that do not fit their fields opens with them cleared,
after the user has seen each one and the original file has been copied beside it."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from forms.os_errors import os_error_message
from forms.project_file import ProjectFileError
from forms.project_repair import keep_original, original_copy, repair_project_file

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

SHOWN = 5   # lines in the message itself; all of them under 显示详细信息


def repair_question(path: Path, cleared: list[str]) -> str:
    lines = "\n".join(f"• {line}" for line in cleared[:SHOWN])
    more = f"\n……另有 {len(cleared) - SHOWN} 处（见“显示详细信息”）" if len(cleared) > SHOWN else ""
    return (f"“{path.name}”中有 {len(cleared)} 处内容不符合格式，不能直接打开：\n\n{lines}{more}\n\n"
            f"可以清空这些内容后打开，再到对应字段重新填写。"
            f"打开前会把原文件另存为“{original_copy(path).name}”，原样保留。")


def offer_repair(window: MainWindow, path: Path, refusal: ProjectFileError) -> bool:
    """Ask to open ``path`` with its unfitting values cleared; True when it was opened."""
    try:
        repaired = repair_project_file(path)
    except ProjectFileError:
        QMessageBox.warning(window, "无法打开项目", str(refusal))
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, "项目文件中有不符合格式的内容",
                      repair_question(path, repaired.cleared), parent=window)
    box.setDetailedText("\n".join(repaired.cleared))
    open_button = box.addButton("清空后打开", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("不打开", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is not open_button:
        return False
    try:
        kept = keep_original(path)
    except OSError as exc:
        log.warning("cannot keep a copy of %s", path, exc_info=True)
        QMessageBox.warning(window, "无法打开项目",
                            f"{os_error_message(exc, '复制原文件', path.name)}\n\n为免原文件的内容丢失，未打开。")
        return False
    window.opened(repaired.project, path, dirty=True)
    window.statusBar().showMessage(f"已清空 {len(repaired.cleared)} 处不符合格式的内容；原文件保留为 {kept.name}", 10000)
    return True
