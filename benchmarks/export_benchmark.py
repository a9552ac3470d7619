"""Time ``qcdesk export`` as a user runs it, beside LibreOffice converting the same Word files.

    python benchmarks/export_benchmark.py                     # the sample, 20 and 200 achievements
    python benchmarks/export_benchmark.py --sizes sample 20 --no-libreoffice

Each size is a project file exported by a new ``python -m app export`` process (imports, loading,
checking, every file, manifest), first with an empty chart cache (cold: every chart drawn) and then
again (re-export: the charts read back from the cache, as when a unit exports again after an edit).
"sample" is the built-in sample (4 achievements, one report with 8 charts); the other sizes repeat
its achievements with the chart data of every report changed (no chart is drawn twice). LibreOffice
then converts all the bundle's .docx files to PDF in one ``soffice --headless --convert-to pdf``
run (with its own profile, started once before timing). Wall time and the CPU time of the process
and its children are shown, with the load average: on a shared machine wall time stretches, CPU
time less so. qcdesk's own modules are byte-compiled first, as pip and PyInstaller install them (a
user's export never compiles them; in a checkout without ``__pycache__`` and with
``PYTHONDONTWRITEBYTECODE=1`` every timed run would compile what it imports, about 0.03–0.07 s):
``--no-compile`` leaves that out. ``--repeat N`` times the re-export N times and shows the median.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms.project import Project  # noqa: E402
from forms.project_file import save_project  # noqa: E402
from forms.sample import load_sample, write_sample  # noqa: E402


@dataclass
class Timing:
    wall: float
    cpu: float
    load: float


def _timed(command: list[str], env: dict[str, str] | None = None) -> Timing:
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = after.children_user + after.children_system - before.children_user - before.children_system
    return Timing(wall, cpu, os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))


def _median(timings: list[Timing]) -> Timing:
    """The run of median wall time (its CPU time and load with it)."""
    return sorted(timings, key=lambda t: t.wall)[len(timings) // 2]


def _vary(block: object, n: int) -> None:
    """Change a chart block's data a little, so each copy of an achievement has its own chart."""
    kind = getattr(block, "type", "")
    step = Decimal(n) / 100
    if kind == "pareto" and block.items:
        top = max(block.items, key=lambda item: item.count or 0)
        top.count = (top.count or 0) + n
    elif kind == "bar" and block.bars and not block.from_goal:
        block.bars[-1].value = (block.bars[-1].value or 0) + step
    elif kind == "line" and block.points:
        block.points[-1].y = (block.points[-1].y or 0) + step
    elif kind == "fishbone":
        block.problem = f"{block.problem}（{n}）"
    elif kind == "plan" and block.tasks:
        block.tasks[0].name = f"{block.tasks[0].name}（{n}）"


def _vary_goal(achievement: object, n: int) -> None:
    """A 柱状图 drawn from the 课题指标 differs when the achieved value does (still reaching it)."""
    goal = getattr(achievement.report, "goal", None)
    if goal is None or goal.achieved is None:
        return
    delta = Decimal(n) / 1000
    goal.achieved = goal.achieved - delta if goal.direction == "降低" else goal.achieved + delta


def project_of(count: int) -> Project:
    """``count`` achievements, the sample's repeated (two groups for every team), each with its own
    title and its own chart data."""
    sample = load_sample()
    project = sample.model_copy(deep=True)
    teams = count // 3
    project.group_achievements, project.team_achievements = [], []
    for kind, source, n_items in (("group", sample.group_achievements, count - teams),
                                  ("team", sample.team_achievements, teams)):
        for i in range(n_items):
            a = copy.deepcopy(source[i % len(source)])
            a.title = f"{a.title}（第{i + 1}项）"
            if i >= len(source):
                for section in a.report.sections:
                    for block in section.blocks:
                        _vary(block, i)
                _vary_goal(a, i)
            (project.group_achievements if kind == "group" else project.team_achievements).append(a)
    return project


