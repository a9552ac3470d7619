"""附件3 申报表 and its 附件9 成果报告书, one tab each part."""
from __future__ import annotations

from forms.attachments import owner_folder
from forms.team_report import TeamMember
from ui.blocks.base import BlockContext
from ui.pages.base import FormPage, PageContext
from ui.steps import StepsEditor


class TeamAchievementPage(FormPage):
    def __init__(self, context: PageContext, index: int) -> None:
        self.index = index
        self.title = f"班组成果 {index + 1}（附件3 申报表 · 附件9 成果报告书）"
        super().__init__(context)
        a = context.project.team_achievements[index]
        at = ("team_achievements", index)
        form = self.add_tab("申报表（附件3）")
        self.certificate_and_contact(form, a, at, "team_name", (
            "postcode", "supervising_department", "contact_person", "mobile", "landline", "leader",
            "member_count"))
        form.heading("主要完成人")
        self.field(form, a, "main_contributors", (*at, "main_contributors"))
        form.heading("班组指标")
        self.fields_of(form, a, at, ("work_completion_rate", "satisfaction_rate", "pass_rate",
                                     "assessment_pass_rate", "participation_rate", "quality_cost",
                                     "training_attendance", "customer_complaints", "incidents"))
        self.field(form, a, "no_incidents_3y", (*at, "no_incidents_3y"), wide=True)
        form.heading("简介与日期")
        self.field(form, a, "summary", (*at, "summary"), kind="long", min_height=160,
                   limit=context.profile.limits.summary_max_chars)
        self.fields_of(form, a, at, ("completed_on", "sign_date"))
        self.field(form, a, "attachments", (*at, "attachments"), kind="files")
        form.finish()

        r = a.report
        rp = (*at, "report")
        cover = self.add_tab("报告书：封面与班组概况")
        self.fields_of(cover, r, rp, ("presenter", "report_date", "registration_no"))
        cover.heading("班组概况")
        for key in ("composition", "duties", "work", "culture_vision"):
            self.field(cover, r.overview, key, (*rp, "overview", key), kind="long", min_height=70)
        cover.finish()
        members = self.add_tab("报告书：班组成员")
        self.field(members, r, "members", (*rp, "members"), kind="records", record=TeamMember)
        members.finish()
        blocks = BlockContext(context.project_file, context.save, context.base_dir,
                              pictures_folder=lambda: owner_folder(at, a, "image"))
        self.steps = StepsEditor(lambda: a.report.sections, (*rp, "sections"),
                                 lambda: context.profile.steps.team, blocks)
        self.add_steps(self.steps, "报告书：具体内容")
