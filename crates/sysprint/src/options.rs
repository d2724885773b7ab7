//! Job options and their mapping onto each system: `lp -o` options for CUPS and the
//! DEVMODE fields for the Windows spooler. Pure functions, so both are tested anywhere.

use crate::error::{PrintError, Result};

/// Copies a job may ask for (the UI's and CLI's range; Windows' DEVMODE field is i16).
pub const MAX_COPIES: u32 = 999;

/// ISO paper sizes AssetDesk prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A5,
}

impl Paper {
    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
        }
    }

    /// The paper a page of this size (either way round) is, within 2 mm.
    pub fn of_page(width_mm: f64, height_mm: f64) -> Option<Paper> {
        let (short, long) = if width_mm <= height_mm {
            (width_mm, height_mm)
        } else {
            (height_mm, width_mm)
        };
        [Paper::A4, Paper::A5].into_iter().find(|p| {
            let (w, h) = p.size_mm();
            (short - w).abs() <= 2.0 && (long - h).abs() <= 2.0
        })
    }

    /// `a4` / `a5` (any case).
    pub fn parse(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "a5" => Some(Paper::A5),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    pub fn of_page(width_mm: f64, height_mm: f64) -> Orientation {
        if width_mm > height_mm {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        }
    }
}

/// How to print a job. `paper` / `orientation` left `None` follow the PDF's first page
/// (AssetDesk lays its PDFs out for the paper the clerk chose, so that is the usual way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintOptions {
    pub copies: u32,
    pub paper: Option<Paper>,
    pub orientation: Option<Orientation>,
    /// The job's title in the system queue ("领用单 LY-2026-0001").
    pub job_name: String,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            copies: 1,
            paper: None,
            orientation: None,
            job_name: "AssetDesk".to_string(),
        }
    }
}

impl PrintOptions {
    pub fn copies(copies: u32) -> PrintOptions {
        PrintOptions {
            copies,
            ..PrintOptions::default()
        }
    }

    pub fn check(&self) -> Result<()> {
        if self.copies == 0 || self.copies > MAX_COPIES {
            return Err(PrintError::BadCopies {
                given: self.copies,
                max: MAX_COPIES,
            });
        }
        Ok(())
    }

    /// Paper and orientation for a document whose first page is `page_mm`: the
    /// explicit choice, else what the page is (A4 when it is neither A4 nor A5).
    pub fn resolved(&self, page_mm: (f64, f64)) -> (Paper, Orientation) {
        let paper = self
            .paper
            .or_else(|| Paper::of_page(page_mm.0, page_mm.1))
            .unwrap_or(Paper::A4);
        let orientation = self
            .orientation
            .unwrap_or_else(|| Orientation::of_page(page_mm.0, page_mm.1));
        (paper, orientation)
    }
}

/// The `lp` arguments after `-d QUEUE` for a PDF job: copies (`-n`, collated), the
/// title, the media, and an orientation only when asked for explicitly (CUPS turns a
/// landscape PDF page onto portrait paper by itself; forcing it would turn it twice).
pub fn lp_options(options: &PrintOptions, page_mm: (f64, f64)) -> Vec<String> {
    let (paper, _) = options.resolved(page_mm);
    let mut args = vec![
        "-n".to_string(),
        options.copies.to_string(),
        "-t".to_string(),
        options.job_name.clone(),
        "-o".to_string(),
        format!("media={}", paper.as_str().to_ascii_uppercase()),
    ];
    if options.copies > 1 {
        args.extend(["-o".to_string(), "collate=true".to_string()]);
    }
    if let Some(o) = options.orientation {
        if o != Orientation::of_page(page_mm.0, page_mm.1) {
            // 4 = landscape, 3 = portrait (RFC 8011 orientation-requested).
            let value = if o == Orientation::Landscape { 4 } else { 3 };
            args.extend(["-o".to_string(), format!("orientation-requested={value}")]);
        }
    }
    args
}

/// The DEVMODE fields AssetDesk sets on Windows (the rest stay the driver's defaults).
/// Copies are not among them: the GDI path draws every copy itself (collated), since
/// many drivers ignore `dmCopies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevModeFields {
    /// `DM_ORIENTATION | DM_PAPERSIZE`.
    pub fields: u32,
    /// `DMORIENT_PORTRAIT` (1) or `DMORIENT_LANDSCAPE` (2).
    pub orientation: i16,
    /// `DMPAPER_A4` (9) or `DMPAPER_A5` (11).
    pub paper_size: i16,
}

impl DevModeFields {
    pub const DM_ORIENTATION: u32 = 0x1;
    pub const DM_PAPERSIZE: u32 = 0x2;

    pub fn for_job(options: &PrintOptions, page_mm: (f64, f64)) -> DevModeFields {
        let (paper, orientation) = options.resolved(page_mm);
        DevModeFields {
            fields: Self::DM_ORIENTATION | Self::DM_PAPERSIZE,
            orientation: match orientation {
                Orientation::Portrait => 1,
                Orientation::Landscape => 2,
            },
            paper_size: match paper {
                Paper::A4 => 9,
                Paper::A5 => 11,
            },
        }
    }
}