def _export(project_file: Path, out: Path, cache: Path) -> Timing:
    env = {**os.environ, "QCDESK_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    return _timed([sys.executable, "-m", "app", "export", str(project_file), "--out", str(out)], env)


def _libreoffice(bundle: Path, work: Path) -> tuple[Timing, int] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = f"-env:UserInstallation={(work / 'lo-profile').as_uri()}"
    warm = work / "warm"
    warm.mkdir()
    first = next(bundle.rglob("*.docx"))
    shutil.copyfile(first, warm / "warm.docx")   # the profile is made and LibreOffice loaded once
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(warm),
                    str(warm / "warm.docx")], check=True, capture_output=True)
    docs = sorted(bundle.rglob("*.docx"))
    flat = work / "docx"
    flat.mkdir()
    for i, doc in enumerate(docs):
        shutil.copyfile(doc, flat / f"{i:04d}.docx")
    timing = _timed([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "pdf"),
                     *sorted(str(p) for p in flat.iterdir())])
    return timing, len(docs)


def _compile_qcdesk() -> None:
    """Byte-compile qcdesk's packages (``__pycache__``, ignored by git), as an installation does."""
    import compileall
    for package in ("app", "exporters", "forms", "importers", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["sample", "20", "200"],
                        help="'sample' or achievement counts (two groups for every team)")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile qcdesk's modules first (without __pycache__ and with "
                             "PYTHONDONTWRITEBYTECODE=1, each run compiles what it imports)")
    parser.add_argument("--repeat", type=int, default=1, help="re-export this many times; the median is shown")
    args = parser.parse_args()
    if not args.no_compile:
        _compile_qcdesk()
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}; qcdesk's modules "
          f"{'not compiled beforehand' if args.no_compile else 'compiled beforehand, as installed'}")
    print(f"{'project':>8} {'files':>6} | {'qcdesk cold':>19} | {'qcdesk re-export':>19} | "
          f"{'LibreOffice docx→pdf':>28} | {'ratio cold':>10} {'re-export':>9} | {'per achievement':>15}")
    per: dict[str, float] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="qcdesk-bench-") as tmp:
            work = Path(tmp)
            sample_file = work / "示例.qcproj"
            write_sample(sample_file)   # the attachments beside it, as in a real project folder
            if size == "sample":
                project_file, count = sample_file, len(load_sample().group_achievements) + len(
                    load_sample().team_achievements)
            else:
                count = int(size)
                project_file = work / f"{count}.qcproj"
                save_project(project_of(count), project_file)
            cache = work / "cache"
            cold = _export(project_file, work / "cold", cache)
            warm = _median([_export(project_file, work / f"warm-bundle{n}", cache)
                            for n in range(max(1, args.repeat))])
            files = sum(1 for p in (work / "cold").rglob("*") if p.is_file()) - 1
            lo = None if args.no_libreoffice else _libreoffice(work / "cold", work)
        lo_text, ratio_cold, ratio_warm = "—", "—", "—"
        if lo is not None:
            timing, docs = lo
            lo_text = f"{timing.wall:6.1f} s ({timing.cpu:5.1f} s CPU, {docs} docx)"
            ratio_cold = f"{timing.wall / cold.wall:.1f}×"
            ratio_warm = f"{timing.wall / warm.wall:.1f}×"
        per[size] = cold.wall / count
        print(f"{size:>8} {files:>6} | {cold.wall:6.2f} s ({cold.cpu:5.2f} CPU) | "
              f"{warm.wall:6.2f} s ({warm.cpu:5.2f} CPU) | {lo_text:>28} | {ratio_cold:>10} {ratio_warm:>9} | "
              f"{per[size] * 1000:9.0f} ms   (load {cold.load:.1f})", flush=True)
    if "20" in per and "200" in per:
        print(f"per-achievement cost (cold, wall) at 200 / at 20: {per['200'] / per['20']:.2f}")


if __name__ == "__main__":
    main()
