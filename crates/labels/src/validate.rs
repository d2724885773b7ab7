//! Checks a template on its own (no label data): sizes, positions, sheet geometry.
//! Data-dependent checks (can this code be encoded, does this name fit) live in `fit`.

use crate::error::{LabelError, Result};
use crate::template::{Element, Template, TEMPLATE_FORMAT_VERSION};

/// Largest label side accepted; bigger is almost surely a unit mistake (inches, dots).
const MAX_SIDE_MM: f64 = 300.0;
const MIN_FONT_PT: f64 = 4.0;
const MAX_FONT_PT: f64 = 72.0;
const MAX_MODULE_MM: f64 = 5.0;

impl Template {
    /// Checks the template and returns the first problem found.
    pub fn validate(&self) -> Result<()> {
        let bad = |element: Option<usize>, en: String, zh: String| LabelError::TemplateInvalid {
            template: self.name.clone(),
            element,
            problem: en,
            problem_zh: zh,
        };
        if self.version > TEMPLATE_FORMAT_VERSION {
            return Err(LabelError::TemplateVersion {
                template: self.name.clone(),
                found: self.version,
                supported: TEMPLATE_FORMAT_VERSION,
            });
        }
        if self.name.trim().is_empty() {
            return Err(bad(None, "the name is empty".into(), "模板名称为空".into()));
        }
        let (w, h) = self.canvas_mm();
        if !(w > 0.0 && h > 0.0 && w <= MAX_SIDE_MM && h <= MAX_SIDE_MM) {
            return Err(bad(
                None,
                format!("label size {w} x {h} mm is outside 0..{MAX_SIDE_MM} mm"),
                format!("标签尺寸 {w} x {h} 毫米超出 0 到 {MAX_SIDE_MM} 毫米的范围"),
            ));
        }
        if self.elements.is_empty() {
            return Err(bad(
                None,
                "it has no elements".into(),
                "模板中没有任何元素".into(),
            ));
        }
        for (i, element) in self.elements.iter().enumerate() {
            let n = Some(i + 1);
            let (x, y) = match element {
                Element::Text(t) => (t.x_mm, t.y_mm),
                Element::Barcode(b) => (b.x_mm, b.y_mm),
            };
            if !(x >= 0.0 && y >= 0.0 && x < w && y < h) {
                return Err(bad(
                    n,
                    format!("position ({x}, {y}) mm is outside the {w} x {h} mm label"),
                    format!("位置（{x}, {y}）毫米在 {w} x {h} 毫米的标签之外"),
                ));
            }
            match element {
                Element::Text(t) => {
                    if !(MIN_FONT_PT..=MAX_FONT_PT).contains(&t.font_size_pt) {
                        return Err(bad(
                            n,
                            format!(
                                "font size {} pt is outside {MIN_FONT_PT}..{MAX_FONT_PT} pt",
                                t.font_size_pt
                            ),
                            format!(
                                "字号 {} 磅超出 {MIN_FONT_PT} 到 {MAX_FONT_PT} 磅的范围",
                                t.font_size_pt
                            ),
                        ));
                    }
                    if !(1..=9).contains(&t.max_lines) {
                        return Err(bad(
                            n,
                            format!("{} lines is outside 1..9", t.max_lines),
                            format!("行数 {} 超出 1 到 9 的范围", t.max_lines),
                        ));
                    }
                    if let Some(mw) = t.max_width_mm {
                        if !(mw > 0.0 && t.x_mm + mw <= w + 1e-9) {
                            return Err(bad(
                                n,
                                format!("max width {mw} mm runs past the label's right edge"),
                                format!("最大宽度 {mw} 毫米超出了标签右边缘"),
                            ));
                        }
                    }
                }
                Element::Barcode(b) => {
                    if !(b.module_mm > 0.0 && b.module_mm <= MAX_MODULE_MM) {
                        return Err(bad(
                            n,
                            format!(
                                "module width {} mm is outside 0..{MAX_MODULE_MM} mm",
                                b.module_mm
                            ),
                            format!(
                                "模块宽度 {} 毫米超出 0 到 {MAX_MODULE_MM} 毫米的范围",
                                b.module_mm
                            ),
                        ));
                    }
                    if b.symbology.is_linear()
                        && !(b.height_mm > 0.0 && b.y_mm + b.height_mm <= h + 1e-9)
                    {
                        return Err(bad(
                            n,
                            format!(
                                "bar height {} mm must be positive and end inside the label",
                                b.height_mm
                            ),
                            format!("条高 {} 毫米必须大于 0 且不能超出标签下边缘", b.height_mm),
                        ));
                    }
                    if b.human_readable
                        && !(MIN_FONT_PT..=MAX_FONT_PT).contains(&b.human_readable_size_pt)
                    {
                        return Err(bad(
                            n,
                            format!("human-readable font size {} pt is outside {MIN_FONT_PT}..{MAX_FONT_PT} pt", b.human_readable_size_pt),
                            format!("条码下方文字字号 {} 磅超出 {MIN_FONT_PT} 到 {MAX_FONT_PT} 磅的范围", b.human_readable_size_pt),
                        ));
                    }
                }
            }
        }
        if let Some(sheet) = &self.sheet {
            if sheet.columns == 0 || sheet.rows == 0 {
                return Err(bad(
                    None,
                    "the sheet needs at least 1 column and 1 row".into(),
                    "整张标签纸至少需要 1 列 1 行".into(),
                ));
            }
            let used_w = sheet.margin_left_mm
                + sheet.columns as f64 * w
                + (sheet.columns - 1) as f64 * sheet.gap_x_mm;
            let used_h = sheet.margin_top_mm
                + sheet.rows as f64 * h
                + (sheet.rows - 1) as f64 * sheet.gap_y_mm;
            let inside = sheet.margin_left_mm >= 0.0
                && sheet.margin_top_mm >= 0.0
                && sheet.gap_x_mm >= 0.0
                && sheet.gap_y_mm >= 0.0;
            if !inside
                || used_w > sheet.page_width_mm + 1e-9
                || used_h > sheet.page_height_mm + 1e-9
            {
                return Err(bad(
                    None,
                    format!(
                        "{} x {} labels of {w} x {h} mm need {used_w:.1} x {used_h:.1} mm, more than the {} x {} mm page",
                        sheet.columns, sheet.rows, sheet.page_width_mm, sheet.page_height_mm
                    ),
                    format!(
                        "{} 列 x {} 行 {w} x {h} 毫米的标签需要 {used_w:.1} x {used_h:.1} 毫米，超出了 {} x {} 毫米的纸张",
                        sheet.columns, sheet.rows, sheet.page_width_mm, sheet.page_height_mm
                    ),
                ));
            }
        }
        Ok(())
    }
}
