"""Pictures for the demo paper, drawn with Pillow: simple scenes, no photographs of anyone's.

Each scene is deterministic for its seed, so running `seed_demo` twice draws the same file.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    # sky top, sky bottom, ground, accent
    "sea": ((120, 180, 230), (230, 240, 250), (40, 110, 170), (240, 220, 170)),
    "port": ((150, 185, 215), (225, 232, 240), (50, 90, 130), (200, 80, 40)),
    "field": ((140, 200, 240), (240, 245, 230), (200, 170, 60), (90, 140, 50)),
    "night": ((15, 20, 50), (60, 50, 90), (35, 35, 45), (250, 200, 90)),
    "hall": ((120, 30, 30), (170, 60, 50), (90, 60, 40), (240, 200, 80)),
    "school": ((170, 210, 240), (235, 240, 235), (70, 120, 60), (220, 120, 60)),
    "stadium": ((100, 160, 220), (220, 230, 245), (40, 140, 60), (240, 240, 240)),
    "river": ((160, 200, 225), (235, 240, 240), (80, 130, 140), (60, 110, 50)),
    "market": ((190, 215, 235), (245, 240, 225), (150, 110, 70), (200, 50, 80)),
    "factory": ((170, 180, 190), (225, 228, 232), (90, 95, 105), (30, 90, 170)),
    "festival": ((230, 150, 60), (250, 220, 150), (150, 40, 40), (250, 210, 60)),
    "road": ((150, 195, 235), (235, 240, 245), (70, 70, 75), (240, 240, 240)),
    "storm": ((80, 90, 105), (150, 160, 170), (100, 120, 110), (200, 210, 220)),
}


def draw_scene(palette: str, seed: int, size=(1600, 1000)) -> bytes:
    width, height = size
    sky_top, sky_bottom, ground, accent = PALETTES[palette]
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.45, 0.62))
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom, strict=True)),
        )
    draw.rectangle([0, horizon, width, height], fill=ground)
    # Distant hills or buildings, then a few foreground shapes in the accent colour.
    x = 0
    while x < width:
        w = rng.randint(80, 260)
        h = rng.randint(30, 180)
        shade = tuple(max(0, c - rng.randint(20, 60)) for c in ground)
        if palette in {"night", "factory", "port", "hall"}:
            draw.rectangle([x, horizon - h, x + w - 10, horizon], fill=shade)
        else:
            draw.polygon([(x, horizon), (x + w // 2, horizon - h), (x + w, horizon)], fill=shade)
        x += w - rng.randint(0, 40)
    for _ in range(rng.randint(5, 12)):
        cx = rng.randint(0, width)
        cy = rng.randint(horizon, height)
        r = rng.randint(15, 70)
        draw.ellipse([cx - r, cy - r // 2, cx + r, cy + r // 2], fill=accent)
    if palette not in {"night", "storm"}:
        sx, sy = rng.randint(width // 5, 4 * width // 5), rng.randint(60, horizon // 2)
        draw.ellipse([sx - 50, sy - 50, sx + 50, sy + 50], fill=(255, 236, 170))
    else:
        for _ in range(60):
            sx, sy = rng.randint(0, width), rng.randint(0, horizon)
            draw.point((sx, sy), fill=accent)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True)
    return buffer.getvalue()
