"""CPU time of a serial re-export and of its PDF and Word writers.

    python benchmarks/writer_cpu_benchmark.py              # the sample and 20 achievements
    python benchmarks/writer_cpu_benchmark.py --sizes 20 200

Each size is exported in a new process with one worker (``QCDESK_EXPORT_WORKERS=1``) after a first
export has filled the chart cache, so what is measured is the writing of the files (a re-export).
The process's CPU time (``time.process_time``, imports included) is shown beside its wall time, and
the CPU time spent inside ``pdf_writer.write_pdf`` (forms laid out for page fit included) and
``docx_writer.write_docx``. The sizes other than "sample" repeat the sample's
achievements (benchmarks/export_benchmark.py ``project_of``), so their forms share much of their
text. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Run in the child process: one export, its CPU time and that of the two writers.
_CHILD = r"""
import functools, os, sys, time
start_cpu, start_wall = time.process_time(), time.perf_counter()
from exporters import docx_writer, pdf_writer
spent = {"pdf": 0.0, "docx": 0.0}
def timed(function, key):
    @functools.wraps(function)
    def run(*args, **kwargs):
        depth = timed.depth
        timed.depth += 1
        before = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            timed.depth -= 1
            if depth == 0:
                spent[key] += time.process_time() - before
    return run
timed.depth = 0
pdf_writer.write_pdf = timed(pdf_writer.write_pdf, "pdf")
docx_writer.write_docx = timed(docx_writer.write_docx, "docx")
from app.cli import main
code = main(["export", sys.argv[1], "--out", sys.argv[2]])
cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
print(f"{code} {cpu:.3f} {wall:.3f} {spent['pdf']:.3f} {spent['docx']:.3f}")
"""


def main() -> None:
    from benchmarks.export_benchmark import project_of
    from forms.project_file import save_project
    from forms.sample import write_sample

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["sample", "20"])
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'project':>8} | {'CPU':>7} {'wall':>7} | {'PDF writer':>10} {'Word writer':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="qcdesk-bench-") as tmp:
            work = Path(tmp)
            project_file = work / "示例.qcproj"
            write_sample(project_file)   # the attachments beside it
            if size != "sample":
                project_file = work / f"{size}.qcproj"
                save_project(project_of(int(size)), project_file)
            env = {**os.environ, "QCDESK_CACHE_DIR": str(work / "cache"), "QCDESK_EXPORT_WORKERS": "1",
                   "PYTHONPATH": str(ROOT)}
            figures = []
            for run in ("first", "again"):     # the first fills the chart cache
                done = subprocess.run([sys.executable, "-c", _CHILD, str(project_file), str(work / run)],
                                      env=env, capture_output=True, text=True, check=True, cwd=ROOT)
                figures = done.stdout.split()[-5:]
        _code, cpu, wall, pdf, docx = figures
        print(f"{size:>8} | {float(cpu):6.2f}s {float(wall):6.2f}s | {float(pdf):9.2f}s {float(docx):10.2f}s",
              flush=True)


if __name__ == "__main__":
    main()
