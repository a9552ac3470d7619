"""附件2 申报表 and its 附件8 成果报告书, one tab each part."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from forms.attachments import owner_folder
from forms.group_achievement import TOPIC_TYPES
from forms.group_report import DIRECTIONS, TARGET_KINDS, GroupMember
from ui.blocks.base import BlockContext
from ui.pages.base import FormPage, PageContext
from ui.steps import StepsEditor


class GroupAchievementPage(FormPage):
    def __init__(self, context: PageContext, index: int) -> None:
        self.index = index
        self.title = f"小组成果 {index + 1}（附件2 申报表 · 附件8 成果报告书）"
        super().__init__(context)
        a = context.project.group_achievements[index]
        at = ("group_achievements", index)
        form = self.add_tab("申报表（附件2）")
        self.certificate_and_contact(form, a, at, "group_name", (
            "postcode", "contact_department", "contact_person", "mobile", "advisor", "leader", "member_count"))
        form.heading("成果")
        self.field(form, a, "main_contributors", (*at, "main_contributors"))
        topic = self.field(form, a, "topic_type", (*at, "topic_type"), choices=TOPIC_TYPES)
        self.field(form, a, "economic_benefit", (*at, "economic_benefit"))
        # No fixed limit: whether the form stays one page is measured on its layout (a warning here).
        self.field(form, a, "summary", (*at, "summary"), kind="long", min_height=160)
        self.fields_of(form, a, at, ("completed_on", "sign_date"))
        self.field(form, a, "attachments", (*at, "attachments"), kind="files")
        form.finish()

        r = a.report
        rp = (*at, "report")
        cover = self.add_tab("报告书：封面与概况")
        self.fields_of(cover, r, rp, ("presenter", "report_date", "registration_no", "founded_on",
                                      "activity_start", "activity_end", "meetings_this_year"))
        target = self.field(cover, r, "target_kind", (*rp, "target_kind"), choices=TARGET_KINDS)
        cover.heading("课题指标（用于柱状图和方法自查）")
        gp = (*rp, "goal")
        goal_fields = [self.field(cover, r.goal, "indicator", (*gp, "indicator")),
                       self.field(cover, r.goal, "unit", (*gp, "unit")),
                       self.field(cover, r.goal, "direction", (*gp, "direction"), choices=DIRECTIONS)]
        goal_fields += [self.field(cover, r.goal, key, (*gp, key)) for key in ("baseline", "target", "achieved")]
        cover.finish()
        members = self.add_tab("报告书：小组成员")
        self.field(members, r, "members", (*rp, "members"), kind="records", record=GroupMember)
        members.finish()

        blocks = BlockContext(context.project_file, context.save, context.base_dir, lambda: a.report.goal,
                              lambda: owner_folder(at, a, "image"))
        self.steps = StepsEditor(lambda: a.report.sections, (*rp, "sections"),
                                 lambda: context.profile.group_steps(a.topic_type, a.report.target_kind), blocks)
        for goal_field in goal_fields:        # 柱状图 drawn from the goal follow it
            goal_field.changed.connect(self.steps.goal_changed)
        self.add_steps(self.steps, "报告书：具体内容")
        # The step list follows 课题类型 and 目标类型 as they change.
        topic.changed.connect(self._topic_changed)
        target.changed.connect(self.steps.follow_sequence)
        topic.confirm = lambda old, new: self._confirm_steps(new, a.report.target_kind, "课题类型", new)
        target.confirm = lambda old, new: self._confirm_steps(a.topic_type, new, "目标类型", new)
        self._target = target
        self._topic_changed()

    def _confirm_steps(self, topic: str | None, target: str | None, what: str, choice: str | None) -> bool:
        """Changing 课题类型/目标类型 changes the step list: ask first when filled steps would leave it."""
        a = self.context.project.group_achievements[self.index]
        steps = self.context.profile.group_steps
        after = steps(topic, target)
        leaving = [s.step for s in a.report.sections
                   if s.step in steps(a.topic_type, a.report.target_kind) and s.step not in after
                   and (s.text.strip() or s.blocks)]
        if not leaving:
            return True
        names = "、".join(f"“{step}”" for step in leaving)
        answer = QMessageBox.question(
            self, f"更改{what}",
            f"改为“{choice or '未选择'}”后，具体内容中的{names}将不再列出。\n\n"
            "已填写的内容会保留在项目中，改回原来的类型就会重新出现；也可以用“编辑 → 撤销”恢复。\n\n"
            f"确定要更改{what}吗？")
        return answer == QMessageBox.StandardButton.Yes

    def _topic_changed(self) -> None:
        a = self.context.project.group_achievements[self.index]
        self._target.setEnabled(a.topic_type != "创新型")
        self.steps.follow_sequence()
