//! The one loop behind the thermal languages: check the settings, lay every label out
//! (the whole job is refused here on the first misfit), then write label by label,
//! reporting progress and stopping when the caller cancels.

use crate::data::LabelData;
use crate::error::{LabelError, Result};
use crate::layout::{layout_all, LabelLayout, Resolution};
use crate::printer_settings::PrinterSettings;
use crate::raster::{to_dots, DotLabel};
use crate::template::Template;
use crate::{epl, tspl, zpl, Format, Rendered};

/// Renders `labels` in a thermal language. `progress(done, total)` is called after
/// each label; returning `false` stops with [`LabelError::Cancelled`].
pub fn render_thermal(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    settings: &PrinterSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>> {
    render_thermal_parts(format, template, labels, settings, progress).map(|r| r.bytes)
}

/// [`render_thermal`], also telling where each label's commands end, so a job can be
/// sent (and stopped) label by label.
pub fn render_thermal_parts(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    settings: &PrinterSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Rendered> {
    let (w, h) = check(format, settings, template.canvas_mm())?;
    let layouts = layout_all(template, labels, Resolution::Dpi(settings.dpi.value()))?;
    let mut out = match format {
        Format::Tspl => tspl::header(w, h, settings),
        Format::Zpl => zpl::header(settings).into_bytes(),
        _ => epl::header(w, h, settings),
    };
    let total = layouts.len();
    let mut label_ends = Vec::with_capacity(total);
    for (i, layout) in layouts.iter().enumerate() {
        let label = dot_label(layout, settings, (w, h));
        match format {
            Format::Tspl => tspl::write_label(&mut out, &label, settings),
            Format::Zpl => {
                let mut text = String::new();
                zpl::write_label(&mut text, &label, settings);
                out.extend_from_slice(text.as_bytes());
            }
            _ => epl::write_label(&mut out, &label, settings),
        }
        label_ends.push(out.len());
        if !progress(i + 1, total) {
            return Err(LabelError::Cancelled);
        }
    }
    Ok(Rendered { bytes: out, label_ends })
}

/// Checks the settings for `format` (its ranges, and that a template of `canvas_mm`
/// fits the loaded stock); returns the label size the printer is told, in mm.
pub(crate) fn check(format: Format, settings: &PrinterSettings, canvas_mm: (f64, f64)) -> Result<(f64, f64)> {
    let language = match format {
        Format::Tspl => {
            tspl::check_settings(settings)?;
            "TSPL"
        }
        Format::Zpl => {
            zpl::check_settings(settings)?;
            "ZPL"
        }
        Format::Epl => {
            epl::check_settings(settings)?;
            "EPL"
        }
        Format::Pdf => unreachable!("PDF is not a thermal language"),
    };
    settings.check_common(language, canvas_mm)
}

/// One laid-out label in the printer's dots: calibration offsets applied, on a
/// canvas of the stock's size (`size_mm` from [`check`]). The preview draws this too.
pub(crate) fn dot_label(layout: &LabelLayout, settings: &PrinterSettings, size_mm: (f64, f64)) -> DotLabel {
    let mut label = to_dots(layout, settings.dpi, settings.offset_dots());
    label.width = settings.dpi.dots(size_mm.0);
    label.height = settings.dpi.dots(size_mm.1);
    label
}
