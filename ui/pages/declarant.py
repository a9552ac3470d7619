"""申报单位: entered once, printed on every form and offered to new achievements."""
from __future__ import annotations

from ui.pages.base import FormPage, PageContext


class DeclarantPage(FormPage):
    title = "申报单位"

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        d = context.project.declarant
        grid = self.single_grid()
        note = "这里填写的单位信息印在附件2至附件7的表头，新建成果时也会自动带入企业名称和地址。"
        self.header.setToolTip(note)
        grid.heading("表头信息（附件4、附件5）")
        for key in ("name",):
            self.field(grid, d, key, ("declarant", key), wide=True)
        for key in ("contact_person", "phone", "mobile", "fill_date"):
            self.field(grid, d, key, ("declarant", key))
        grid.heading("归口部门（附件6 表尾）")
        for key in ("department", "department_head", "address", "postcode", "email"):
            self.field(grid, d, key, ("declarant", key), wide=key == "address")
        grid.finish()
