//! The one loop behind the thermal languages: check the settings, lay every label out
//! (the whole job is refused here on the first misfit), then write label by label,
//! reporting progress and stopping when the caller cancels.

use crate::data::LabelData;
use crate::error::{LabelError, Result};
use crate::layout::{layout_all, Resolution};
use crate::printer_settings::PrinterSettings;
use crate::raster::to_dots;
use crate::template::Template;
use crate::{epl, tspl, zpl, Format};

/// Renders `labels` in a thermal language. `progress(done, total)` is called after
/// each label; returning `false` stops with [`LabelError::Cancelled`].
pub fn render_thermal(
    format: Format,
    template: &Template,
    labels: &[LabelData],
    settings: &PrinterSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>> {
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
    let (w, h) = settings.check_common(language, template.canvas_mm())?;
    let layouts = layout_all(template, labels, Resolution::Dpi(settings.dpi.value()))?;
    let mut out = match format {
        Format::Tspl => tspl::header(w, h, settings),
        Format::Zpl => zpl::header(settings).into_bytes(),
        _ => epl::header(w, h, settings),
    };
    let total = layouts.len();
    for (i, layout) in layouts.iter().enumerate() {
        let mut label = to_dots(layout, settings.dpi, settings.offset_dots());
        label.width = settings.dpi.dots(w);
        label.height = settings.dpi.dots(h);
        match format {
            Format::Tspl => tspl::write_label(&mut out, &label, settings),
            Format::Zpl => {
                let mut text = String::new();
                zpl::write_label(&mut text, &label, settings);
                out.extend_from_slice(text.as_bytes());
            }
            _ => epl::write_label(&mut out, &label, settings),
        }
        if !progress(i + 1, total) {
            return Err(LabelError::Cancelled);
        }
    }
    Ok(out)
}
