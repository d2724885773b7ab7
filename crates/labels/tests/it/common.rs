//! Shared helpers: sample data and the "scanner" (render a page, decode it).

use std::path::{Path, PathBuf};
use std::process::Command;

use labels::LabelData;

pub fn sample(code: &str) -> LabelData {
    LabelData {
        code: code.into(),
        name: "联想笔记本电脑".into(),
        model: "ThinkPad T14".into(),
        dept: "财务部".into(),
        location: "三楼302室".into(),
        acquired: "2026-03-01".into(),
        org: "华东电力设备有限公司".into(),
        ..Default::default()
    }
}

/// Runs a tool that the tests need, failing with the package to install if missing.
pub fn run(cmd: &mut Command, package: &str) -> std::process::Output {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.output().unwrap_or_else(|e| {
        panic!("cannot run {program} ({e}); install the Debian package {package}")
    })
}

pub fn tool_exists(name: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
        .unwrap_or(false)
}

/// Rasterises every page of `pdf` at 300 dpi, gray (PGM), and returns the files in
/// page order.
pub fn pdf_to_pgm(pdf: &[u8], dir: &Path) -> Vec<PathBuf> {
    let input = dir.join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = run(
        Command::new("pdftoppm")
            .args(["-r", "300", "-gray"])
            .arg(&input)
            .arg(dir.join("page")),
        "poppler-utils",
    );
    assert!(
        out.status.success(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    pages
}

/// What zbarimg reads from an image: ("CODE-128", "ZC-2026-00012") pairs.
pub fn zbar(image: &Path) -> Vec<(String, String)> {
    let out = run(
        Command::new("zbarimg").args(["--nodbus", "-q"]).arg(image),
        "zbar-tools",
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            l.split_once(':')
                .map(|(s, d)| (s.to_string(), d.to_string()))
        })
        .collect()
}

/// Scans each page of a PDF like a handheld scanner would see the printout.
pub fn scan_pdf(pdf: &[u8]) -> Vec<Vec<(String, String)>> {
    let dir = tempfile::tempdir().unwrap();
    pdf_to_pgm(pdf, dir.path())
        .iter()
        .map(|p| zbar(p))
        .collect()
}

pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = run(
        Command::new("pdftotext").arg(&input).arg("-"),
        "poppler-utils",
    );
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A gray image (PGM "P5", 8 bit).
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Gray {
    pub fn read_pgm(path: &Path) -> Gray {
        let bytes = std::fs::read(path).unwrap();
        // Header: "P5", width, height, maxval, each separated by whitespace.
        let mut fields = Vec::new();
        let mut pos = 0;
        while fields.len() < 4 {
            while bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let start = pos;
            while !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..pos]).into_owned());
        }
        assert_eq!(fields[0], "P5");
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let pixels = bytes[pos + 1..].to_vec();
        assert_eq!(pixels.len(), width * height);
        Gray {
            width,
            height,
            pixels,
        }
    }

    pub fn write_pgm(&self, path: &Path) {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        std::fs::write(path, out).unwrap();
    }

    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 128
    }
}

