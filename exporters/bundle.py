"""The submission bundle: every document of a project in one folder with ``manifest.json``.

The bundle is built in a temporary folder beside the target and moved into place at the end, so
an interrupted, refused or failed export leaves nothing behind and never touches the project.
Export never deletes or overwrites what it did not write: see :mod:`exporters.bundle_target`.

Many documents are written by a pool of worker processes (one per core), each writing whole
documents (the Word and the PDF file of one layout) into the temporary folder; the manifest lists
them in the plan's order and every file carries the export's time (``exporters.stamp``), so the
bundle is byte for byte the one a single process writes. Small exports stay in one process. With
forked workers (the command line) the spreadsheets are written meanwhile by a process forked at the
start, while this one checks the project (:class:`_EarlySummaries`).
"""
from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import gc
import json
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import ModuleType
from typing import Any

from exporters import (
    group_form, group_report, reviewers_form, statistics_form, team_form, team_report,
)
from exporters.bundle_swap import ChangedMeanwhile, put_in_place, sweep_stale
from exporters.bundle_target import BUNDLE_FORMAT, MANIFEST, NoPlace, choose_target, choose_zip
from exporters.checks import check_all
from exporters.docx_writer import write_docx
from exporters.filenames import NameRegistry, safe_file_name, safe_name
from exporters.layout import Document
from exporters.pdf_writer import keeping_pdfs, write_pdf
from exporters.stamp import now_stamp, stamped
from forms.attachments import sha256_of
from forms.campaign import CampaignProfile, load_campaign
from forms.blocks import ImageBlock
from forms.locations import Path as FieldPath, describe
from forms.os_errors import os_error_message, os_reason
from forms.project import Project
from forms.report_common import Section
from forms.rules import Finding
from forms.rules.common import resolve_file

log = logging.getLogger(__name__)

__all__ = ["MANIFEST", "BUNDLE_FORMAT", "BundleFile", "ExportResult", "ExportRefused", "ExportFailed",
           "ExportCancelled", "AttachmentUnreadable", "export_bundle", "manifest_data"]

BUNDLE_VERSION = 1

Progress = Callable[[int, int, str], None]
"""progress(done, total, what is being written now)."""

PARALLEL_MIN_DOCUMENTS = 6
"""Fewer documents than this are written in this process: starting workers costs more than a
second core saves (benchmarks/export_benchmark.py). Forked workers start with everything loaded;
spawned ones (and the forkserver's first) load the libraries first, which pays off later."""
PARALLEL_MIN_DOCUMENTS_SPAWNED = 24
EARLY_SUMMARIES_WAIT = 60.0
"""Seconds to wait for the spreadsheets written ahead (:class:`_EarlySummaries`; 200 achievements
take about a second) before writing them here."""


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
    unit: int = -1         # the jobs of one unit are written together, in order, by one process
    heavy: bool = False    # a document (worth a worker); copies and small files are not


@dataclass
class _Plan:
    jobs: list[_Job] = field(default_factory=list)
    names: NameRegistry = field(default_factory=NameRegistry)

    def add(self, job: _Job) -> None:
        job.unit = len({j.unit for j in self.jobs}) if job.unit < 0 else job.unit
        self.jobs.append(job)

    def units(self) -> list[list[_Job]]:
        grouped: dict[int, list[_Job]] = {}
        for job in self.jobs:
            grouped.setdefault(job.unit, []).append(job)
        return list(grouped.values())

    def document(self, folder: str, stem: str, form: str, achievement: str | None,
                 build: Callable[[], Document], *, pdf: bool = True) -> None:
        layout: list[Document] = []

        def get() -> Document:
            if not layout:
                layout.append(build())
            return layout[0]

        unit = len({j.unit for j in self.jobs})
        # The PDF first: the Word file's 目录 takes its page numbers from the PDF's layout.
        for ext, writer in ((("pdf", write_pdf),) if pdf else ()) + (("docx", write_docx),):
            path = self.names.claim(folder, f"{stem}.{ext}")
            self.add(_Job(path, form, achievement, lambda target, w=writer: w(get(), target),
                          label=path, unit=unit, heavy=True))

    def copy(self, folder: str, source: Path, achievement: str | None, name: str, where: str) -> None:
        path = self.names.claim(folder, safe_file_name(source.name))
        self.add(_Job(path, "附件", achievement, lambda target: _copy(source, target, name, where),
                      label=path))


