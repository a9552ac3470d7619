"""The embedded sample project: a complete, valid 2024 submission of a fictitious company."""
from __future__ import annotations

import shutil
from pathlib import Path

import resources
from forms.project import Project
from forms.project_file import ProjectFileError, load_project, save_project

SAMPLE_DIR = Path(resources.__file__).parent / "sample"
SAMPLE_FILE = SAMPLE_DIR / "sample.qcproj"
SAMPLE_ATTACHMENTS = "示例附件"


def load_sample() -> Project:
    return load_project(SAMPLE_FILE)


def write_sample(path: str | Path) -> Project:
    """Write the sample to ``path`` with its attachment files in ``示例附件/`` beside it."""
    path = Path(path)
    project = load_sample()
    target = path.parent / SAMPLE_ATTACHMENTS
    try:
        target.mkdir(parents=True, exist_ok=True)
        for source in (SAMPLE_DIR / SAMPLE_ATTACHMENTS).iterdir():
            shutil.copy2(source, target / source.name)
    except OSError as exc:
        raise ProjectFileError(f"无法写入示例附件到 {target}：{exc.strerror or exc}") from None
    save_project(project, path)
    return project
