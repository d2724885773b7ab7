//! The calibration / test page a clerk prints when setting up a label printer: a mm
//! ruler along the top and left edges, the printer's language, dpi and current
//! offsets, and a small code; then one sample label of the chosen template. Where the
//! ruler's 0 mark lands on the stock tells how far to move the offsets.

use crate::data::LabelData;
use crate::error::Result;
use crate::layout::{layout_label, Resolution};
use crate::printer_settings::PrinterSettings;
use crate::raster::{to_dots, DotLabel, DotOp};
use crate::template::{BarcodeElement, Content, Element, LabelSize, Orientation, Symbology, Template, TextElement};
use crate::{epl, tspl, zpl, Format};

/// Stock assumed when the printer's label size is not set.
pub const TEST_PAGE_DEFAULT_MM: (f64, f64) = (50.0, 30.0);
/// What the test page's barcode encodes.
pub const TEST_PAGE_CODE: &str = "AD-TEST";

fn text(x_mm: f64, y_mm: f64, size: f64, s: String) -> Element {
    Element::Text(TextElement {
        x_mm,
        y_mm,
        font_size_pt: size,
        content: Content::Literal(s),
        prefix: String::new(),
        max_width_mm: None,
        shrink_to_fit: true,
        max_lines: 1,
    })
}

/// The calibration label as a template (its text says what is being tested).
pub fn calibration_template(format: Format, settings: &PrinterSettings, printer_name: &str) -> Template {
    let (w, h) = settings.stock_mm.unwrap_or(TEST_PAGE_DEFAULT_MM);
    let language = match format {
        Format::Pdf => "PDF",
        Format::Zpl => "ZPL",
        Format::Tspl => "TSPL",
        Format::Epl => "EPL",
    };
    let mut elements = Vec::new();
    // Ruler numbers every 10 mm, under the top ruler's long ticks.
    let mut mark = 10.0;
    while mark + 3.0 < w {
        elements.push(text(mark - 1.0, 2.8, 5.0, format!("{mark}")));
        mark += 10.0;
    }
    let mode = match settings.mode {
        crate::Mode::Native => "",
        crate::Mode::Bitmap => " bitmap",
    };
    elements.push(text(3.5, 6.0, 7.0, format!("测试页 {printer_name}")));
    elements.push(text(3.5, 9.5, 7.0, format!("{language}{mode} {} dpi {w}x{h} mm", settings.dpi.value())));
    elements.push(text(
        3.5,
        13.0,
        7.0,
        format!("X {:+.2} mm Y {:+.2} mm", settings.offset_x_mm, settings.offset_y_mm),
    ));
    elements.push(Element::Barcode(BarcodeElement {
        x_mm: 3.0,
        y_mm: 17.0,
        symbology: Symbology::Code128,
        content: Content::Literal(TEST_PAGE_CODE.into()),
        module_mm: 0.25,
        height_mm: (h - 17.0 - 4.5).clamp(3.0, 8.0),
        human_readable: true,
        human_readable_size_pt: 6.0,
    }));
    Template {
        version: crate::TEMPLATE_FORMAT_VERSION,
        name: "test-page".into(),
        description: String::new(),
        size: LabelSize::Custom { width_mm: w, height_mm: h },
        orientation: if w >= h { Orientation::Landscape } else { Orientation::Portrait },
        elements,
        sheet: None,
    }
}

/// mm ticks along the top and left edges: 1 mm long, 1.5 mm every 5, 2.5 mm every 10.
fn ruler(label: &mut DotLabel, settings: &PrinterSettings) {
    let dpi = settings.dpi;
    let (ox, oy) = settings.offset_dots();
    let thick = dpi.dots(0.2).max(1);
    let (w, h) = settings.stock_mm.unwrap_or(TEST_PAGE_DEFAULT_MM);
    let length = |mm: usize| {
        dpi.dots(match mm % 10 {
            0 => 2.5,
            5 => 1.5,
            _ => 1.0,
        })
    };
    for mm in 0..=(w.floor() as usize) {
        let x = (dpi.dots(mm as f64) + ox).clamp(0, label.width - thick);
        label.ops.push(DotOp::Box { x, y: oy.max(0), width: thick, height: length(mm) });
    }
    for mm in 1..=(h.floor() as usize) {
        let y = (dpi.dots(mm as f64) + oy).clamp(0, label.height - thick);
        label.ops.push(DotOp::Box { x: ox.max(0), y, width: length(mm), height: thick });
    }
}

/// The test page job: the calibration label, then `sample` (a template and its data)
/// if given. PDF printers get the calibration text and code without the ruler.
pub fn render_test_page(
    format: Format,
    settings: &PrinterSettings,
    printer_name: &str,
    sample: Option<(&Template, &LabelData)>,
) -> Result<Vec<u8>> {
    let calibration = calibration_template(format, settings, printer_name);
    let mut one = settings.clone();
    one.copies = 1;
    if format == Format::Pdf {
        let data = LabelData::with_code(TEST_PAGE_CODE);
        return crate::render_pdf(&calibration, &[data], &crate::PdfOptions::default());
    }
    let (w, h) = match format {
        Format::Tspl => {
            tspl::check_settings(&one)?;
            one.check_common("TSPL", calibration.canvas_mm())?
        }
        Format::Zpl => {
            zpl::check_settings(&one)?;
            one.check_common("ZPL", calibration.canvas_mm())?
        }
        _ => {
            epl::check_settings(&one)?;
            one.check_common("EPL", calibration.canvas_mm())?
        }
    };
    let resolution = Resolution::Dpi(one.dpi.value());
    let layout = layout_label(&calibration, &LabelData::with_code(TEST_PAGE_CODE), 1, resolution)?;
    let mut first = to_dots(&layout, one.dpi, one.offset_dots());
    ruler(&mut first, &one);
    let mut labels = vec![first];
    if let Some((template, data)) = sample {
        one.check_common("sample", template.canvas_mm())?;
        let layout = layout_label(template, data, 1, resolution)?;
        labels.push(to_dots(&layout, one.dpi, one.offset_dots()));
    }
    for label in &mut labels {
        label.width = one.dpi.dots(w);
        label.height = one.dpi.dots(h);
    }
    Ok(match format {
        Format::Tspl => {
            let mut out = tspl::header(w, h, &one);
            labels.iter().for_each(|l| tspl::write_label(&mut out, l, &one));
            out
        }
        Format::Zpl => {
            let mut out = zpl::header(&one);
            labels.iter().for_each(|l| zpl::write_label(&mut out, l, &one));
            out.into_bytes()
        }
        _ => {
            let mut out = epl::header(w, h, &one);
            labels.iter().for_each(|l| epl::write_label(&mut out, l, &one));
            out
        }
    })
}