def _summary_xlsx() -> ModuleType:
    """exporters.summary_xlsx, loaded only in the process that writes a spreadsheet, after the
    workers have started. openpyxl imports numpy when it is installed, only to accept numpy numbers
    in cells: the summaries hold none, so a process that runs alone loads openpyxl without it (a
    tenth of a second). Where other threads may be importing (the window), numpy is left alone."""
    if "openpyxl" not in sys.modules and "numpy" not in sys.modules and _alone():
        sys.modules["numpy"] = None   # type: ignore[assignment]   # ``import numpy`` fails, at once
        try:
            import openpyxl  # noqa: F401
        finally:
            if sys.modules.get("numpy", 0) is None:
                del sys.modules["numpy"]
    from exporters import summary_xlsx
    return summary_xlsx


def write_group_summary(*args: Any, **kwargs: Any) -> None:
    """附件4 (see :func:`_summary_xlsx`)."""
    _summary_xlsx().write_group_summary(*args, **kwargs)


def write_team_summary(*args: Any, **kwargs: Any) -> None:
    """附件5, as :func:`write_group_summary`."""
    _summary_xlsx().write_team_summary(*args, **kwargs)


class _EarlySummaries:
    """The spreadsheets (附件4, 附件5) written by a forked process while this one checks the
    project and starts the workers: loading openpyxl and writing them take a core that is idle
    until then, instead of one the workers need. They carry the export's time, so they are the
    bytes this process would write; whatever goes wrong there, this process writes them itself."""

    def __init__(self, project: Project, profile: CampaignProfile, draft: bool, when: dt.datetime) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".qcdesk-summaries-"))
        self.process = multiprocessing.get_context("fork").Process(
            target=_write_summaries_early, args=(project, profile, draft, when, self.folder), daemon=True)
        try:
            self.process.start()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def take(self, form: str, target: Path) -> bool:
        """Move the early file of ``form`` to ``target``; False if there is none."""
        self.process.join(EARLY_SUMMARIES_WAIT)
        if self.process.is_alive():   # stuck: never wait for it longer than writing them takes
            self.process.kill()
            self.process.join()
        source = self.folder / f"{form}.xlsx"
        if self.process.exitcode != 0 or not source.is_file():
            return False
        shutil.move(source, target)
        return True

    def close(self) -> None:
        if self.process.is_alive():    # refused or cancelled before the files were taken
            self.process.kill()
        self.process.join()
        self.process.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _write_summaries_early(project: Project, profile: CampaignProfile, draft: bool, when: dt.datetime,
                           folder: Path) -> None:
    # This process may be killed mid-write (a refused or cancelled export): openpyxl's own temporary
    # files then go with the folder, not into the system's temporary folder. (Forked: only here.)
    tempfile.tempdir = str(folder)
    try:
        with stamped(when):
            if project.group_achievements:
                write_group_summary(project, profile, folder / "附件4.xlsx", draft=draft)
            if project.team_achievements:
                write_team_summary(project, profile, folder / "附件5.xlsx", draft=draft)
    except Exception:
        log.exception("spreadsheets not written ahead; the export writes them")
        raise SystemExit(1) from None


def _summaries_ahead(project: Project, profile: CampaignProfile | None, draft: bool, when: dt.datetime,
                     workers: int | None, start_method: str | None) -> _EarlySummaries | None:
    """Start :class:`_EarlySummaries` when the export will fork workers (the command line)."""
    if not (project.group_achievements or project.team_achievements):
        return None
    documents = (2 * (len(project.group_achievements) + len(project.team_achievements))
                 + int(project.statistics is not None) + int(bool(project.reviewers)))
    if _parallel_method(documents, workers, start_method) != "fork":
        return None
    try:
        return _EarlySummaries(project, profile or load_campaign(project.campaign), draft, when)
    except Exception:   # an unknown campaign (the check says so), no temporary folder, no process
        return None


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


