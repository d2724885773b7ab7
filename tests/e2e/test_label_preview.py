"""The label preview is what prints (issue 27 item 3), in the real app: a template whose
name wraps onto two lines, previewed for the PDF, matches poppler's rendering of the PDF
the app then writes (same line breaks, same text, same barcode width); previewed for a
TSPL printer in bitmap mode with calibration offsets, it is dot for dot the BITMAP that
printer receives."""
import base64
import struct
import subprocess
import zlib
from pathlib import Path

from selenium.webdriver.common.by import By

from test_foundation import add_asset, set_up_ledger
from test_labels import Printer, select

LONG_NAME = "联想ThinkPad X1 Carbon 第十二代笔记本电脑（含扩展坞）"


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Rows of an 8-bit greyscale PNG (what the app's preview is), filters undone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, width, height = 8, b"", 0, 0
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 0), "8-bit greyscale"
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw, rows, prev = zlib.decompress(idat), [], bytes(width)
    for y in range(height):
        f, line = raw[y * (width + 1)], bytearray(raw[y * (width + 1) + 1 : (y + 1) * (width + 1)])
        for x in range(width):
            a = line[x - 1] if x else 0
            b, c = prev[x], prev[x - 1] if x else 0
            p = a + b - c
            pred = [0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else (b if abs(p - b) <= abs(p - c) else c)][f]
            line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, rows


def preview_png(app, within: str = "") -> tuple[dict, tuple[int, int, list[bytes]]]:
    info = app.wait.until(
        lambda d: d.execute_script(
            "const img = document.querySelector(arguments[0] + ' [data-testid=label-preview]');"
            "return img && img.complete && img.naturalWidth ? {src: img.src, text: img.dataset.text, dpi: Number(img.dataset.dpi),"
            " width: img.getBoundingClientRect().width, mm: parseFloat(img.style.width)} : null;",
            within,
        )
    )
    return info, decode_png(base64.b64decode(info["src"].split(",", 1)[1]))


def dark_set(width: int, height: int, rows: list[bytes]) -> set[tuple[int, int]]:
    return {(x, y) for y in range(height) for x in range(width) if rows[y][x] < 128}


def unexplained(a: set, b: set) -> int:
    """Dark pixels of one image with nothing dark within a pixel in the other."""
    near = lambda s, x, y: any((x + dx, y + dy) in s for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    return sum(1 for (x, y) in a if not near(b, x, y)) + sum(1 for (x, y) in b if not near(a, x, y))


def read_pgm(path: Path) -> tuple[int, int, list[bytes]]:
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at : at + 1].isspace():
            at += 1
        start = at
        while not data[at : at + 1].isspace():
            at += 1
        fields.append(data[start:at])
    w, h = int(fields[1]), int(fields[2])
    pixels = data[at + 1 :]
    return w, h, [pixels[y * w : (y + 1) * w] for y in range(h)]


def tspl_bitmap(job: bytes) -> set[tuple[int, int]]:
    """Dots of the job's whole-label `BITMAP 0,0,bytes,rows,0,<data>` (0 bits print)."""
    at = job.index(b"BITMAP ")
    fields = job[at + 7 :].split(b",", 5)
    x, y, per_row, rows, mode = (int(v) for v in fields[:5])
    assert (x, y, mode) == (0, 0, 0)
    data = fields[5][: per_row * rows]
    return {(bx * 8 + bit, r) for r in range(rows) for bx in range(per_row) for bit in range(8) if not data[r * per_row + bx] & (0x80 >> bit)}


