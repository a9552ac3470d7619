"""申报单位: the declaring unit, printed in the headers of 附件2–7."""
from __future__ import annotations

from forms.fields import Date, FormModel, Text, field


class Declarant(FormModel):
    name: Text = field("申报单位", "以公章为准：填写与单位公章完全一致的名称。", default="")
    contact_person: Text = field("联系人", "负责本单位申报工作的联系人。", default="")
    phone: Text = field("电话", "座机，如 010-84885418。", default="")
    mobile: Text = field("手机", "11位手机号码。", default="")
    fill_date: Date | None = field("填报日期", "汇总表（附件4、附件5）上的填报日期。")
    department: Text = field("归口部门", "质量管理小组/质量信得过班组工作归口部门（附件6）。", default="")
    department_head: Text = field("负责人", "归口部门负责人（附件6）。", default="")
    address: Text = field("通讯地址", default="")
    postcode: Text = field("邮编", "6位数字。", default="")
    email: Text = field("电子邮箱", default="")