def _plan(project: Project, profile: CampaignProfile, base_dir: Path | None, draft: bool,
          early: _EarlySummaries | None = None) -> _Plan:
    plan = _Plan()
    if project.group_achievements:
        plan.add(_Job(plan.names.claim("", "附件4_优秀成果申报汇总表（小组）.xlsx"), "附件4", None,
                      lambda t: (early is not None and early.take("附件4", t))
                      or write_group_summary(project, profile, t, draft=draft)))
    if project.team_achievements:
        plan.add(_Job(plan.names.claim("", "附件5_优秀成果申报汇总表（班组）.xlsx"), "附件5", None,
                      lambda t: (early is not None and early.take("附件5", t))
                      or write_team_summary(project, profile, t, draft=draft)))
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




def _kept_note(kept: list[str], folder: Path, zipped: bool = False) -> str:
    shown = "、".join(kept[:10]) + (f" 等{len(kept)}个" if len(kept) > 10 else "")
    note = f"“{folder.name}”中原有的{len(kept)}个其他文件保持不动：{shown}。"
    if zipped:   # e.g. a stamped 盖章页.pdf the unit put there: the upload needs it too
        note += "压缩包里只有本次导出的文件，没有这些文件；上传时如需要（如盖章页），请一并提交。"
    return note


def export_bundle(project: Project, out: str | PathLike[str], *, base_dir: str | PathLike[str] | None = None,
                  draft: bool = False, make_zip: bool = False, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  profile: CampaignProfile | None = None,
                  project_file: str | PathLike[str] | None = None, workers: int | None = None,
                  start_method: str | None = None) -> ExportResult:
    """Write the bundle of ``project`` to the folder ``out`` (and ``out.zip`` with ``make_zip``).

    An earlier bundle in ``out`` is updated: its own unchanged files are replaced, every other file
    stays (``ExportResult.kept``); when that would overwrite a file of the user, the bundle goes
    beside ``out`` instead (``ExportResult.folder``, ``ExportResult.notes`` say so). The project
    file (``project_file``, and any ``*.qcproj``) is never replaced.

    Raises :class:`ExportRefused` for a final export with errors, :class:`ExportFailed` with a
    Chinese message when files cannot be written or an attachment cannot be read,
    :class:`ExportCancelled` when ``cancelled()`` turns true. In every one of those cases nothing
    is left behind and the folder is as it was.

    ``workers`` caps the worker processes (default: one per core; 1 writes everything in this
    process); ``start_method`` is multiprocessing's ("fork", "forkserver", "spawn"; default:
    :func:`default_start_method`). The files are the same bytes either way.
    """
    out = Path(out).absolute()
    base = Path(base_dir) if base_dir is not None else None
    when = now_stamp()
    early = _summaries_ahead(project, profile, draft, when, workers, start_method)
    try:
        return _export(project, out, base, draft, make_zip, progress, cancelled, profile, project_file,
                       workers, start_method, when, early)
    finally:
        if early is not None:
            early.close()


def _export(project: Project, out: Path, base: Path | None, draft: bool, make_zip: bool,
            progress: Progress | None, cancelled: Callable[[], bool] | None, profile: CampaignProfile | None,
            project_file: str | PathLike[str] | None, workers: int | None, start_method: str | None,
            when: dt.datetime, early: _EarlySummaries | None) -> ExportResult:
    with stamped(when), keeping_pdfs():   # the forms measured for page fit are written at once
        findings = check_all(project, profile, base_dir=base)
    if not draft and any(f.is_error for f in findings):
        raise ExportRefused(findings)
    profile = profile or load_campaign(project.campaign)
    plan = _plan(project, profile, base, draft, early)
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
        with stamped(when), keeping_pdfs():
            files = _write_jobs(plan, _Context(project, profile, base, draft, staging, when), total,
                                progress, cancelled, workers, start_method, notes)
        manifest = manifest_data(project, files, findings, draft)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        if progress is not None:
            progress(len(plan.jobs), total, MANIFEST)
        if zip_path is not None:
            zip_tmp = _write_zip(staging, zip_path, target.folder.name, when)
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
        notes.append(_kept_note(target.kept, target.folder, zipped=zip_path is not None))
    return ExportResult(target.folder, files, findings, draft, zip_path, requested=out, kept=target.kept,
                        notes=notes)


