"""Regenerate the small PDFs the embedded sample project lists as attachments and evidence."""
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "sample" / "示例附件"
pdfmetrics.registerFont(TTFont("WQY", str(ROOT / "resources/fonts/wqy-microhei.ttc"), subfontIndex=0))

DOCS = {
    "节能先锋QC小组活动记录.pdf": ["节能先锋QC小组活动记录（示例）", "2023年5月8日 课题启动会，参加8人。", "2023年6月12日 要因确认，现场测量热管泄漏。"],
    "攻坚QC小组活动记录.pdf": ["攻坚QC小组活动记录（示例）", "2023年5月15日 方案讨论会，参加6人。", "2023年9月20日 工具现场试用。"],
    "精益QC小组活动记录.pdf": ["精益QC小组活动记录（示例）", "2023年6月1日 目标可行性论证，参加5人。"],
    "包装班活动记录.pdf": ["聚丙烯车间包装班活动记录（示例）", "2023年3月 “师带徒”结对6对。", "2023年12月 年度顾客回访。"],
    "赵明-高级诊断师证书.pdf": ["证书（示例）", "赵明：质量管理小组高级诊断师"],
    "林晓红-评价师证书.pdf": ["证书（示例）", "林晓红：质量信得过班组建设评价师"],
}

OUT.mkdir(parents=True, exist_ok=True)
for name, lines in DOCS.items():
    c = canvas.Canvas(str(OUT / name), pagesize=A4, invariant=1)
    c.setFont("WQY", 16)
    y = 780
    for line in lines:
        c.drawString(72, y, line)
        c.setFont("WQY", 12)
        y -= 28
    c.save()
print("wrote", len(DOCS), "files to", OUT)
