//! Label templates: the versioned JSON file format clerks import, export and share.
//!
//! Coordinates are millimetres from the label's top-left corner, as a person measures
//! a printed label. Font sizes are points (1 pt = 1/72 in).

use serde::{Deserialize, Serialize};

/// The newest template format this build reads and the one it writes.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelTemplate"))]
pub struct Template {
    /// Format version of the file; newer files are refused rather than misread.
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub description: String,
    pub size: LabelSize,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Orientation>", optional))]
    pub orientation: Orientation,
    pub elements: Vec<Element>,
    /// Present for A4 office sheets; absent for roll label printers (one page a label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub sheet: Option<SheetLayout>,
}

impl Template {
    /// Width and height of the design canvas in mm, after orientation.
    pub fn canvas_mm(&self) -> (f64, f64) {
        let (a, b) = self.size.dimensions_mm();
        let (long, short) = if a >= b { (a, b) } else { (b, a) };
        match self.orientation {
            Orientation::Landscape => (long, short),
            Orientation::Portrait => (short, long),
        }
    }
}

/// Label stock size. Presets serialise as strings (`"50x30mm"`), others as
/// `{"custom": {"width_mm": 55, "height_mm": 25}}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelSize"))]
pub enum LabelSize {
    #[serde(rename = "50x30mm")]
    Mm50x30,
    #[serde(rename = "40x30mm")]
    Mm40x30,
    #[serde(rename = "60x40mm")]
    Mm60x40,
    #[serde(rename = "70x40mm")]
    Mm70x40,
    /// 2.25 x 1.25 in, the common US thermal label.
    #[serde(rename = "2.25x1.25in")]
    In225x125,
    #[serde(rename = "custom")]
    Custom { width_mm: f64, height_mm: f64 },
}

impl LabelSize {
    pub fn dimensions_mm(self) -> (f64, f64) {
        match self {
            LabelSize::Mm50x30 => (50.0, 30.0),
            LabelSize::Mm40x30 => (40.0, 30.0),
            LabelSize::Mm60x40 => (60.0, 40.0),
            LabelSize::Mm70x40 => (70.0, 40.0),
            LabelSize::In225x125 => (57.15, 31.75),
            LabelSize::Custom {
                width_mm,
                height_mm,
            } => (width_mm, height_mm),
        }
    }
}

/// Which side of the stock is the width of the design. Landscape (the default) puts
/// the longer side horizontal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelOrientation"))]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelElement"))]
pub enum Element {
    Text(TextElement),
    Barcode(BarcodeElement),
}

/// Where an element's text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelContent"))]
pub enum Content {
    /// One of the standard [`crate::LabelData`] fields.
    Field(Field),
    /// A free field of `LabelData::extra` by name.
    Extra(String),
    /// Fixed text, e.g. "固定资产标签".
    Literal(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "LabelField"))]
pub enum Field {
    Code,
    Name,
    Model,
    Dept,
    Location,
    Acquired,
    Org,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Name => "name",
            Field::Model => "model",
            Field::Dept => "dept",
            Field::Location => "location",
            Field::Acquired => "acquired",
            Field::Org => "org",
        }
    }
}

/// Text, its top-left corner at (x_mm, y_mm): one line, or up to `max_lines` lines
/// wrapped within the width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "TextElement"))]
pub struct TextElement {
    pub x_mm: f64,
    pub y_mm: f64,
    pub font_size_pt: f64,
    pub content: Content,
    /// Printed before the content, e.g. "名称：".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Room for the text; defaults to the rest of the label to the right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_width_mm: Option<f64>,
    /// Too-wide text is set smaller (down to [`crate::MIN_SHRINK_PT`]) instead of
    /// being refused. Good for names, whose length varies.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shrink_to_fit: bool,
    /// Lines the text may wrap onto (1-9; 1: a single line). Chinese breaks between
    /// any two characters, other text at spaces (a word wider than the line breaks
    /// where it must). Wrapping comes before shrinking.
    #[serde(default = "one_line", skip_serializing_if = "is_one_line")]
    pub max_lines: u32,
}

fn one_line() -> u32 {
    1
}

fn is_one_line(n: &u32) -> bool {
    *n == 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Symbology"))]
pub enum Symbology {
    Code128,
    Code39,
    Qr,
    DataMatrix,
}

impl Symbology {
    /// Linear (1-D) symbologies have bars and a bar height; the others are matrices.
    pub fn is_linear(self) -> bool {
        matches!(self, Symbology::Code128 | Symbology::Code39)
    }
}

impl std::fmt::Display for Symbology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Symbology::Code128 => "Code 128",
            Symbology::Code39 => "Code 39",
            Symbology::Qr => "QR Code",
            Symbology::DataMatrix => "Data Matrix",
        })
    }
}

fn default_barcode_content() -> Content {
    Content::Field(Field::Code)
}
fn default_true() -> bool {
    true
}
fn default_hr_font_pt() -> f64 {
    6.0
}

/// A barcode whose top-left bar/module is at (x_mm, y_mm). Quiet zones are outside
/// that box and must fit on the label too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BarcodeElement"))]
pub struct BarcodeElement {
    pub x_mm: f64,
    pub y_mm: f64,
    pub symbology: Symbology,
    #[serde(default = "default_barcode_content")]
    pub content: Content,
    /// Preferred narrow bar (or matrix cell) width; shrunk towards
    /// [`crate::MIN_MODULE_MM`] if the code would not fit otherwise.
    pub module_mm: f64,
    /// Bar height of linear codes (ignored for QR / Data Matrix).
    #[serde(default)]
    pub height_mm: f64,
    /// Print the encoded text under a linear code.
    #[serde(default = "default_true")]
    pub human_readable: bool,
    #[serde(default = "default_hr_font_pt")]
    pub human_readable_size_pt: f64,
}

/// Several labels on an office sheet (A4 unless told otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SheetLayout"))]
pub struct SheetLayout {
    #[serde(default = "a4_width")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub page_width_mm: f64,
    #[serde(default = "a4_height")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub page_height_mm: f64,
    pub columns: u32,
    pub rows: u32,
    pub margin_left_mm: f64,
    pub margin_top_mm: f64,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub gap_x_mm: f64,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>", optional))]
    pub gap_y_mm: f64,
}

fn a4_width() -> f64 {
    210.0
}
fn a4_height() -> f64 {
    297.0
}

impl SheetLayout {
    pub fn cells(&self) -> usize {
        self.columns as usize * self.rows as usize
    }

    /// Top-left corner (mm from the page's top-left) of cell `index`, filled row by row.
    pub fn cell_origin_mm(&self, index: usize, label_w: f64, label_h: f64) -> (f64, f64) {
        let cols = self.columns.max(1) as usize;
        let (row, col) = (index / cols, index % cols);
        (
            self.margin_left_mm + col as f64 * (label_w + self.gap_x_mm),
            self.margin_top_mm + row as f64 * (label_h + self.gap_y_mm),
        )
    }
}