def _write_zip(staging: Path, target: Path, root: str, when: dt.datetime) -> Path:
    """The zip, as a temporary file beside ``target`` (moved into place with the folder)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".qcdesk-tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    # The export's time on every entry, not each file's: the same project, the same zip.
                    info = zipfile.ZipInfo(f"{root}/{path.relative_to(staging).as_posix()}",
                                           date_time=when.timetuple()[:6])
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    with path.open("rb") as source, archive.open(info, "w") as sink:
                        shutil.copyfileobj(source, sink, 1 << 20)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@dataclass
class _Context:
    """What a worker needs to plan the export again and write its share (picklable)."""

    project: Project
    profile: CampaignProfile
    base_dir: Path | None
    draft: bool
    staging: Path
    when: dt.datetime


def _write_unit(jobs: list[_Job], staging: Path, draft: bool, notes: list[str]) -> list[BundleFile]:
    files: list[BundleFile] = []
    for job in jobs:
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
    return files


def _write_jobs(plan: _Plan, ctx: _Context, total: int, progress: Progress | None,
                cancelled: Callable[[], bool] | None, workers: int | None, start_method: str | None,
                notes: list[str]) -> list[BundleFile]:
    units = plan.units()
    heavy = [i for i, unit in enumerate(units) if unit[0].heavy]
    method = _parallel_method(len(heavy), workers, start_method)
    if method is not None:
        count = min(_workers(workers) or os.cpu_count() or 1, len(heavy))
        return _write_parallel(units, heavy, ctx, total, progress, cancelled, notes, count, method)
    files: list[BundleFile] = []
    for done, job in enumerate(plan.jobs):
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total, job.label or job.path)
        files.extend(_write_unit([job], ctx.staging, ctx.draft, notes))
    return files


def _workers(workers: int | None) -> int | None:
    if workers is None and os.environ.get("QCDESK_EXPORT_WORKERS", "").isdigit():
        return int(os.environ["QCDESK_EXPORT_WORKERS"])   # 1: one process, e.g. to profile
    return workers


def _parallel_method(documents: int, workers: int | None, start_method: str | None) -> str | None:
    """How worker processes start for ``documents`` documents, or None: written in this process."""
    workers = _workers(workers)
    count = min(workers or os.cpu_count() or 1, documents)
    method = start_method or default_start_method()
    least = PARALLEL_MIN_DOCUMENTS if method == "fork" else PARALLEL_MIN_DOCUMENTS_SPAWNED
    return method if count > 1 and (workers is not None or documents >= least) else None


# -- the worker processes ------------------------------------------------------------------------

_worker_units: list[list[_Job]] = []
_worker_ctx: _Context | None = None


def _start_worker(ctx: _Context) -> None:
    """Plan the export again in the worker: the jobs (closures) are not sent, only their numbers."""
    global _worker_units, _worker_ctx
    gc.enable()   # a spawned worker of ``python -m app`` (or the packaged program) starts with it off
    _worker_ctx = ctx
    _worker_units = _plan(ctx.project, ctx.profile, ctx.base_dir, ctx.draft).units()


def _run_unit(index: int) -> tuple[list[BundleFile], list[str]]:
    assert _worker_ctx is not None
    notes: list[str] = []
    with stamped(_worker_ctx.when), keeping_pdfs():
        return _write_unit(_worker_units[index], _worker_ctx.staging, _worker_ctx.draft, notes), notes


def _preload(project: Project) -> None:
    """Load the libraries and fonts before forking, so each worker starts with them in memory."""
    from exporters import docx_writer, fonts
    for role in ("song", "hei", "fang", "kai"):
        fonts.primary_font(role)   # registers the role's fonts with reportlab
    template = getattr(docx_writer, "_template_bytes", None)
    if callable(template):
        template()
    from exporters import charts
    if "matplotlib" in sys.modules or charts.any_to_draw(project):   # a re-export may draw none
        charts.preload()


def _preload_frozen(project: Project) -> bool:
    """:func:`_preload`, then leave what the forked workers share with this process out of the
    garbage collection (``gc.freeze``): it stays alive, and walking it would copy its memory into
    each worker. The collector pauses while the fonts come in: they are some hundred thousand lists
    that all stay, and it would walk them again and again (a third of the loading time).
    Returns whether nothing was frozen before, i.e. whether to unfreeze once the workers started."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _preload(project)
        first = gc.get_freeze_count() == 0
        gc.freeze()
        return first
    finally:
        if collecting:
            gc.enable()


