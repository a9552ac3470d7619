"""Starts the desktop window. PySide6 is imported only here, so the CLI runs without Qt."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from app.logs import log_file, setup_logging

log = logging.getLogger(__name__)


def run_gui(file: str | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.settings import load_settings
    import resources
    from ui import errors
    from ui.chinese import install_chinese
    from ui.geometry import show_window
    from ui.main_window import MainWindow
    from ui.wheel_guard import install_wheel_guard

    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("qcdesk")
    app.setApplicationDisplayName("质量成果申报助手")
    install_chinese(app)
    install_wheel_guard(app)
    icon = Path(resources.__file__).parent / "icons" / "qcdesk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    settings = load_settings()
    window = MainWindow(settings)
    errors.install(log_file(), before_dialog=lambda: (setattr(window, "autosave_pending", True),
                                                     window.autosave_now()))
    opened = False
    if file:
        opened = window.open_path(Path(file))
    elif settings.last_file is not None:
        opened = window.open_path(settings.last_file)
    if not opened:
        window.open_sample()   # a first start shows the built-in sample behind the welcome page
        window.tree.setCurrentItem(window._find_item(("welcome",)))
    show_window(window, settings)
    QTimer.singleShot(0, window.offer_recovery)
    log.info("window shown: %s", window.windowTitle().replace("[*]", ""))
    return app.exec()
