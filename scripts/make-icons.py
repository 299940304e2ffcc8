"""Writes assets/icon-*.png: five horizontal stripes in the colour bands, deep blue to deep red."""
import struct
import zlib
from pathlib import Path

BANDS = [(0x1F, 0x3A, 0x93), (0x3B, 0x82, 0xF6), (0xF5, 0xC5, 0x18), (0xF8, 0x71, 0x71), (0xB9, 0x1C, 0x1C)]


def png(size: int) -> bytes:
    rows = []
    for y in range(size):
        r, g, b = BANDS[min(4, y * 5 // size)]
        rows.append(b"\x00" + bytes([r, g, b, 255]) * size)
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


for size in (16, 32, 64, 80, 128):
    Path(f"assets/icon-{size}.png").write_bytes(png(size))