def _alone() -> bool:
    """Whether this process runs one thread. Qt's own threads are invisible to ``threading``: a
    process that loaded Qt counts as threaded."""
    return (threading.current_thread() is threading.main_thread() and threading.active_count() == 1
            and "PySide6" not in sys.modules)


def default_start_method() -> str:
    """How worker processes start here.

    fork where the platform has it and this process runs one thread (the command line): the
    workers start at once with the libraries and fonts already loaded. A process with other
    threads (the window) must not fork, since a lock another thread holds would stay locked in the
    copy: there the forkserver (Linux) starts workers from a clean process that loaded the
    libraries once; elsewhere (Windows, macOS) each worker is spawned and loads them itself.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and _alone():
        return "fork"
    if "forkserver" in methods and sys.platform != "darwin":
        return "forkserver"
    return "spawn"


def _context(method: str) -> multiprocessing.context.BaseContext:
    mp = multiprocessing.get_context(method)
    if method == "forkserver":
        mp.set_forkserver_preload(["exporters.bundle", "exporters.charts.common"])
    return mp


def _write_parallel(units: list[list[_Job]], heavy: list[int], ctx: _Context, total: int,
                    progress: Progress | None, cancelled: Callable[[], bool] | None, notes: list[str],
                    count: int, method: str) -> list[BundleFile]:
    frozen_here = False
    if method == "fork":
        frozen_here = _preload_frozen(ctx.project)
    results: dict[int, list[BundleFile]] = {}
    unit_notes: dict[int, list[str]] = {}
    done = 0
    pool: cf.ProcessPoolExecutor | None = None
    try:
        pool = cf.ProcessPoolExecutor(count, mp_context=_context(method), initializer=_start_worker,
                                      initargs=(ctx,))
        # The report books first, so no worker is left with a long one at the end.
        order = sorted(heavy, key=lambda i: units[i][0].form not in ("附件8", "附件9"))
        pending = {pool.submit(_run_unit, i): i for i in order}   # forked: the workers start here
        if frozen_here:
            gc.unfreeze()
            frozen_here = False
        if progress is not None:
            progress(0, total, units[order[0]][0].label if order else "")
        queued = set(order)
        for i, unit in enumerate(units):   # copies and the spreadsheets, while the workers write
            if i not in queued:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                unit_notes[i] = []
                results[i] = []
                for job in unit:
                    if progress is not None:
                        progress(done, total, job.label or job.path)
                    results[i] += _write_unit([job], ctx.staging, ctx.draft, unit_notes[i])
                    done += 1
        while pending:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            finished, _ = cf.wait(pending, timeout=0.1, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                i = pending.pop(future)
                results[i], unit_notes[i] = future.result()
                for job in units[i]:   # one step per file, as when one process writes them
                    done += 1
                    if progress is not None:
                        progress(done, total, job.label or job.path)
    except cf.process.BrokenProcessPool:
        raise ExportFailed("写入文件的进程意外退出（可能是内存不足），请关闭其他程序后重试") from None
    finally:
        if frozen_here:
            gc.unfreeze()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    notes.extend(n for i in range(len(units)) for n in unit_notes.get(i, []))
    return [f for i in range(len(units)) for f in results[i]]
