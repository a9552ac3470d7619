"""The window opens maximised on first start and where the user left it afterwards."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QWidget

from app.settings import Settings


def show_window(window: QWidget, settings: Settings) -> None:
    """Show ``window`` with its remembered geometry, or maximised when there is none."""
    if settings.window_geometry:
        data = QByteArray.fromBase64(settings.window_geometry.encode("ascii"))
        if window.restoreGeometry(data):
            window.show()
            return
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    window.show()


def remember(window: QWidget, settings: Settings) -> None:
    """Keep the window's geometry (size, position, maximised) in the settings."""
    settings.window_geometry = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
