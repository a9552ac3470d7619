"""Qt's own texts in Chinese: standard buttons, context menus, file dialogs and the calendar.

PySide6 ships Qt's zh_CN translations; loading them makes QMessageBox say 保存/放弃/取消 instead of
Save/Discard/Cancel. The default locale is set to zh_CN so dates and the calendar read in Chinese
whatever the system's locale (a C locale on a bare Linux box would give English month names).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")
# Texts Qt's zh_CN catalogue leaves in English (the non-native file dialog's labels under Linux).
_MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Date Modified"): "修改日期",
}


class _Supplement(QTranslator):
    """The few texts missing from Qt's catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: D102
                  n: int = -1) -> str | None:
        return _MISSING.get((context, source))   # None: not ours, ask the next catalogue

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return False


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Load Qt's Chinese catalogues into ``app``; returns the translators (kept alive by ``app``)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[QTranslator] = []
    for name in _CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
            break   # qt_zh_CN is a meta-catalogue of qtbase_zh_CN: one is enough
        log.warning("Qt translation %s not found in %s", name, folder)
    supplement = _Supplement(app)
    app.installTranslator(supplement)
    loaded.append(supplement)
    return loaded
