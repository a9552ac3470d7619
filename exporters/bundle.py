"""The submission bundle: every document of a project in one folder with ``manifest.json``.

The bundle is built in a temporary folder beside the target and moved into place at the end, so
an interrupted, refused or failed export leaves nothing behind and never touches the project.
Export never deletes or overwrites what it did not write: see :mod:`exporters.bundle_target`.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from exporters import (
    group_form, group_report, reviewers_form, statistics_form, team_form, team_report,
)
from exporters.bundle_swap import ChangedMeanwhile, put_in_place, sweep_stale
from exporters.bundle_target import BUNDLE_FORMAT, MANIFEST, NoPlace, choose_target, choose_zip, sha256_of
from exporters.docx_writer import write_docx
from exporters.filenames import NameRegistry, safe_file_name, safe_name
from exporters.layout import Document
from exporters.pdf_writer import write_pdf
from exporters.summary_xlsx import write_group_summary, write_team_summary
from forms.campaign import CampaignProfile, load_campaign
from forms.blocks import ImageBlock
from forms.locations import Path as FieldPath, describe
from forms.os_errors import os_error_message, os_reason
from forms.project import Project
from forms.report_common import Section
from forms.rules import Finding, check_project
from forms.rules.common import resolve_file

log = logging.getLogger(__name__)

__all__ = ["MANIFEST", "BUNDLE_FORMAT", "BundleFile", "ExportResult", "ExportRefused", "ExportFailed",
           "ExportCancelled", "AttachmentUnreadable", "export_bundle", "manifest_data"]

BUNDLE_VERSION = 1

Progress = Callable[[int, int, str], None]
"""progress(done, total, what is being written now)."""


class ExportRefused(Exception):
    """A final export of a project with errors: nothing was written."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"项目有 {sum(f.is_error for f in findings)} 个错误，不能正式导出")
        self.findings = findings


class ExportFailed(Exception):
    """The bundle could not be written; ``str()`` is a Chinese message. Nothing was left behind."""


class AttachmentUnreadable(ExportFailed):
    """A listed attachment could not be read; the message names the file, its form and field."""


class ExportCancelled(Exception):
    """The user cancelled; nothing was left behind."""


@dataclass
class BundleFile:
    path: str              # relative, with forward slashes
    form: str              # 附件2 … 附件9, or 附件 for copied files
    achievement: str | None
    sha256: str = ""
    bytes: int = 0


@dataclass
class ExportResult:
    folder: Path                     # where the bundle is (``requested`` or a folder beside it)
    files: list[BundleFile]
    findings: list[Finding]
    draft: bool
    zip_path: Path | None = None
    requested: Path | None = None    # the folder asked for
    kept: list[str] = field(default_factory=list)      # files already in the folder, left as they were
    notes: list[str] = field(default_factory=list)     # Chinese sentences for the user (beside, kept, zip)

    @property
    def beside(self) -> bool:
        """The export went beside the requested folder so as not to overwrite the user's files."""
        return self.requested is not None and self.folder != self.requested


@dataclass
class _Job:
    """One file of the bundle and how to write it."""

    path: str
    form: str
    achievement: str | None
    write: Callable[[Path], None]
    label: str = ""


@dataclass
class _Plan:
    jobs: list[_Job] = field(default_factory=list)
    names: NameRegistry = field(default_factory=NameRegistry)

    def document(self, folder: str, stem: str, form: str, achievement: str | None,
                 build: Callable[[], Document], *, pdf: bool = True) -> None:
        layout: list[Document] = []

        def get() -> Document:
            if not layout:
                layout.append(build())
            return layout[0]

        for ext, writer in (("docx", write_docx), ("pdf", write_pdf))[: 2 if pdf else 1]:
            path = self.names.claim(folder, f"{stem}.{ext}")
            self.jobs.append(_Job(path, form, achievement, lambda target, w=writer: w(get(), target),
                                  label=path))

    def copy(self, folder: str, source: Path, achievement: str | None, name: str, where: str) -> None:
        path = self.names.claim(folder, safe_file_name(source.name))
        self.jobs.append(_Job(path, "附件", achievement, lambda target: _copy(source, target, name, where),
                              label=path))


