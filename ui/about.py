"""关于: version, the notice built in, and the licences of what is bundled."""
from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from app.version import version
from forms.campaign import available_years, load_campaign

LICENCES = [
    ("Qt / PySide6", pyside_version, "LGPL-3.0"),
    ("pydantic", "", "MIT"),
    ("python-docx", "", "MIT"),
    ("openpyxl", "", "MIT"),
    ("reportlab / rl_accel", "", "BSD"),
    ("pypdfium2 / PDFium", "", "Apache-2.0 / BSD-3-Clause"),
    ("platformdirs", "", "MIT"),
    ("matplotlib", "", "matplotlib 许可（PSF 式）"),
    ("NumPy", "", "BSD-3-Clause"),
    ("Noto Serif CJK SC（宋体）", "2.001", "SIL OFL-1.1"),
    ("FandolFang（仿宋）", "1.300", "GPL-3.0 附字体例外"),
    ("AR PL KaitiM GB（楷体）", "2.11", "Arphic Public License"),
    ("WenQuanYi Micro Hei（黑体）", "0.2.0-beta", "Apache-2.0（或 GPL-3.0 附字体例外）"),
    ("Liberation Serif", "2.1.5", "SIL OFL-1.1"),
    ("DejaVu Sans", "2.37", "Bitstream Vera 许可（自由）"),
]


def about_text() -> str:
    years = "、".join(str(y) for y in available_years())
    latest = load_campaign(available_years()[-1])
    rows = "".join(f"<tr><td>{name}</td><td>{ver}</td><td>{lic}</td></tr>" for name, ver, lic in LICENCES)
    return (f"<h3>质量成果申报助手 {version()}</h3>"
            f"<p>石油和化工行业优秀质量管理成果申报的离线填报、检查与导出工具。</p>"
            f"<p>内置申报通知：{latest.notice_number}（支持年度：{years}）</p>"
            f"<p>本软件以 Apache-2.0 许可发布，包含以下组件：</p>"
            f"<table cellspacing='6'><tr><th align='left'>组件</th><th align='left'>版本</th>"
            f"<th align='left'>许可</th></tr>{rows}</table>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "关于质量成果申报助手", about_text())
