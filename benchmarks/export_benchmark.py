"""Time the whole export of a realistic project, and LibreOffice's docx→pdf over the same files.

    python benchmarks/export_benchmark.py            # 20 groups + 10 teams, then 200 achievements
    python benchmarks/export_benchmark.py --sizes 30 --no-libreoffice

Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exporters.bundle import export_bundle  # noqa: E402
from forms.project import Project  # noqa: E402
from forms.sample import SAMPLE_DIR, load_sample  # noqa: E402


def project_of(groups: int, teams: int) -> Project:
    """The sample's achievements repeated to the given counts, each with its own title."""
    sample = load_sample()
    project = sample.model_copy(deep=True)
    project.group_achievements = []
    project.team_achievements = []
    for i in range(groups):
        a = copy.deepcopy(sample.group_achievements[i % len(sample.group_achievements)])
        a.title = f"{a.title}（第{i + 1}项）"
        project.group_achievements.append(a)
    for i in range(teams):
        a = copy.deepcopy(sample.team_achievements[i % len(sample.team_achievements)])
        a.title = f"{a.title}（第{i + 1}项）"
        project.team_achievements.append(a)
    return project


def time_export(project: Project, folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = export_bundle(project, folder / "bundle", base_dir=SAMPLE_DIR)
    return time.perf_counter() - start, len(result.files)


def time_libreoffice(bundle: Path, folder: Path) -> tuple[float, int] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    docs = sorted(bundle.rglob("*.docx"))
    flat = folder / "docx"
    flat.mkdir()
    for i, doc in enumerate(docs):
        shutil.copyfile(doc, flat / f"{i:04d}.docx")
    start = time.perf_counter()
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                    *sorted(str(p) for p in flat.iterdir())], check=True, capture_output=True)
    return time.perf_counter() - start, len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[30, 200],
                        help="achievement counts (two groups for every team)")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    print(f"{'achievements':>12} {'files':>6} {'qcdesk export':>14} {'per achievement':>16} "
          f"{'LibreOffice docx→pdf':>22} {'ratio':>7}")
    for size in args.sizes:
        teams = size // 3
        project = project_of(size - teams, teams)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            seconds, files = time_export(project, folder)
            lo = None if args.no_libreoffice else time_libreoffice(folder / "bundle", folder)
        lo_text, ratio = "—", "—"
        if lo is not None:
            lo_text = f"{lo[0]:.1f} s ({lo[1]} docx)"
            ratio = f"{lo[0] / seconds:.1f}×"
        print(f"{size:>12} {files:>6} {seconds:>12.1f} s {seconds / size * 1000:>13.0f} ms {lo_text:>22} {ratio:>7}")


if __name__ == "__main__":
    main()
