"""附件6 质量管理小组/质量信得过班组建设活动统计表, with its derived rates."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Annotated, Literal

from pydantic import BeforeValidator

from forms.fields import Choice, Count, FormModel, Money, Text, field, split_choices

ReviewFormat = Literal["发表评审", "现场评审", "与QC小组合并开", "单独举办"]
REVIEW_FORMATS: tuple[str, ...] = ("发表评审", "现场评审", "与QC小组合并开", "单独举办")
NO_VALUE = "—"


class Statistics(FormModel):
    qc_groups_registered_total: Count | None = field("历年来已登记注册QC小组累计数", json_schema_extra={"unit": "个"})
    qc_groups_registered: Count | None = field("本年度已登记注册QC小组数", json_schema_extra={"unit": "个"})
    qc_participants: Count | None = field("参加QC小组人数", "用于计算普及率。", json_schema_extra={"unit": "人"})
    employees: Count | None = field("职工总数", "用于计算普及率。", json_schema_extra={"unit": "人"})
    qc_groups_active: Count | None = field("本年度坚持活动的QC小组数", json_schema_extra={"unit": "个"})
    qc_economic_benefit: Money | None = field("本年度QC小组创可计算的经济效益", json_schema_extra={"unit": "万元"})
    qc_groups_with_results: Count | None = field("取得成果小组数", "用于计算成果率。", json_schema_extra={"unit": "个"})
    qc_funding: Money | None = field(
        "本年度企业对QC小组活动经费投入（培训、交流、书籍等费用）", json_schema_extra={"unit": "万元"})
    qc_rewards: Money | None = field("本年度企业对QC小组活动奖励费用", json_schema_extra={"unit": "万元"})
    teams: Count | None = field("本年度开展质量信得过班组建设活动班组数", json_schema_extra={"unit": "个"})
    teams_total: Count | None = field("历年开展质量信得过班组建设活动班组累计数", json_schema_extra={"unit": "个"})
    team_participants: Count | None = field(
        "本年度参与质量信得过班组建设活动员工数", json_schema_extra={"unit": "人次"})
    team_funding: Money | None = field(
        "本年度对质量信得过班组建设活动投入费用（培训、交流、规范化等）", json_schema_extra={"unit": "万元"})
    team_rewards: Money | None = field("本年度对质量信得过班组建设活动奖励费用", json_schema_extra={"unit": "万元"})
    review_formats: Annotated[list[Annotated[ReviewFormat, Choice]], BeforeValidator(split_choices)] = field("质量信得过班组评审及交流形式", "可多选。", default=[])
    remarks: Text = field(
        "本年度开展质量管理小组活动、质量信得过班组建设活动主要特点、存在问题及建议", default="")

    @property
    def popularity_rate(self) -> Decimal | None:
        """本年度QC小组普及率 = 参加QC小组人数/职工总数×100%."""
        return percentage(self.qc_participants, self.employees)

    @property
    def result_rate(self) -> Decimal | None:
        """本年度QC小组成果率 = 取得成果小组数/QC小组注册数×100%."""
        return percentage(self.qc_groups_with_results, self.qc_groups_registered)


def unit_of(key: str) -> str:
    extra = Statistics.model_fields[key].json_schema_extra
    return str(extra.get("unit", "")) if isinstance(extra, dict) else ""


def percentage(part: int | None, whole: int | None) -> Decimal | None:
    """``part/whole×100`` to two decimals (half up), or ``None`` when it cannot be computed."""
    if part is None or not whole:
        return None
    with localcontext() as ctx:   # room for every digit: a draft may hold absurd counts
        ctx.prec = max(28, Decimal(part).adjusted() + 8)
        return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_rate(value: Decimal | None) -> str:
    """``12.50%`` or ``—`` for a rate that cannot be computed (e.g. a zero divisor)."""
    return NO_VALUE if value is None else f"{value:.2f}%"
