"""Report pictures (image blocks): the file must exist and should lie in the project's folder.

Attachments and evidence are checked with their forms (``common.paths_exist``); pictures sit deep
in the report, so they are found through ``forms.attachments.file_refs`` like every other file.
"""
from __future__ import annotations

from os import PathLike

from forms.attachments import file_refs
from forms.project import Project
from forms.rules import common
from forms.rules.findings import Reporter


def check_image_files(r: Reporter, project: Project, base_dir: str | PathLike[str] | None) -> None:
    for ref in file_refs(project):
        if ref.kind == "image":
            common.file_exists(r, ref.path, ref.name, base_dir, ref.what)
