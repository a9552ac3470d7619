"""How long the window stops answering while it checks a big project for the first time.

    python benchmarks/window_check_benchmark.py [--achievements 200]

Two runs, each in a fresh process (cold layout caches, as when a user opens the project):

- ``ui-thread check``: ``exporters.checks.check_all`` on the calling thread, which is what the
  window did on every check before page fit moved to a worker; the window froze this long.
- ``window``: a main window opens the project (``set_project``: tree, page, rules). A 10 ms timer
  on the UI thread records how long the event loop went without running (the longest stall) from
  the moment the project is shown until the page-fit findings have arrived from the worker.

Prints wall and CPU time (this process and its threads); asserts nothing. Wall times stretch on a
loaded machine: compare runs made in the same minute, and read the load average printed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ui_thread_check(count: int) -> dict:
    from check_benchmark import big_project
    from exporters.checks import check_all
    project = big_project(count)
    wall, used = time.perf_counter(), cpu()
    findings = check_all(project)
    return {"wall": time.perf_counter() - wall, "cpu": cpu() - used, "findings": len(findings)}


def window(count: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.settings import Settings
    from check_benchmark import big_project
    from ui.main_window import MainWindow

    app = QApplication([])
    w = MainWindow(Settings())
    w.resize(1366, 768)
    w.show()
    project = big_project(count)
    ticks: list[float] = []
    result: dict = {}
    tick = QTimer(interval=10)
    tick.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def opened() -> None:
        result["opened_at"] = time.perf_counter()
        result["opened_wall"] = result["opened_at"] - result["start"]
        result["opened_cpu"] = cpu() - result["start_cpu"]

    def arrived() -> None:
        result["ready_wall"] = time.perf_counter() - result["start"]
        result["ready_cpu"] = cpu() - result["start_cpu"]
        result["findings"] = len(w.findings)
        QTimer.singleShot(50, app.quit)

    def start() -> None:
        w.live_check.documents_ready.connect(arrived)
        tick.start()
        ticks.append(time.perf_counter())
        result["start"], result["start_cpu"] = time.perf_counter(), cpu()
        w.set_project(project, None)
        opened()

    QTimer.singleShot(100, start)
    QTimer.singleShot(300_000, app.quit)
    app.exec()
    after = [t for t in ticks if t >= result.get("opened_at", 0)]   # set_project itself is timed above
    gaps = [b - a for a, b in zip(after, after[1:])]
    result["longest_stall"] = max(gaps, default=0.0)
    result["stalls_over_100ms"] = sum(g > 0.1 for g in gaps)
    w.dirty = False
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--achievements", type=int, default=200)
    parser.add_argument("--mode", choices=("ui-thread", "window"))
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(ui_thread_check(args.achievements) if args.mode == "ui-thread" else window(args.achievements)))
        return 0
    print(f"load average {os.getloadavg()[0]:.1f}, {args.achievements} achievements")
    for mode in ("ui-thread", "window"):
        out = subprocess.run([sys.executable, __file__, "--achievements", str(args.achievements), "--mode", mode],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        if mode == "ui-thread":
            print(f"ui-thread check: the window froze {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU "
                  f"({r['findings']} findings)")
        else:
            print(f"window: project open and rules shown after {r['opened_wall']:.2f} s wall "
                  f"({r['opened_cpu']:.2f} s CPU); page-fit findings after {r['ready_wall']:.2f} s wall "
                  f"({r['ready_cpu']:.2f} s CPU, all threads); longest stall of the UI thread in between "
                  f"{r['longest_stall'] * 1000:.0f} ms, {r['stalls_over_100ms']} stalls over 100 ms "
                  f"({r['findings']} findings)")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
