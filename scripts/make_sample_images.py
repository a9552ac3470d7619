"""Regenerate the sample project's photographs: stand-ins for site photos, each with a label.

Drawn with Pillow so the repository holds no real photograph; the shapes suggest the equipment and
the label says what a real photo would show. JPEG, 1600 × 1200, small enough for the installer.
"""
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "sample" / "示例附件"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
SIZE = (1600, 1200)

PHOTOS = {
    "对策实施_更换空气预热器热管.jpg": ("pipes", "现场照片（示例）：F-101 空气预热器更换泄漏热管", (70, 90, 110)),
    "对策实施_吹灰操作卡.jpg": ("card", "现场照片（示例）：修订后的《加热炉吹灰操作卡》上墙", (95, 85, 70)),
    "对策实施_氧含量分析仪校验.jpg": ("meter", "现场照片（示例）：氧含量分析仪与手工分析比对校验", (60, 85, 80)),
    "包装班_定置管理现场.jpg": ("shelves", "现场照片（示例）：包装班成品定置区与目视化标识", (85, 80, 100)),
}


def _background(base: tuple[int, int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, base)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):   # light from above, as on a site photo
        shade = int(60 * (1 - y / SIZE[1]))
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(min(255, c + shade) for c in base))
    for _ in range(900):       # grain
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        tone = rng.randrange(-25, 25)
        draw.point((x, y), fill=tuple(max(0, min(255, c + 40 + tone)) for c in base))
    return image


def _scene(draw: ImageDraw.ImageDraw, kind: str, rng: random.Random) -> None:
    steel, dark, light = (170, 175, 180), (40, 45, 50), (215, 215, 205)
    if kind == "pipes":
        for i in range(9):
            x = 180 + i * 140
            draw.rounded_rectangle([x, 160, x + 70, 900], radius=30, fill=steel, outline=dark, width=4)
            for y in range(200, 880, 36):
                draw.line([(x - 18, y), (x + 88, y)], fill=(120, 125, 130), width=5)
        draw.rectangle([120, 120, 1480, 170], fill=(90, 95, 100))
        draw.rectangle([120, 890, 1480, 940], fill=(90, 95, 100))
    elif kind == "card":
        draw.rectangle([380, 120, 1220, 940], fill=light, outline=dark, width=6)
        draw.rectangle([380, 120, 1220, 220], fill=(180, 40, 40))
        for y in range(270, 900, 52):
            draw.line([(430, y), (430 + rng.randrange(450, 740), y)], fill=(90, 90, 90), width=10)
    elif kind == "meter":
        draw.rounded_rectangle([300, 250, 900, 850], radius=40, fill=steel, outline=dark, width=6)
        draw.ellipse([420, 350, 780, 710], fill=light, outline=dark, width=6)
        draw.line([(600, 530), (720, 420)], fill=(200, 30, 30), width=10)
        draw.rectangle([1000, 300, 1350, 820], fill=(230, 230, 220), outline=dark, width=5)
        for y in range(360, 780, 70):
            draw.rectangle([1040, y, 1310, y + 36], fill=(120, 170, 120))
    elif kind == "shelves":
        for row in range(3):
            y = 260 + row * 230
            draw.rectangle([150, y + 170, 1450, y + 190], fill=(200, 160, 40))
            for i in range(10):
                x = 180 + i * 126
                draw.rectangle([x, y + 40, x + 100, y + 170], fill=(225, 225, 215), outline=dark, width=3)
        draw.rectangle([150, 150, 700, 230], fill=(40, 120, 60))


def make(name: str, kind: str, label: str, base: tuple[int, int, int], seed: int) -> None:
    rng = random.Random(seed)
    image = _background(base, seed)
    _scene(ImageDraw.Draw(image), kind, rng)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 46, index=0)
    draw.rectangle([0, SIZE[1] - 130, SIZE[0], SIZE[1]], fill=(20, 20, 20))
    draw.text((50, SIZE[1] - 95), label, font=font, fill=(255, 255, 255))
    draw.text((SIZE[0] - 330, 40), "2023-07-18 09:42", font=ImageFont.truetype(str(FONT), 38, index=0),
              fill=(255, 200, 60))
    image.save(OUT / name, format="JPEG", quality=82, optimize=True)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, (name, (kind, label, base)) in enumerate(PHOTOS.items()):
        make(name, kind, label, base, seed)
    print("wrote", len(PHOTOS), "pictures to", OUT)