/// Reads a Data Matrix (zbar has no decoder for it) from an image holding only that
/// symbol: finds its edges, counts modules along the clock-track top row, samples
/// each module's centre and decodes with the `datamatrix` crate's decoder.
pub fn read_datamatrix(image: &Gray) -> Option<String> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..image.height {
        for x in 0..image.width {
            if image.dark(x, y) {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    if x0 > x1 {
        return None;
    }
    // The top row alternates dark/light module by module, starting dark.
    let mut transitions = 0;
    let mut last = true;
    for x in x0..=x1 {
        let d = image.dark(x, y0 + 1);
        if d != last {
            transitions += 1;
            last = d;
        }
    }
    let modules = transitions + 1;
    let module_w = (x1 - x0 + 1) as f64 / modules as f64;
    let rows = ((y1 - y0 + 1) as f64 / module_w).round() as usize;
    let mut cells = Vec::with_capacity(modules * rows);
    for r in 0..rows {
        for c in 0..modules {
            let x = x0 + ((c as f64 + 0.5) * module_w) as usize;
            let y = y0 + ((r as f64 + 0.5) * module_w) as usize;
            cells.push(image.dark(x, y));
        }
    }
    datamatrix::DataMatrix::decode(&cells, modules)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

impl Gray {
    /// The part of the image inside the given pixel box (clamped to the image).
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
        for y in y0..y1 {
            pixels.extend_from_slice(&self.pixels[y * self.width + x0..y * self.width + x1]);
        }
        Gray {
            width: x1 - x0,
            height: y1 - y0,
            pixels,
        }
    }
}

/// Reads the codes on one printed label image (`dpi` pixels per inch) the way a
/// scanner would: zbar for linear codes and QR; for Data Matrix, the symbol's area
/// (taken from the layout, quiet zone included) goes to `read_datamatrix`.
pub fn scan_label_image(
    image: &Gray,
    template: &labels::Template,
    data: &LabelData,
    dpi: u32,
    resolution: labels::Resolution,
) -> Vec<String> {
    let layout = labels::layout_label(template, data, 1, resolution).unwrap();
    let matrix = layout.items.iter().find_map(|item| match item {
        labels::Item::Matrix {
            x_mm,
            y_mm,
            module_mm,
            width,
            height,
            ..
        } => Some((*x_mm, *y_mm, *module_mm, *width, *height)),
        _ => None,
    });
    let is_data_matrix = template
        .elements
        .iter()
        .any(|e| matches!(e, labels::Element::Barcode(b) if b.symbology == labels::Symbology::DataMatrix));
    if let (true, Some((x, y, m, w, h))) = (is_data_matrix, matrix) {
        let px = |mm: f64| (mm / 25.4 * f64::from(dpi)).round().max(0.0) as usize;
        let symbol = image.crop(
            px(x - m * 0.8),
            px(y - m * 0.8),
            px(x + (w as f64 + 0.8) * m),
            px(y + (h as f64 + 0.8) * m),
        );
        return read_datamatrix(&symbol).into_iter().collect();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("label.pgm");
    image.write_pgm(&path);
    zbar(&path).into_iter().map(|(_, d)| d).collect()
}

/// True when the test Python has PyPI zplkit (scripts/test.sh puts .venv first on PATH).
pub fn zplkit_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import zplkit"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Renders a ZPL job offline with zplkit, one gray image per label. zplkit draws; it
/// does not take job-control commands (~SD darkness, ^PR speed, ^PQ copies, ^MN
/// media), so those are dropped first (the tests check them as text).
pub fn zplkit_render(job: &[u8], dpi: u32) -> Vec<Gray> {
    let dir = tempfile::tempdir().unwrap();
    let zpl_path = dir.path().join("job.zpl");
    std::fs::write(&zpl_path, job).unwrap();
    let script = "import re, sys, zplkit\n\
        job = re.sub(rb'(~SD|\\^PR|\\^PQ)[0-9]+\\n|\\^MN[A-Z]\\n', b'', open(sys.argv[1], 'rb').read())\n\
        limits = zplkit._native.RenderLimits(graphic_bytes=1 << 24, field_bytes=1 << 24)\n\
        doc = zplkit.render(job, zplkit.Options(dpi=int(sys.argv[3])), limits=limits)\n\
        assert not doc.warnings, doc.warnings\n\
        for i, label in enumerate(doc.labels):\n\
        \x20   r = label.rasterize()\n\
        \x20   open('%s-%03d.pgm' % (sys.argv[2], i), 'wb').write(b'P5\\n%d %d\\n255\\n' % (r.width, r.height) + r.pixels)\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&zpl_path)
        .arg(dir.path().join("label"))
        .arg(dpi.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "zplkit: {}", String::from_utf8_lossy(&out.stderr));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pgm"))
        .collect();
    pages.sort();
    pages.iter().map(|p| Gray::read_pgm(p)).collect()
}
