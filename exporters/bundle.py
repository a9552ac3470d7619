"""The submission bundle: every document of a project in one folder with ``manifest.json``.

The bundle is built in a temporary folder beside the target and moved into place at the end, so
an interrupted, refused or failed export leaves nothing behind and never touches the project.
"""
from __future__ import annotations

import hashlib
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
from exporters.docx_writer import write_docx
from exporters.filenames import NameRegistry, safe_file_name, safe_name
from exporters.layout import Document
from exporters.pdf_writer import write_pdf
from exporters.summary_xlsx import write_group_summary, write_team_summary
from forms.campaign import CampaignProfile, load_campaign
from forms.blocks import ImageBlock
from forms.project import Project
from forms.report_common import Section
from forms.rules import Finding, check_project
from forms.rules.common import resolve_file

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
BUNDLE_FORMAT = "qcdesk-bundle"
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
    folder: Path
    files: list[BundleFile]
    findings: list[Finding]
    draft: bool
    zip_path: Path | None = None


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

    def copy(self, folder: str, source: Path, achievement: str | None) -> None:
        path = self.names.claim(folder, safe_file_name(source.name))
        self.jobs.append(_Job(path, "附件", achievement, lambda target: shutil.copyfile(source, target),
                              label=path))


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
            for name in a.attachments:
                source = resolve_file(name, base_dir) if name.strip() else None
                if source is not None and source.is_file():
                    plan.copy(f"{folder}/附件", source, title)
            for source in _report_pictures(a.report.sections, base_dir):
                plan.copy(f"{folder}/附件/图片", source, title)
    for i, person in enumerate(project.reviewers):
        for name in person.evidence:
            source = resolve_file(name, base_dir) if name.strip() else None
            if source is not None and source.is_file():
                folder = f"评委证明材料/{i + 1}_{safe_name(person.name or '评委', limit=20)}"
                plan.copy(folder, source, None)
    return plan


def _report_pictures(sections: list[Section], base_dir: Path | None) -> list[Path]:
    """The picture files of a report's image blocks that exist, each once, in order."""
    found: list[Path] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, ImageBlock) and block.path.strip():
                source = resolve_file(block.path, base_dir)
                if source is not None and source.is_file() and source not in found:
                    found.append(source)
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_data(project: Project, files: list[BundleFile], findings: list[Finding],
                  draft: bool) -> dict[str, object]:
    return {
        "format": BUNDLE_FORMAT, "version": BUNDLE_VERSION, "campaign": project.campaign,
        "declarant": project.declarant.name, "draft": draft,
        "files": [{"path": f.path, "form": f.form, "achievement": f.achievement, "sha256": f.sha256,
                   "bytes": f.bytes} for f in files],
        "checks": [f.as_check() for f in findings],
    }


def _is_replaceable(folder: Path) -> bool:
    """An empty folder or an earlier qcdesk bundle may be replaced; anything else is the user's."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT


def _os_message(exc: OSError, what: str) -> str:
    if exc.filename and isinstance(exc, FileNotFoundError):
        return f"写入{what}时找不到所需的文件“{exc.filename}”"
    if isinstance(exc, PermissionError):
        return f"没有权限写入{what}，文件夹可能是只读的，或其中的文件正被其他程序（如 Word、Excel）打开，请关闭后重试"
    if exc.errno == 28:
        return f"磁盘空间不足，无法写入{what}"
    return f"无法写入{what}：{exc.strerror or exc}"


def export_bundle(project: Project, out: str | PathLike[str], *, base_dir: str | PathLike[str] | None = None,
                  draft: bool = False, make_zip: bool = False, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  profile: CampaignProfile | None = None) -> ExportResult:
    """Write the bundle of ``project`` to the folder ``out`` (and ``out.zip`` with ``make_zip``).

    Raises :class:`ExportRefused` for a final export with errors, :class:`ExportFailed` with a
    Chinese message when files cannot be written, :class:`ExportCancelled` when ``cancelled()``
    turns true. In every one of those cases nothing is left behind.
    """
    out = Path(out).absolute()
    base = Path(base_dir) if base_dir is not None else None
    findings = check_project(project, profile, base_dir=base)
    if not draft and any(f.is_error for f in findings):
        raise ExportRefused(findings)
    profile = profile or load_campaign(project.campaign)
    if not _is_replaceable(out):
        raise ExportFailed(f"文件夹“{out}”已存在且包含其他文件。为免覆盖您的文件，请选择一个新的或空的文件夹。")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".qcdesk-tmp", dir=out.parent))
    except OSError as exc:
        raise ExportFailed(_os_message(exc, f"文件夹“{out.parent}”")) from None
    try:
        plan = _plan(project, profile, base, draft)
        total = len(plan.jobs) + 1 + int(make_zip)
        files: list[BundleFile] = []
        for done, job in enumerate(plan.jobs):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if progress is not None:
                progress(done, total, job.label or job.path)
            target = staging / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                job.write(target)
            except OSError as exc:
                raise ExportFailed(_os_message(exc, f"“{job.path}”")) from None
            files.append(BundleFile(job.path, job.form, job.achievement, _sha256(target), target.stat().st_size))
        manifest = manifest_data(project, files, findings, draft)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        if progress is not None:
            progress(len(plan.jobs), total, MANIFEST)
        zip_path = None
        if make_zip:
            zip_path = _write_zip(staging, out.with_name(out.name + ".zip"))
        _move_into_place(staging, out)
        if progress is not None:
            progress(total, total, "完成")
        return ExportResult(out, files, findings, draft, zip_path)
    except OSError as exc:
        raise ExportFailed(_os_message(exc, f"“{out}”")) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_zip(staging: Path, target: Path) -> Path:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{target.stem}/{path.relative_to(staging).as_posix()}")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _move_into_place(staging: Path, out: Path) -> None:
    """Swap the finished bundle in; an earlier bundle at ``out`` is removed only after that."""
    old: Path | None = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except OSError:
        if old is not None:
            os.replace(old, out)   # put the earlier bundle back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
