"""Time ``check_project`` on a large project: the sample's achievements repeated, up to 200.

    python benchmarks/check_benchmark.py [--achievements 200] [--runs 15] [--profile]

Two projects: the reports completed with their blocks (排列图, 因果图, 要因确认表, 对策表, 经济效益,
活动计划), which pass every check, and the sample's reports as they are (text only; a finding
is named and located, which costs too, where they give one). Each is checked without its folder (no
file looked at), with it (the 200 achievements list the sample's 8 files over and over, and one
check looks at each distinct file once), and with every achievement listing its own copies of
them (400 distinct files, as in a real project). The window re-checks the whole project after
every edit, so this must stay well within 50 ms. On an idle 2-core machine, CPU medians: 24–29
ms without the folder or with the sample's 8 files, 34–36 ms with 400 distinct files (38–56 ms
before the size walk, the file look-ups and the rules were made cheaper). Then the page fit of the
one-page forms, cold, and ``qcdesk check`` as a whole process (target: 0.5 s for 200
achievements). Wall time suffers when other programs load the machine; the CPU time of this process is the steadier figure. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import cProfile
import json
import pstats
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forms.blocks import ImageBlock  # noqa: E402
from forms.project import Project  # noqa: E402
from forms.project_file import save_project  # noqa: E402
from forms.rules import check_project  # noqa: E402
from forms.sample import SAMPLE_FILE, write_sample  # noqa: E402
from tests.report_fixtures import complete  # noqa: E402


def big_project(count: int, *, blocks: bool = True) -> Project:
    """``count`` achievements, three groups to one team, each with its own title."""
    data = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    if blocks:
        data = complete(data)
    groups, teams = data["group_achievements"], data["team_achievements"]
    n_teams = count // 4
    data["group_achievements"] = []
    for i in range(count - n_teams):
        a = copy.deepcopy(groups[i % len(groups)])
        a["title"] = f"{a['title']}（第{i + 1}项）"
        data["group_achievements"].append(a)
    data["team_achievements"] = []
    for i in range(n_teams):
        a = copy.deepcopy(teams[i % len(teams)])
        a["title"] = f"{a['title']}（第{i + 1}项）"
        data["team_achievements"].append(a)
    data["statistics"].update(qc_groups_registered_total=5 * count, qc_groups_registered=2 * count,
                              qc_groups_active=count, qc_groups_with_results=count)
    data["statistics"]["teams"] = n_teams
    return Project.model_validate(data)


def own_files(project: Project, base: Path) -> tuple[Project, int]:
    """``project`` with every achievement listing its own copies (links) of its files, in its own
    folder under ``base``; and how many distinct files it lists."""
    project = project.model_copy(deep=True)
    names: set[str] = set()
    for number, a in enumerate([*project.group_achievements, *project.team_achievements], 1):
        folder = base / f"成果{number}"
        folder.mkdir(exist_ok=True)

        def own(name: str) -> str:
            target = folder / Path(name).name
            if not target.exists():
                try:
                    os.link(base / name, target)
                except OSError:
                    shutil.copyfile(base / name, target)
            names.add(f"{folder.name}/{target.name}")
            return f"{folder.name}/{target.name}"

        a.attachments = [own(name) for name in a.attachments]
        for section in a.report.sections:
            for block in section.blocks:
                if isinstance(block, ImageBlock) and block.path:
                    block.path = own(block.path)
    return project, len(names)


def whole_process(project: Project, base: Path, runs: int) -> None:
    """``qcdesk check FILE`` as a user runs it: a new interpreter, imports, load, check, print."""
    path = base / "big.qcproj"
    save_project(project, path)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "app", "check", str(path)]
    wall, cpu = [], []
    for _ in range(max(3, runs // 3)):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=root, capture_output=True, check=False)
        wall.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(after.children_user + after.children_system - before.children_user - before.children_system)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"qcdesk check (whole process), {len(project.group_achievements) + len(project.team_achievements)} "
          f"achievements: wall median {statistics.median(wall):.2f} s (min {min(wall):.2f}), "
          f"CPU median {statistics.median(cpu):.2f} s (min {min(cpu):.2f}); load average {load:.1f}")


def page_fit_cold(project: Project) -> None:
    """The page fit of every one-page form (exporters.page_fit), cold in this process, and how many
    forms the bounds of exporters.page_bound leave to reportlab's layout."""
    from exporters import page_fit
    from forms.campaign import load_campaign

    profile = load_campaign(project.campaign)
    known = page_fit.pages_known
    asked, open_ = [0], [0]

    def counting(doc):  # type: ignore[no-untyped-def]
        asked[0] += 1
        result = known(doc)
        open_[0] += result is None
        return result

    page_fit.pages_known = counting
    try:
        start, start_cpu = time.perf_counter(), time.process_time()
        page_fit.page_fit_findings(project, profile)
        cpu = (time.process_time() - start_cpu) * 1000
        wall = (time.perf_counter() - start) * 1000
    finally:
        page_fit.pages_known = known
    forms = len(project.group_achievements) + len(project.team_achievements) + 2
    print(f"page fit of {forms} one-page forms, cold: wall {wall:.0f} ms, CPU {cpu:.0f} ms; "
          f"{asked[0]} bound checks, {open_[0]} left to reportlab's layout "
          f"(reportlab loaded: {'reportlab' in sys.modules})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--achievements", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="print the 25 most expensive functions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        write_sample(base / "sample.qcproj")   # the attachments exist, as in a real project folder
        for blocks in (True, False):
            project = big_project(args.achievements, blocks=blocks)
            count = sum(len(s.blocks) for a in project.group_achievements for s in a.report.sections)
            what = f"{count} blocks" if blocks else "text-only reports"
            own, distinct = own_files(project, base)
            check_project(project, base_dir=base)  # warm up: profile, word lists, label cache
            for label, checked, base_dir in (("without files", project, None), ("with files", project, base),
                                             (f"with its own files ({distinct})", own, base)):
                wall, cpu = [], []
                for _ in range(args.runs):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    findings = check_project(checked, base_dir=base_dir)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                    wall.append((time.perf_counter() - start) * 1000)
                load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
                print(f"check_project, {args.achievements} achievements ({what}), {label}: "
                      f"wall median {statistics.median(wall):.1f} ms (min {min(wall):.1f}), "
                      f"CPU median {statistics.median(cpu):.1f} ms (min {min(cpu):.1f}) "
                      f"over {args.runs} runs; {len(findings)} findings; load average {load:.1f}")
        page_fit_cold(big_project(args.achievements))
        whole_process(big_project(args.achievements), base, args.runs)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                check_project(project, base_dir=base)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
