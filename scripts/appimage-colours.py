"""Counts the distinct colours in an X window dump (xwd -silent output, 32 bits per
pixel) given on stdin: a WebView that drew AssetDesk's login page (text, fields, a logo)
has hundreds, a blank or crashed one a handful. Used by scripts/appimage-smoke.sh."""
import struct
import sys

data = sys.stdin.buffer.read()
fields = struct.unpack(">25I", data[:100])
header_size, bits_per_pixel, bytes_per_line = fields[0], fields[11], fields[12]
width, height, ncolours = fields[4], fields[5], fields[19]
if bits_per_pixel != 32:
    sys.exit(f"expected a 32-bit screen dump, got {bits_per_pixel} bits per pixel")
start = header_size + ncolours * 12
pixels = data[start : start + bytes_per_line * height]
colours = set()
for row in range(height):
    line = pixels[row * bytes_per_line : row * bytes_per_line + width * 4]
    colours.update(memoryview(line).cast("I"))
print(len(colours))
