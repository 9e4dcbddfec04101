"""Images drawn by the demo itself with Pillow: feature images, portraits, covers, a logo."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ((18, 53, 91), (240, 201, 135)),
    ((13, 39, 68), (120, 170, 200)),
    ((138, 59, 18), (245, 222, 179)),
    ((34, 85, 68), (200, 230, 201)),
    ((70, 40, 90), (230, 200, 240)),
    ((40, 60, 80), (250, 250, 245)),
]


def _font(size: int) -> ImageFont.ImageFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _png(image: Image.Image, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, quality=85) if fmt == "JPEG" else image.save(out, format=fmt)
    return out.getvalue()


def feature_image(rng: random.Random, width: int = 1600, height: int = 900) -> bytes:
    """An abstract map-like composition: a gradient sea, island shapes and route lines."""
    dark, light = rng.choice(PALETTES)
    image = Image.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 6):
        t = y / height
        colour = tuple(int(d + (lt - d) * t * 0.35) for d, lt in zip(dark, light, strict=True))
        draw.rectangle([0, y, width, y + 6], fill=colour)
    for _ in range(rng.randint(4, 9)):
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        points = [(cx + rng.randint(-220, 220), cy + rng.randint(-140, 140)) for _ in range(7)]
        draw.polygon(points, fill=tuple(min(255, c + 25) for c in dark))
    for _ in range(rng.randint(3, 6)):
        line = [(rng.randint(0, width), rng.randint(0, height)) for _ in range(4)]
        draw.line(line, fill=light, width=4)
        for x, y in line:
            draw.ellipse([x - 9, y - 9, x + 9, y + 9], outline=light, width=4)
    return _png(image)


def portrait(name: str, rng: random.Random, size: int = 400) -> bytes:
    """A circle of colour with the person's initials."""
    dark, light = rng.choice(PALETTES)
    image = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    draw.ellipse([20, 20, size - 20, size - 20], fill=dark)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = _font(size // 3)
    draw.text((size / 2, size / 2), initials, fill=light, font=font, anchor="mm")
    return _png(image)


def cover(journal: str, volume: int, issue: int, theme: str, rng: random.Random) -> bytes:
    dark, light = rng.choice(PALETTES)
    image = Image.new("RGB", (600, 800), dark)
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, 560, 760], outline=light, width=3)
    draw.text((300, 150), journal, fill=light, font=_font(34), anchor="mm")
    draw.text(
        (300, 230), f"Volume {volume} · Number {issue}", fill=light, font=_font(26), anchor="mm"
    )
    words, lines, line = theme.split(), [], ""
    for word in words:
        if len(line) + len(word) > 22:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    for i, text in enumerate(lines):
        draw.text((300, 420 + i * 50), text, fill=(255, 255, 255), font=_font(36), anchor="mm")
    return _png(image)


def logo(text: str) -> bytes:
    image = Image.new("RGB", (480, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 110, 110], fill=(18, 53, 91))
    draw.text((60, 60), text[:1], fill=(255, 255, 255), font=_font(70), anchor="mm")
    draw.text((130, 60), text, fill=(18, 53, 91), font=_font(40), anchor="lm")
    return _png(image, "PNG")
