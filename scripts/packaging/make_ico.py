#!/usr/bin/env python3
"""Writes assets/icons/icon.ico from the committed PNGs, with no image library: an ICO
file may hold PNG-compressed images as they are (Windows Vista and later, windres and
makensis read them). Run again when the PNGs change: python3 scripts/packaging/make_ico.py"""
import struct
import sys
from pathlib import Path

icons = Path(__file__).resolve().parents[2] / "assets" / "icons"
sources = [icons / n for n in ("32x32.png", "128x128.png", "256x256.png")]


def size_of(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        sys.exit("not a PNG")
    return struct.unpack(">II", png[16:24])


images = [p.read_bytes() for p in sources]
header = struct.pack("<HHH", 0, 1, len(images))
offset = len(header) + 16 * len(images)
entries, payload = b"", b""
for png in images:
    w, h = size_of(png)
    # 0 stands for 256 in the one-byte width and height fields.
    entries += struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, 1, 32, len(png), offset + len(payload))
    payload += png
(icons / "icon.ico").write_bytes(header + entries + payload)
print(icons / "icon.ico")