def test_the_preview_of_a_wrapping_chinese_name_is_the_pdf_and_the_tspl_bitmap(launch, data_dir, tmp_path):
    printer = Printer()
    try:
        app = launch(data_dir)
        set_up_ledger(app)
        code = add_asset(app, LONG_NAME, "电脑", "行政部", "9999.00")

        # A TSPL printer in bitmap mode with calibration offsets, set up first.
        app.click("nav-labels")
        app.click("labels-tab-printers")
        app.click("pr-add")
        app.type("pick-tcp-host", f"127.0.0.1:{printer.port}")
        app.click("pick-tcp-add")
        app.type("pr-name-0", "前台TSC")
        select(app, "pr-lang-0", "tspl")
        select(app, "pr-mode-0", "bitmap")
        app.type("pr-offx-0", "1")
        app.type("pr-offy-0", "0.5")
        app.click("pr-save")
        app.wait_text("notice", lambda t: "保存" in t)

        # The designer: the name may take two lines; the code moves down to make room.
        app.click("labels-tab-templates")
        app.click("tpl-new")
        app.type("t-name", "两行名称")
        app.type("el-lines-1", "2")
        app.type("el-y-2", "12")
        app.type("el-height-2", "10")
        app.type("t-preview-code", code)
        info, (w, h, rows) = app.wait.until(
            lambda d: (p := preview_png(app)) and code in (p[0]["text"] or "") and "ThinkPad" in p[0]["text"] and p[0]["text"].count("|") >= 3 and p
        )
        lines = info["text"].split("|")
        name_lines = [l for l in lines if l.startswith("名称：") or (l and l in LONG_NAME and l != code)]
        assert len(name_lines) == 2 and "".join(name_lines).replace(" ", "") == ("名称：" + LONG_NAME).replace(" ", ""), lines
        assert info["dpi"] == 300 and (w, h) == (591, 355), "the PDF preview at 300 dpi, true size 50 x 30 mm"
        assert info["mm"] == 50
        app.click("t-save")
        app.wait_text("notice", lambda t: "已保存" in t)
        app.click("t-default")

        # The same label printed as a PDF: poppler draws what the preview showed.
        app.click("nav-ledger")
        app.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="asset-row"][data-code="{code}"]').click() or True)
        app.click("act-print-labels")
        app.find("print-dialog")
        select(app, "p-template", "两行名称")
        select(app, "p-printer", "")
        dialog_info, (dw, dh, drows) = app.wait.until(lambda d: (p := preview_png(app, '[data-testid="print-dialog"]')) and p[0]["dpi"] == 300 and p)
        assert drows == rows, "the print dialog shows the designer's preview"
        app.click("p-submit")
        note = app.wait_text("notice", lambda t: ".pdf" in t)
        pdf = next(app.export_dir.glob("labels-*.pdf"))
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
        pw, ph, prows = read_pgm(tmp_path / "page.pgm")
        assert (pw, ph) == (w, h), note
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for line in name_lines:
            assert any(l.strip() == line for l in text.splitlines()), (line, text)
        shown, printed = dark_set(w, h, rows), dark_set(pw, ph, prows)
        assert len(shown) > 2000
        off = unexplained(shown, printed)
        assert off * 200 < len(shown), f"{off} of {len(shown)} dark pixels differ by more than a pixel"
        bars_row = round(19 * 300 / 25.4)
        cols = lambda s: sorted(x for (x, y) in s if y == bars_row)
        assert abs(cols(shown)[0] - cols(printed)[0]) <= 1 and abs(cols(shown)[-1] - cols(printed)[-1]) <= 1, "same barcode width"

        # For the TSPL printer the preview is its dots (203 dpi, offsets applied) ...
        app.click("act-print-labels")
        app.find("print-dialog")
        select(app, "p-template", "两行名称")
        select(app, "p-printer", "前台TSC")
        app.type("p-reason", "预览核对")
        tinfo, (tw, th, trows) = app.wait.until(lambda d: (p := preview_png(app, '[data-testid="print-dialog"]')) and p[0]["dpi"] == 203 and p)
        assert (tw, th) == (400, 240)
        preview_dots = dark_set(tw, th, trows)
        assert not any(x < 8 for (x, y) in preview_dots), "the 1 mm offset moved everything right"
        # ... and exactly the bitmap the printer receives.
        app.click("p-submit")
        app.wait.until(lambda d: len(printer.jobs) == 1)
        sent = {(x, y) for (x, y) in tspl_bitmap(printer.jobs[0]) if x < tw}
        assert sent == preview_dots
    finally:
        printer.close()
