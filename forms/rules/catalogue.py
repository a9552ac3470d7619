"""The checks that have a code: what each one looks at, in a short Chinese title, and where it applies.

The 方法自查 view lists them for one achievement with ✓ or the findings; ``docs``/help may list them.
"""
from __future__ import annotations

from dataclasses import dataclass

from forms.group_achievement import GroupAchievement
from forms.rules.findings import category_of
from forms.team_achievement import TeamAchievement


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    group: bool = True   # applies to a group achievement (附件2/8)
    team: bool = False   # applies to a team achievement (附件3/9)
    topic: str | None = None        # only for this 课题类型
    target_kind: str | None = None  # only for this 目标类型 ("自定目标" also when none is chosen)

    @property
    def category(self) -> str:
        return category_of(self.code)

    def applies_to(self, a: GroupAchievement | TeamAchievement) -> bool:
        if isinstance(a, TeamAchievement):
            return self.team
        if not self.group:
            return False
        if self.topic and a.topic_type != self.topic:
            return False
        if self.target_kind == "自定目标" and a.report.target_kind == "指令性目标":
            return False
        return True


CHECKS: tuple[Check, ...] = (
    Check("Q1", "步骤齐全、有内容，且符合课题类型和目标类型", team=True),
    Check("Q2", "现状调查有数据：调查表、排列图、柱状图或折线图", topic="问题解决型", target_kind="自定目标"),
    Check("Q3", "排列图：3至9个项目，“其他”不超过10%，数据不少于50个", team=True),
    Check("Q4", "目标量化：有数值和单位，方向与现状相比正确", topic="问题解决型"),
    Check("Q5", "要因确认表逐条针对因果图的末端因素", team=True),
    Check("Q6", "每个末端因素都经确认，写明确认方法和确认结果", team=True),
    Check("Q7", "要因与对策一一对应", team=True),
    Check("Q8", "对策表按5W1H填全（对策、目标、措施、地点、负责人、完成时间）", team=True),
    Check("Q9", "对策具体、可检查，不是“加强教育”一类态度要求", team=True),
    Check("Q10", "要因确认和对策的负责人是本组成员", team=True),
    Check("Q11", "目标已实现（活动后的实际值达到目标值）"),
    Check("Q12", "效果检查有图表，且与现状调查同类比较"),
    Check("Q13", "经济效益计算的合计与申报表一致"),
    Check("Q14", "提出方案并确定最佳方案：有方案比较的表或图", topic="创新型"),
    Check("Q15", "有活动计划（甘特图），日期在活动时间之内"),
    Check("C1", "主要完成人和组长都在成员表中，组长只有一人", team=True),
    Check("C2", "活动统计表的成果数、班组数不少于申报数", group=False),
    Check("C3", "成果名称不重复，评委不重复", team=True),
    Check("C4", "姓名和证书信息没有“张三”“XXX”“待填”一类占位文字", team=True),
    Check("N1", "班组已登记注册（注册编号）", group=False, team=True),
    Check("N2", "班组近三年未发生质量、安全、环保事故（已确认）", group=False, team=True),
    Check("N3", "活动记录、活动统计表和评委证明材料齐全", team=True),
    Check("N4", "小组/班组名称、企业名称不挂上级单位", team=True),
    Check("N5", "班组名称区分“班”和“组”，不以“班组”结尾", group=False, team=True),
    Check("N6", "姓名中的空格已核对（少数民族、外国人姓名）", team=True),
    Check("N7", "问题解决型课题填写了经济效益", topic="问题解决型"),
)
"""Every coded check, in the order the 方法自查 view lists them."""

BY_CODE: dict[str, Check] = {c.code: c for c in CHECKS}


def checks_for(a: GroupAchievement | TeamAchievement, category: str | None = None) -> list[Check]:
    """The checks that apply to an achievement (optionally of one category)."""
    return [c for c in CHECKS if c.applies_to(a) and (category is None or c.category == category)]
