"""Property tests: any project survives save → load unchanged; a mutated file never crashes the loader."""
from __future__ import annotations

import json
import logging
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.project import Project
from forms.project_file import ProjectFileError, load_project, save_project
from forms.rules import check_project
from forms.sample import SAMPLE_FILE

text = st.text(max_size=40)
opt_date = st.none() | st.dates()
opt_int = st.none() | st.integers(min_value=-5, max_value=10_000)
money = st.none() | st.decimals(min_value=-10, max_value=10**9, allow_nan=False, allow_infinity=False, places=2) \
    | st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False, places=6)
names = st.lists(text, max_size=16)
section = st.fixed_dictionaries({"step": st.sampled_from(["选择课题", "现状调查", "标准化", "明确定位", "自由"]), "text": text})

group_member = st.fixed_dictionaries({"name": text, "age": opt_int, "education": text, "title": text,
                                      "role": text, "remark": text})
team_member = st.fixed_dictionaries({"name": text, "age": opt_int, "education": text, "title": text,
                                     "duty": text, "remark": text})
group = st.fixed_dictionaries({
    "title": text, "group_name": text, "enterprise": text, "address": text, "postcode": text,
    "contact_department": text, "contact_person": text, "mobile": text, "advisor": text, "leader": text,
    "member_count": opt_int, "main_contributors": names,
    "topic_type": st.none() | st.sampled_from(["问题解决型", "创新型"]),
    "economic_benefit": money, "summary": text, "completed_on": opt_date, "sign_date": opt_date,
    "attachments": st.lists(text, max_size=3),
    "report": st.fixed_dictionaries({
        "presenter": text, "report_date": opt_date, "registration_no": text, "founded_on": opt_date,
        "activity_start": opt_date, "activity_end": opt_date, "meetings_this_year": opt_int,
        "target_kind": st.none() | st.sampled_from(["自定目标", "指令性目标"]),
        "members": st.lists(group_member, max_size=3), "sections": st.lists(section, max_size=4)}),
})
team = st.fixed_dictionaries({
    "title": text, "team_name": text, "enterprise": text, "member_count": opt_int, "main_contributors": names,
    "pass_rate": money, "quality_cost": money, "incidents": opt_int, "completed_on": opt_date,
    "report": st.fixed_dictionaries({
        "presenter": text,
        "overview": st.fixed_dictionaries({"composition": text, "duties": text, "work": text, "culture_vision": text}),
        "members": st.lists(team_member, max_size=3), "sections": st.lists(section, max_size=3)}),
})
statistics = st.none() | st.fixed_dictionaries({
    "qc_participants": opt_int, "employees": opt_int, "qc_funding": money,
    "review_formats": st.lists(st.sampled_from(["发表评审", "现场评审", "与QC小组合并开", "单独举办"]), unique=True),
    "remarks": text})
reviewer = st.fixed_dictionaries({"name": text, "experience": text, "email": text,
                                  "review_types": st.lists(st.sampled_from(["小组成果", "班组成果"]), unique=True),
                                  "evidence": st.lists(text, max_size=2)})
project = st.fixed_dictionaries({
    "format": st.just("qcdesk"), "version": st.just(1), "campaign": st.just(2024),
    "declarant": st.fixed_dictionaries({"name": text, "mobile": text, "fill_date": opt_date}),
    "group_achievements": st.lists(group, max_size=2), "team_achievements": st.lists(team, max_size=2),
    "statistics": statistics, "reviewers": st.lists(reviewer, max_size=3),
}).map(Project.model_validate)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project)
def test_save_then_load_gives_the_same_project(p: Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qcproj"
        save_project(p, path)
        assert load_project(path).model_dump() == p.model_dump()


@settings(max_examples=40, deadline=None)
@given(project)
def test_rules_never_fail_on_any_project(p: Project) -> None:
    logger = logging.getLogger("forms.rules")
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        check_project(p)
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records] == []


SAMPLE_BYTES = SAMPLE_FILE.read_bytes()
SAMPLE_JSON = json.loads(SAMPLE_BYTES)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)


def _replace_somewhere(data: object, choices: list[int], value: object) -> object:
    """Replace one nested value (chosen by ``choices``) with ``value``."""
    if not choices or not isinstance(data, (dict, list)) or not data:
        return value
    keys = list(data.keys()) if isinstance(data, dict) else list(range(len(data)))
    key = keys[choices[0] % len(keys)]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = _replace_somewhere(data[key], choices[1:], value)
    return copy


def _load_or_message(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.qcproj"
        path.write_bytes(content)
        try:
            loaded = load_project(path)
        except ProjectFileError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            check_project(loaded)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(SAMPLE_BYTES)))
def test_truncated_file_gives_a_message(cut: int) -> None:
    _load_or_message(SAMPLE_BYTES[:cut])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6), json_values)
def test_a_value_replaced_anywhere_gives_a_project_or_a_message(choices: list[int], value: object) -> None:
    mutated = _replace_somewhere(SAMPLE_JSON, choices, value)
    _load_or_message(json.dumps(mutated, ensure_ascii=False).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(SAMPLE_BYTES) - 1), st.binary(min_size=1, max_size=4))
def test_corrupted_bytes_give_a_project_or_a_message(offset: int, junk: bytes) -> None:
    _load_or_message(SAMPLE_BYTES[:offset] + junk + SAMPLE_BYTES[offset + len(junk):])


def test_money_keeps_its_value_as_a_number() -> None:
    p = Project.model_validate({"group_achievements": [{"economic_benefit": "186.50"}]})
    assert p.group_achievements[0].economic_benefit == Decimal("186.50")
    assert p.model_dump(mode="json")["group_achievements"][0]["economic_benefit"] == 186.5
