"""Draw the application and document icons (PNG and multi-size ICO) into resources/icons."""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"
SIZES = [16, 24, 32, 48, 64, 128, 256]


def app_icon(size: int = 256) -> Image.Image:
    """A blue seal-like square with a white check mark and “QC”."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 8
    d.rounded_rectangle((size * 0.04, size * 0.04, size * 0.96, size * 0.96), radius=r, fill=(21, 87, 153, 255))
    w = max(2, size // 14)
    d.line([(size * 0.22, size * 0.52), (size * 0.42, size * 0.72), (size * 0.80, size * 0.30)],
           fill=(255, 255, 255, 255), width=w, joint="curve")
    font = ImageFont.truetype(str(FONT), int(size * 0.22))
    d.text((size * 0.5, size * 0.20), "QC", font=font, fill=(255, 214, 102, 255), anchor="mm")
    return img


def document_icon(size: int = 256) -> Image.Image:
    """A white page with a folded corner and the app mark, for .qcproj files."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    fold = size * 0.25
    page = [(size * 0.16, size * 0.04), (size * 0.84 - fold, size * 0.04), (size * 0.84, size * 0.04 + fold),
            (size * 0.84, size * 0.96), (size * 0.16, size * 0.96)]
    d.polygon(page, fill=(255, 255, 255, 255), outline=(90, 90, 90, 255))
    d.polygon([(size * 0.84 - fold, size * 0.04), (size * 0.84 - fold, size * 0.04 + fold),
               (size * 0.84, size * 0.04 + fold)], fill=(210, 210, 210, 255), outline=(90, 90, 90, 255))
    mark = app_icon(int(size * 0.5))
    img.alpha_composite(mark, (int(size * 0.25), int(size * 0.40)))
    return img


OUT.mkdir(parents=True, exist_ok=True)
app_icon().save(OUT / "qcdesk.png")
app_icon().save(OUT / "qcdesk.ico", sizes=[(s, s) for s in SIZES])
document_icon().save(OUT / "qcproj.png")
document_icon().save(OUT / "qcproj.ico", sizes=[(s, s) for s in SIZES])
print("icons written to", OUT)
