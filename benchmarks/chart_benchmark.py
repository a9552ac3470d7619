"""Time chart rendering per kind: the first drawing (fonts loading), uncached, and cached.

    python benchmarks/chart_benchmark.py            # the sample's charts, 10 uncached runs each
    python benchmarks/chart_benchmark.py --runs 30 --distinct 40

Every chart block of the sample project is drawn at its printed width, as an export draws it.
"Uncached" clears the render cache before each drawing; "cached" is what the PDF costs after the
Word file of the same export drew the chart. Then every chart of ``--distinct`` achievements (the
sample's repeated with their chart data changed, as ``export_benchmark.py`` makes them) is drawn
once, in report order: what a cold export of many achievements spends per chart; and those charts
are written into a PDF (what placing a chart in a report book costs). CPU time is shown
beside wall time because a busy machine stretches the latter, with the load average. Prints
figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# "Uncached" means drawn: keep the charts kept on disk between exports out of it.
os.environ["QCDESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="qcdesk-chart-bench-")

from benchmarks.export_benchmark import project_of  # noqa: E402
from exporters.charts import CHART_KINDS, PRINT_WIDTH_CM, clear_cache, render_chart  # noqa: E402
from forms.sample import load_sample  # noqa: E402


def sample_charts(project: object | None = None) -> list[tuple[object, object, str]]:
    """(block, goal, step) for every chart block of the reports of ``project`` (the sample)."""
    project = project or load_sample()
    found = []
    for a in [*project.group_achievements, *project.team_achievements]:
        goal = getattr(a.report, "goal", None)
        for section in a.report.sections:
            found += [(b, goal, section.step) for b in section.blocks if b.type in CHART_KINDS]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--distinct", type=int, default=20, help="achievements whose charts are drawn once each")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.1f}")
    charts = sample_charts()
    start = time.perf_counter()
    block, goal, step = charts[0]
    render_chart(block, goal=goal, step=step, width_cm=PRINT_WIDTH_CM[block.type])
    print(f"first chart of the process (fonts loading): {1000 * (time.perf_counter() - start):.0f} ms")
    print(f"{'kind':<10}{'charts':>7}{'uncached median':>17}{'max':>9}{'cpu median':>12}{'cached':>10}"
          f"{'png size':>11}")
    for kind in sorted(CHART_KINDS):
        mine = [c for c in charts if c[0].type == kind]
        if not mine:
            continue
        uncached, cached, sizes, cpu = [], [], [], []
        for block, goal, step in mine:
            width = PRINT_WIDTH_CM[kind]
            for _ in range(args.runs):
                clear_cache(disk=True)
                c0 = time.process_time()
                t0 = time.perf_counter()
                png = render_chart(block, goal=goal, step=step, width_cm=width)
                t1 = time.perf_counter()
                cpu.append(time.process_time() - c0)
                render_chart(block, goal=goal, step=step, width_cm=width)
                t2 = time.perf_counter()
                uncached.append(t1 - t0)
                cached.append(t2 - t1)
            sizes.append(len(png))
        print(f"{kind:<10}{len(mine):>7}{1000 * statistics.median(uncached):>14.1f} ms"
              f"{1000 * max(uncached):>6.1f} ms{1000 * statistics.median(cpu):>9.1f} ms"
              f"{1000 * statistics.median(cached):>7.3f} ms"
              f"{statistics.mean(sizes) / 1024:>8.0f} KB")
    distinct = sample_charts(project_of(args.distinct))
    clear_cache(disk=True)
    c0 = time.process_time()
    t0 = time.perf_counter()
    size = sum(len(render_chart(b, goal=g, step=s, width_cm=PRINT_WIDTH_CM[b.type])) for b, g, s in distinct)
    wall, cpu_time = time.perf_counter() - t0, time.process_time() - c0
    print(f"{len(distinct)} distinct charts of {args.distinct} achievements, each drawn once: "
          f"{1000 * wall / len(distinct):.1f} ms wall, {1000 * cpu_time / len(distinct):.1f} ms CPU per chart, "
          f"{size / len(distinct) / 1024:.0f} KB   (load {os.getloadavg()[0]:.1f})")
    from exporters.layout import Document, Figure
    from exporters.pdf_writer import write_pdf
    pngs = [render_chart(b, goal=g, step=s, width_cm=PRINT_WIDTH_CM[b.type]) for b, g, s in distinct]
    book = Document([Figure(png, 12.0, 7.0) for png in pngs])
    write_pdf(Document([Figure(pngs[0], 12.0, 7.0)]), io.BytesIO())   # fonts and reportlab loaded
    c0 = time.process_time()
    write_pdf(book, io.BytesIO())
    print(f"the same charts in a PDF: {1000 * (time.process_time() - c0) / len(pngs):.1f} ms CPU per chart")


if __name__ == "__main__":
    main()
