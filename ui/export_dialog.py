"""导出申报包: folder, final or draft, zip or not; runs off the UI thread with progress and cancel."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from exporters.bundle import ExportCancelled, ExportFailed, ExportRefused, ExportResult, export_bundle
from exporters.checks import check_all
from forms.project import Project
from forms.rules import CATEGORIES, Finding
from ui.live_check import layout_lock

log = logging.getLogger(__name__)


class ExportWorker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, project: Project, out: Path, base_dir: Path | None, draft: bool, make_zip: bool) -> None:
        super().__init__()
        self.project = project.model_copy(deep=True)   # the user may keep typing meanwhile
        self.out, self.base_dir, self.draft, self.make_zip = out, base_dir, draft, make_zip
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            with layout_lock:
                result = export_bundle(self.project, self.out, base_dir=self.base_dir, draft=self.draft,
                                       make_zip=self.make_zip, progress=self.progressed.emit,
                                       cancelled=lambda: self._cancel)
        except ExportRefused as refused:
            count = sum(f.is_error for f in refused.findings)
            self.failed.emit(f"项目有 {count} 个错误，不能正式导出。请先改正，或选择“草稿”导出。")
        except ExportFailed as exc:
            self.failed.emit(f"导出失败，什么也没有写入：{exc}")
        except ExportCancelled:
            self.failed.emit("已取消导出，什么也没有写入。")
        except Exception:
            log.exception("export failed")
            self.failed.emit("导出时发生了意外错误，什么也没有写入。详细信息已记录在日志文件中。")
        else:
            self.succeeded.emit(result)


class ExportDialog(QDialog):
    def __init__(self, project: Project, base_dir: Path | None, default_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出申报包")
        self.setMinimumWidth(620)
        self.project, self.base_dir = project, base_dir
        self.worker: ExportWorker | None = None
        self.result: ExportResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导出到文件夹："))
        row = QHBoxLayout()
        self.folder = QLineEdit(str(default_folder))
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.final = QRadioButton("正式申报包（须没有错误）")
        self.draft = QRadioButton("草稿（有错误也导出，每页标注“草稿”）")
        group = QButtonGroup(self)
        group.addButton(self.final)
        group.addButton(self.draft)
        layout.addWidget(self.final)
        layout.addWidget(self.draft)
        self.zip = QCheckBox("同时生成 zip 压缩包")
        self.zip.setChecked(True)
        layout.addWidget(self.zip)
        self.blockers_label = QLabel()
        self.blockers_label.setStyleSheet("color: #b00020;")
        self.blockers = QListWidget()
        self.blockers.setMaximumHeight(150)
        self.blockers.setWordWrap(True)   # an error is one sentence: show it whole, no sideways scrolling
        self.blockers.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.blockers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.blockers_label)
        layout.addWidget(self.blockers)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.start = QPushButton("导出")
        self.start.setDefault(True)
        self.start.clicked.connect(self.begin)
        self.open_folder = QPushButton("打开文件夹")
        self.open_folder.setEnabled(False)
        self.open_folder.clicked.connect(self._open_folder)
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self._cancel_or_close)
        buttons.addStretch(1)
        for button in (self.start, self.open_folder, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        with layout_lock:   # the window's live page fit shares the layout caches: one at a time
            findings = check_all(project, base_dir=base_dir)
        self.errors = [f for f in findings if f.is_error]
        self.warnings = [f for f in findings if not f.is_error]
        (self.draft if self.errors else self.final).setChecked(True)
        self.final.toggled.connect(self._show_blockers)
        self._show_blockers()

    def _show_blockers(self) -> None:
        blocking = self.final.isChecked() and bool(self.errors)
        self.blockers.clear()
        self.blockers_label.setVisible(bool(self.errors))
        self.blockers.setVisible(bool(self.errors))
        if self.errors:
            self.blockers_label.setText(
                f"项目还有 {len(self.errors)} 个错误，" + ("不能正式导出：" if blocking else "草稿将照常导出："))
            for f in self.errors:
                self.blockers.addItem(f"{f.form} {f.achievement or ''} {f.message}".strip())
        self.start.setEnabled(not blocking)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择导出位置", str(Path(self.folder.text()).parent))
        if chosen:
            self.folder.setText(str(Path(chosen) / Path(self.folder.text()).name))

    def begin(self) -> None:
        out = Path(self.folder.text().strip())
        if not self.folder.text().strip():
            self.status.setText("请先选择导出文件夹。")
            return
        if self.final.isChecked() and self.warnings and not self.confirm_warnings():
            self.status.setText("已返回，请修改后再导出。")
            return
        self.start.setEnabled(False)
        self.open_folder.setEnabled(False)
        self.close_button.setText("取消")
        self.status.setText("正在导出…")
        self.worker = ExportWorker(self.project, out, self.base_dir, self.draft.isChecked(), self.zip.isChecked())
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.start()

    def confirm_warnings(self) -> bool:
        """A final export with warnings goes on only when the user has seen them and says so."""
        return WarningsConfirm(self.warnings, self).exec() == QDialog.DialogCode.Accepted

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(f"正在写入：{what}")

    def _succeeded(self, result: ExportResult) -> None:
        self.result = result
        kind = "草稿" if result.draft else "申报包"
        extra = f"\n压缩包：{result.zip_path}" if result.zip_path else ""
        extra += "".join(f"\n{note}" for note in result.notes)   # went beside, files kept
        self.status.setText(f"已导出{kind}：{result.folder}（{len(result.files)} 个文件）{extra}")
        self.progress.setValue(self.progress.maximum())
        self._finished()
        self.open_folder.setEnabled(True)
        self.adjustSize()   # a wrapped label does not grow the dialog by itself

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.progress.setValue(0)
        self._finished()
        self.adjustSize()

    def _finished(self) -> None:
        self.close_button.setText("关闭")
        self._show_blockers()
        if self.worker is not None:
            # The result arrives while run() is returning: the thread must end before its QThread is
            # freed, or Qt aborts the program ("QThread: Destroyed while thread is still running").
            self.worker.wait()
        self.worker = None

    def _cancel_or_close(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("正在取消…")
        else:
            self.accept()

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait(10_000)
        super().closeEvent(event)


class WarningsConfirm(QDialog):
    """The warnings of a final export, listed by kind; 继续导出 or 返回修改."""

    def __init__(self, warnings: list[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认警告")
        self.setMinimumSize(640, 360)
        layout = QVBoxLayout(self)
        label = QLabel(f"项目还有 {len(warnings)} 个警告。警告不妨碍正式导出，但评审时可能扣分。"
                       "请逐条确认后再导出：")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setWordWrap(True)   # a warning is one sentence: show it whole
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for category in CATEGORIES:
            for f in (w for w in warnings if w.category == category):
                self.list.addItem(f"【{category}】{f.form} {f.achievement or ''} {f.message}".replace("  ", " "))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.go_on = buttons.addButton("已确认，继续导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.back = buttons.addButton("返回修改", QDialogButtonBox.ButtonRole.RejectRole)
        self.back.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
