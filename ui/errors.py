"""Unexpected errors: logged with their traceback, shown to the user as one short Chinese dialog."""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("qcdesk.unexpected")


def install(log_file: Path | None, before_dialog: Callable[[], None] | None = None) -> None:
    """Route uncaught exceptions (also those raised in Qt slots) to the log and a dialog."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error", exc_info=(kind, error, tb))
        if before_dialog is not None:
            try:
                before_dialog()   # keep the user's typing safe first
            except Exception:
                log.exception("saving a draft after an error failed")
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            where = f"\n\n详细信息已记录在日志文件：\n{log_file}" if log_file else ""
            QMessageBox.critical(None, "发生了意外错误",
                                 "操作没有完成，但您填写的内容仍在，并已自动保存草稿。" + where)
        finally:
            showing = False

    sys.excepthook = hook
