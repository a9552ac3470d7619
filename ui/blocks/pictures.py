"""Pictures of a report live beside the project file, in ``<项目文件名>_附件/图片/``, and the
project stores their paths relative to the project file's folder, so the folder moves whole.

``copy_into_project`` is the one place that copies a file there; it mirrors the attachment copier
(``<项目文件名>_附件/``) and can be replaced by it.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.blocks.base import BlockContext

PICTURES = "图片"
KEPT_AS_IS = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}   # what Word and PDF take directly; others become PNG


class PictureError(OSError):
    """A picture could not be read or copied; the message is Chinese."""


def attachments_folder(project_file: Path) -> Path:
    return project_file.parent / f"{project_file.stem}_附件"


def pictures_folder(project_file: Path) -> Path:
    return attachments_folder(project_file) / PICTURES


def is_picture(path: str | Path) -> bool:
    suffix = Path(path).suffix.lower().lstrip(".")
    return bool(suffix) and suffix.encode() in {bytes(f) for f in QImageReader.supportedImageFormats()}


def _unique(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}_{number}{suffix}"
        number += 1
    return candidate


def _relative(path: Path, project_file: Path) -> str:
    return Path(os.path.relpath(path, project_file.parent)).as_posix()


def _inside(path: Path, folder: Path) -> bool:
    try:
        relative = os.path.relpath(path.resolve(), folder.resolve())
    except (OSError, ValueError):     # another drive on Windows
        return False
    return not relative.startswith("..") and not os.path.isabs(relative)


def copy_into_project(source: Path, project_file: Path, subfolder: str = PICTURES) -> str:
    """The picture as the project stores it: a path relative to the project file's folder.

    A file already in the project's folder is referenced where it is; any other is copied into
    ``<项目文件名>_附件/图片/`` (the same file is not copied twice; another of the same name gets a
    number). Pictures Word does not take as they are (WebP, TIFF…) are stored as PNG.
    """
    folder = attachments_folder(project_file) / subfolder
    source = Path(source)
    if source.suffix.lower() in KEPT_AS_IS and _inside(source, project_file.parent):
        return _relative(source.resolve(), project_file.resolve())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if source.suffix.lower() not in KEPT_AS_IS:
            image = QImage(str(source))
            if image.isNull():
                raise PictureError(f"无法读取图片“{source.name}”，请另存为 PNG 或 JPG 后再试。")
            return save_image(image, project_file, source.stem, subfolder)
        target = folder / source.name
        if target.exists() and filecmp.cmp(source, target, shallow=False):
            return _relative(target, project_file)
        target = _unique(folder, source.stem, source.suffix.lower())
        shutil.copy2(source, target)
    except PictureError:
        raise
    except OSError as exc:
        raise PictureError(f"无法把“{source.name}”复制到“{folder}”：{exc.strerror or exc}") from None
    return _relative(target, project_file)


def save_image(image: QImage, project_file: Path, stem: str | None = None, subfolder: str = PICTURES) -> str:
    """Save a picture (pasted from the clipboard) as PNG with a readable, unique name."""
    folder = attachments_folder(project_file) / subfolder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PictureError(f"无法创建文件夹“{folder}”：{exc.strerror or exc}") from None
    stem = stem or f"粘贴图片_{dt.datetime.now():%Y%m%d_%H%M%S}"
    target = _unique(folder, stem, ".png")
    if not image.save(str(target), "PNG"):
        raise PictureError(f"无法保存图片到“{target}”，请检查磁盘空间和写入权限。")
    return _relative(target, project_file)


def project_file_for_pictures(parent: QWidget, context: BlockContext) -> Path | None:
    """The project file, asking the user to save the project first if it has never been saved."""
    path = context.project_file()
    if path is not None:
        return path
    answer = QMessageBox.question(
        parent, "先保存项目",
        "插入的图片要复制到项目文件旁边的“项目名_附件/图片/”文件夹中，所以需要先保存项目。\n\n现在保存项目吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes or not context.save():
        return None
    return context.project_file()
