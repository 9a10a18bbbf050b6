"""The app's two icons, drawn in code (no image library, no network):

    color.png    192x192, full colour: a white speech bubble with a check mark on navy
    outline.png  32x32, white on transparent, as Teams requires for the app bar

    .venv/bin/python -m adapters.teams.icons     # rewrites both files beside this module
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
NAVY = (31, 78, 121, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixel: Callable[[float, float], Pixel]) -> bytes:
    """An RGBA PNG; `pixel(x, y)` gets coordinates in 0..1 (pixel centres)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel((x + 0.5) / width, (y + 0.5) / height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


def _in_bubble(x: float, y: float) -> bool:
    """A rounded speech bubble with a tail at the lower left."""
    left, right, top, bottom, r = 0.18, 0.82, 0.2, 0.68, 0.1
    cx = min(max(x, left + r), right - r)
    cy = min(max(y, top + r), bottom - r)
    body = left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    # The tail: a right triangle hanging below the bubble, its vertical edge at x = 0.28.
    tail = 0.28 <= x and bottom <= y <= 0.82 and x - 0.28 <= 0.82 - y
    return body or tail


def _on_check(x: float, y: float, width: float) -> bool:
    """A check mark inside the bubble: two strokes as distance-to-segment tests."""

    def near(ax: float, ay: float, bx: float, by: float) -> bool:
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= width * width

    return near(0.34, 0.45, 0.46, 0.56) or near(0.46, 0.56, 0.67, 0.33)


def color_pixel(x: float, y: float) -> Pixel:
    if _in_bubble(x, y):
        return NAVY if _on_check(x, y, 0.045) else WHITE
    return NAVY


def outline_pixel(x: float, y: float) -> Pixel:
    if _in_bubble(x, y):
        return CLEAR if _on_check(x, y, 0.07) else WHITE
    return CLEAR


def write_icons(directory: Path = HERE) -> tuple[Path, Path]:
    color, outline = directory / "color.png", directory / "outline.png"
    color.write_bytes(png(192, 192, color_pixel))
    outline.write_bytes(png(32, 32, outline_pixel))
    return color, outline


if __name__ == "__main__":
    for path in write_icons():
        print(path)
