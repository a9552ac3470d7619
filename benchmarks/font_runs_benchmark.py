"""Time ``exporters.fonts.font_runs`` on texts of growing length (it should grow linearly).

    python benchmarks/font_runs_benchmark.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exporters.fonts import font_runs  # noqa: E402

UNIT = "质量管理小组QC活动温度168℃☑□ ABC，"


def main() -> None:
    font_runs(UNIT, "song")   # load the fonts first
    print(f"{'characters':>12} {'runs':>10} {'seconds':>8}")
    for size in (10_000, 100_000, 800_000, 1_000_000, 4_000_000):
        text = (UNIT * (size // len(UNIT) + 1))[:size]
        start = time.perf_counter()
        runs = font_runs(text, "song")
        print(f"{size:>12,} {len(runs):>10,} {time.perf_counter() - start:>8.3f}")


if __name__ == "__main__":
    main()