def _copy(source: Path, target: Path, name: str, where: str) -> None:
    """Copy an attachment; a failure to read it names the attachment, not the bundle."""
    def unreadable(exc: OSError) -> AttachmentUnreadable:
        return AttachmentUnreadable(f"无法读取附件文件“{name}”（{where}）：{os_reason(exc)}。"
                                    "请检查该文件，或重新选择它。")
    try:
        src = open(source, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise unreadable(exc) from None
    with src, open(target, "wb") as dst:
        while True:
            try:
                chunk = src.read(1 << 20)
            except OSError as exc:
                raise unreadable(exc) from None
            if not chunk:
                break
            dst.write(chunk)


def _listed_file(name: str, base_dir: Path | None) -> Path | None:
    """The attachment to copy: it must look like a file; otherwise the check has told the user."""
    source = resolve_file(name, base_dir) if name.strip() else None
    try:
        return source if source is not None and source.is_file() else None
    except (OSError, ValueError):
        return None


def _plan(project: Project, profile: CampaignProfile, base_dir: Path | None, draft: bool) -> _Plan:
    plan = _Plan()
    if project.group_achievements:
        plan.jobs.append(_Job(plan.names.claim("", "附件4_优秀成果申报汇总表（小组）.xlsx"), "附件4", None,
                              lambda t: write_group_summary(project, profile, t, draft=draft)))
    if project.team_achievements:
        plan.jobs.append(_Job(plan.names.claim("", "附件5_优秀成果申报汇总表（班组）.xlsx"), "附件5", None,
                              lambda t: write_team_summary(project, profile, t, draft=draft)))
    if project.statistics is not None:
        plan.document("", "附件6_活动统计表", "附件6", None,
                      lambda: statistics_form.build(project, profile, draft=draft))
    if project.reviewers:
        plan.document("", "附件7_评委推荐表", "附件7", None,
                      lambda: reviewers_form.build(project, profile, draft=draft))
    kinds = (
        ("小组成果", project.group_achievements, "附件2", group_form, "附件8", group_report),
        ("班组成果", project.team_achievements, "附件3", team_form, "附件9", team_report),
    )
    for top, items, form_no, form_mod, report_no, report_mod in kinds:
        for i, a in enumerate(items):
            title = a.title.strip() or f"未命名{top}"
            folder = plan.names.claim(top, f"{i + 1:02d}_{safe_name(title)}")
            short = safe_name(title, limit=30)
            plan.document(folder, f"{form_no}_申报表_{short}", form_no, title,
                          lambda m=form_mod, i=i: m.build(project, i, profile, draft=draft))
            plan.document(folder, f"{report_no}_成果报告书_{short}", report_no, title,
                          lambda m=report_mod, i=i: m.build(project, i, profile, draft=draft, base_dir=base_dir))
            key = "group_achievements" if form_no == "附件2" else "team_achievements"
            for n, name in enumerate(a.attachments):
                at: FieldPath = (key, i, "attachments", n)
                source = _listed_file(name, base_dir)
                if source is not None:
                    plan.copy(f"{folder}/附件", source, title, name, describe(project, at))
            for source, name, at in _report_pictures(key, i, a.report.sections, base_dir):
                plan.copy(f"{folder}/附件/图片", source, title, name, describe(project, at))
    for i, person in enumerate(project.reviewers):
        for n, name in enumerate(person.evidence):
            at = ("reviewers", i, "evidence", n)
            source = _listed_file(name, base_dir)
            if source is not None:
                folder = f"评委证明材料/{i + 1}_{safe_name(person.name or '评委', limit=20)}"
                plan.copy(folder, source, None, name, describe(project, at))
    return plan


def _report_pictures(key: str, index: int, sections: list[Section],
                     base_dir: Path | None) -> list[tuple[Path, str, FieldPath]]:
    """The picture files of a report's image blocks that exist, each once, in order, with their
    name as written and their place in the project (for a message naming them)."""
    found: list[tuple[Path, str, FieldPath]] = []
    seen: set[Path] = set()
    for section in sections:
        for b, block in enumerate(section.blocks):
            if isinstance(block, ImageBlock) and block.path.strip():
                source = _listed_file(block.path, base_dir)
                if source is not None and source not in seen:
                    seen.add(source)
                    at: FieldPath = (key, index, "report", "sections", section.step, "blocks", b, "path")
                    found.append((source, block.path, at))
    return found


def manifest_data(project: Project, files: list[BundleFile], findings: list[Finding],
                  draft: bool) -> dict[str, object]:
    return {
        "format": BUNDLE_FORMAT, "version": BUNDLE_VERSION, "campaign": project.campaign,
        "declarant": project.declarant.name, "draft": draft,
        "files": [{"path": f.path, "form": f.form, "achievement": f.achievement, "sha256": f.sha256,
                   "bytes": f.bytes} for f in files],
        "checks": [f.as_check() for f in findings],
    }




def _kept_note(kept: list[str], folder: Path) -> str:
    shown = "、".join(kept[:10]) + (f" 等{len(kept)}个" if len(kept) > 10 else "")
    return f"“{folder.name}”中原有的{len(kept)}个其他文件保持不动：{shown}。"


def export_bundle(project: Project, out: str | PathLike[str], *, base_dir: str | PathLike[str] | None = None,
                  draft: bool = False, make_zip: bool = False, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  profile: CampaignProfile | None = None,
                  project_file: str | PathLike[str] | None = None) -> ExportResult:
    """Write the bundle of ``project`` to the folder ``out`` (and ``out.zip`` with ``make_zip``).

    An earlier bundle in ``out`` is updated: its own unchanged files are replaced, every other file
    stays (``ExportResult.kept``); when that would overwrite a file of the user, the bundle goes
    beside ``out`` instead (``ExportResult.folder``, ``ExportResult.notes`` say so). The project
    file (``project_file``, and any ``*.qcproj``) is never replaced.

    Raises :class:`ExportRefused` for a final export with errors, :class:`ExportFailed` with a
    Chinese message when files cannot be written or an attachment cannot be read,
    :class:`ExportCancelled` when ``cancelled()`` turns true. In every one of those cases nothing
    is left behind and the folder is as it was.
    """
    out = Path(out).absolute()
    base = Path(base_dir) if base_dir is not None else None
    findings = check_project(project, profile, base_dir=base)
    if not draft and any(f.is_error for f in findings):
        raise ExportRefused(findings)
    profile = profile or load_campaign(project.campaign)
    plan = _plan(project, profile, base, draft)
    try:
        target = choose_target(out, [job.path for job in plan.jobs],
                               Path(project_file) if project_file is not None else None)
        zip_path, zip_note = choose_zip(target.folder) if make_zip else (None, "")
        sweep_stale(target.folder)
        target.folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.folder.name}.", suffix=".qcdesk-tmp",
                                        dir=target.folder.parent))
    except NoPlace as exc:
        raise ExportFailed(str(exc)) from None
    except OSError as exc:
        raise ExportFailed(os_error_message(exc, "写入申报包", str(out))) from None
    zip_tmp: Path | None = None
    notes = [n for n in (target.beside_reason, zip_note) if n]
    try:
        total = len(plan.jobs) + 1 + int(make_zip)
        files: list[BundleFile] = []
        for done, job in enumerate(plan.jobs):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(done, total, job.label or job.path)
            target_file = staging / job.path
            try:
                target_file.parent.mkdir(parents=True, exist_ok=True)
                job.write(target_file)
            except AttachmentUnreadable as exc:
                if not draft:
                    raise
                target_file.unlink(missing_ok=True)
                notes.append(f"草稿中略去了一个附件：{exc}")
                continue
            except OSError as exc:
                raise ExportFailed(os_error_message(exc, "写入", job.path)) from None
            files.append(BundleFile(job.path, job.form, job.achievement, sha256_of(target_file),
                                    target_file.stat().st_size))
        manifest = manifest_data(project, files, findings, draft)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        if progress is not None:
            progress(len(plan.jobs), total, MANIFEST)
        if zip_path is not None:
            zip_tmp = _write_zip(staging, zip_path, target.folder.name)
        put_in_place(staging, target, zip_tmp, zip_path)
        if progress is not None:
            progress(total, total, "完成")
    except ChangedMeanwhile as exc:
        raise ExportFailed(str(exc)) from None
    except OSError as exc:
        raise ExportFailed(os_error_message(exc, "写入申报包", str(target.folder))) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if zip_tmp is not None:
            zip_tmp.unlink(missing_ok=True)
    if target.kept:
        notes.append(_kept_note(target.kept, target.folder))
    return ExportResult(target.folder, files, findings, draft, zip_path, requested=out, kept=target.kept,
                        notes=notes)


def _write_zip(staging: Path, target: Path, root: str) -> Path:
    """The zip, as a temporary file beside ``target`` (moved into place with the folder)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".qcdesk-tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{root}/{path.relative_to(staging).as_posix()}")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp
