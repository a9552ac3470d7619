"""Reliability: kill -9 during save and autosave, seeded fuzzing of project files through
load → check → save → draft export, hostile text in every text field.

Fast by default (a few hundred cases); ``python -m pytest -m reliability`` runs the long version
(thousands of cases). Every case is seeded: a failure names its seed, and ``hostile.mutate(seed)``
gives the file back.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import autosave
from exporters.bundle import ExportCancelled, ExportFailed, ExportRefused, export_bundle
from forms.project import Project
from forms.project_file import ProjectFileError, load_project, remove_stale_temp_files, save_project
from forms.rules import check_project
from forms.sample import SAMPLE_DIR, load_sample
from tests.hostile import HOSTILE_TEXT, mutate, set_every_text

ROOT = Path(__file__).resolve().parent.parent
OUR_ERRORS = (ProjectFileError, ExportFailed, ExportRefused, ExportCancelled)
"""Failures that are ours: a Chinese message for the user. Anything else is a bug."""

KNOWN_EXPORT_GAPS: tuple[type[BaseException], ...] = ()
"""Export failures known and not yet fixed, counted and shown, never hidden. None today: a table
cell taller than a page used to stop the PDF writer; rows are now split across pages."""

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


SCALES = [pytest.param(1, id="fast"), pytest.param(10, id="long", marks=pytest.mark.reliability)]
"""Each loop runs at scale 1 in the normal suite and at scale 10 with ``-m reliability``."""


# ---- kill -9 during save and autosave -----------------------------------------------------------

_SAVER = r"""
import sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from forms.sample import load_sample
from forms.project_file import save_project
from app import autosave
mode, target = sys.argv[1], Path(sys.argv[2])
versions = [load_sample(), load_sample()]
versions[1].declarant.name = "版本二"
versions[1].group_achievements[0].summary = "长文本" * 20000   # a bigger file: longer writes
i = 0
while True:
    project = versions[i % 2]
    if mode == "save":
        save_project(project, target)
    else:
        autosave.write_draft(project, target, "kill")
    if i == 0:
        print("ready", flush=True)
    i += 1
"""

NAMES = {"江海石油化工股份有限公司", "版本二"}


def _kill_during(mode: str, target: Path, rng: random.Random, env: dict[str, str]) -> None:
    child = subprocess.Popen([sys.executable, "-c", _SAVER, mode, str(target), str(ROOT)],
                             stdout=subprocess.PIPE, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.15))   # somewhere in the middle of some save
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


@posix_only
@pytest.mark.parametrize("scale", SCALES)
def test_kill_during_save_leaves_the_old_or_the_new_file(tmp_path: Path, scale: int) -> None:
    rng = random.Random(8)
    target = tmp_path / "p.qcproj"
    left_behind = 0
    for _ in range(4 * scale):
        _kill_during("save", target, rng, dict(os.environ))
        left_behind += bool(_temps(tmp_path))
        assert load_project(target).declarant.name in NAMES
        backup = target.with_name(target.name + ".bak")
        if backup.exists():
            assert load_project(backup).declarant.name in NAMES
        assert not _temps(tmp_path)      # opening the file removed what the killed save left
    print(f"kill during save: {4 * scale} kills, {left_behind} left temporary files (removed on open)")


@posix_only
@pytest.mark.parametrize("scale", SCALES)
def test_kill_during_autosave_leaves_a_recoverable_draft(tmp_path: Path, scale: int,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    data = tmp_path / "data"
    monkeypatch.setenv("QCDESK_DATA_DIR", str(data))
    target = tmp_path / "p.qcproj"
    left_behind = 0
    for _ in range(3 * scale):
        _kill_during("autosave", target, rng, dict(os.environ))
        left_behind += bool(_temps(data / "autosave"))
        drafts = autosave.pending_drafts()
        assert len(drafts) == 1 and drafts[0].original == target.absolute()
        recovered = autosave.recover(drafts[0])
        assert recovered is not None and recovered.declarant.name in NAMES
    autosave.write_draft(load_sample(), target, "kill")     # the next autosave cleans up
    assert not _temps(data / "autosave")
    print(f"kill during autosave: {3 * scale} kills, {left_behind} left temporary files (removed)")


# ---- fuzzing project files -----------------------------------------------------------------------

def _longest_text(project: Project) -> int:
    return max((len(s) for s in _strings(project.model_dump())), default=0)


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _draft_export(project: Project, out: Path) -> str:
    """'ok', 'ours' (a Chinese refusal) or 'gap' (a known export gap); anything else raises."""
    try:
        export_bundle(project, out, base_dir=SAMPLE_DIR, draft=True)
    except OUR_ERRORS:
        return "ours"
    except KNOWN_EXPORT_GAPS:
        return "gap"
    return "ok"


@pytest.mark.parametrize("scale", SCALES)
def test_fuzzed_files_load_check_save_and_export(tmp_path: Path, scale: int) -> None:
    cases = 300 * scale
    exports_wanted = 1 if scale == 1 else 30
    counts = {"refused": 0, "loaded": 0, "exported": 0, "gap": 0}
    for seed in range(cases):
        what, content = mutate(seed)
        path = tmp_path / "f.qcproj"
        path.write_bytes(content)
        try:
            project = load_project(path)
        except ProjectFileError as exc:
            assert str(exc) and "\n" not in str(exc), (seed, what)
            counts["refused"] += 1
            continue
        counts["loaded"] += 1
        check_project(project, base_dir=SAMPLE_DIR)           # never raises
        save_project(project, tmp_path / "again.qcproj")       # whatever opens can be saved …
        load_project(tmp_path / "again.qcproj")                # … and opened again
        # Long texts go through export in the long run only: today's writers take minutes on them.
        if counts["exported"] < exports_wanted and (scale > 1 or _longest_text(project) < 2000):
            result = _draft_export(project, tmp_path / f"out{seed}")
            counts["exported"] += 1
            counts["gap"] += result == "gap"
    print(f"fuzz: {cases} files, {counts}")
    assert counts["loaded"] > cases // 10 and counts["refused"] > cases // 3


# ---- hostile text in every field ----------------------------------------------------------------

SHORT_KINDS = [kind for kind in HOSTILE_TEXT if kind != "long"]


@pytest.mark.parametrize("scale", SCALES)
def test_hostile_text_in_every_field_checks_saves_and_exports(tmp_path: Path, scale: int) -> None:
    rounds = 1 if scale == 1 else len(SHORT_KINDS)
    for offset in range(rounds):
        project = load_sample()
        count = set_every_text(project, lambda i: HOSTILE_TEXT[SHORT_KINDS[(i + offset) % len(SHORT_KINDS)]])
        assert count > 300
        check_project(project, base_dir=SAMPLE_DIR)
        save_project(project, tmp_path / "h.qcproj")
        again = load_project(tmp_path / "h.qcproj")
        assert again.group_achievements[0].report.presenter != ""
        assert _draft_export(project, tmp_path / f"out{offset}") == "ok"


@pytest.mark.reliability
def test_long_text_in_every_field_is_checked_and_saved_or_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "l.qcproj"
    save_project(load_sample(), path)
    before = path.read_bytes()
    project = load_sample()
    assert set_every_text(project, lambda i: HOSTILE_TEXT["long"]) > 300
    findings = check_project(project, base_dir=SAMPLE_DIR)
    assert any("超过" in f.message for f in findings)       # the length rules speak up
    with pytest.raises(ProjectFileError, match="项目过大"):   # ~90 MB: could not be opened again
        save_project(project, path)
    assert path.read_bytes() == before


def test_long_text_in_one_field_of_each_form_is_saved_and_reopened(tmp_path: Path) -> None:
    project = load_sample()
    long = HOSTILE_TEXT["long"]
    project.declarant.address = long
    project.group_achievements[0].summary = long
    project.team_achievements[0].report.sections[0].text = long
    project.statistics.remarks = long
    project.reviewers[0].experience = long
    check_project(project, base_dir=SAMPLE_DIR)
    save_project(project, tmp_path / "l.qcproj")
    again = load_project(tmp_path / "l.qcproj")
    assert again.reviewers[0].experience == long and again.declarant.address == long


@pytest.mark.reliability
def test_long_text_in_a_report_step_exports(tmp_path: Path) -> None:
    project = load_sample()
    project.group_achievements[0].report.sections[1].text = HOSTILE_TEXT["long"]
    project.team_achievements[0].report.sections[0].text = HOSTILE_TEXT["long"]
    assert _draft_export(project, tmp_path / "out") == "ok"


@pytest.mark.reliability
def test_a_cell_taller_than_a_page(tmp_path: Path) -> None:
    project = load_sample()
    project.group_achievements[0].report.members[0].remark = "备注内容\n" * 400
    export_bundle(project, tmp_path / "out", base_dir=SAMPLE_DIR, draft=True)
