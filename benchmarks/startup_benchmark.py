"""Time from ``qcdesk FILE`` to a window whose title names the file, under a real X server.

    python benchmarks/startup_benchmark.py [--runs 5]

Needs Xvfb and xdotool (Debian packages xvfb, xdotool); starts its own Xvfb. Prints figures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("needs Xvfb and xdotool (apt-get install xvfb xdotool)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = folder / "计时.qcproj"
        subprocess.run([sys.executable, "-m", "app.cli", "new", "--sample", str(project)], check=True,
                       capture_output=True)
        display = ":93"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = dict(os.environ, DISPLAY=display, QCDESK_DATA_DIR=str(folder / "data"),
                   QCDESK_LOG_DIR=str(folder / "logs"))
        env.pop("QT_QPA_PLATFORM", None)
        times = []
        try:
            time.sleep(1)
            for _ in range(args.runs):
                start = time.perf_counter()
                app = subprocess.Popen([sys.executable, "-m", "app.cli", str(project)], env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                while time.perf_counter() - start < 30:
                    found = subprocess.run(["xdotool", "search", "--name", project.name], env=env,
                                           capture_output=True)
                    if found.returncode == 0:
                        times.append(time.perf_counter() - start)
                        break
                    time.sleep(0.02)
                app.terminate()
                app.wait(10)
        finally:
            xvfb.terminate()
        log = (folder / "logs" / "qcdesk.log").read_text(encoding="utf-8")
    print(f"window with the file's name shown after: median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s over {len(times)} runs; traceback in log: {'Traceback' in log}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
