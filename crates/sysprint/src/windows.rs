//! The Windows spooler: the installed printers (`EnumPrintersW`) and PDF jobs drawn with
//! GDI. A PDF cannot go RAW to most office printers, so each page is rasterised (the
//! preview's renderer) and stretched onto the printer's page; the driver does the rest.
#![cfg(windows)]

use std::sync::atomic::{AtomicBool, Ordering};

use windows_sys::Win32::Graphics::Gdi::{
    CreateDCW, DeleteDC, GetDeviceCaps, SetBrushOrgEx, SetStretchBltMode, StretchDIBits,
    BITMAPINFO, BITMAPINFOHEADER, BI_RGB, DEVMODEW, DIB_RGB_COLORS, HALFTONE, HDC, LOGPIXELSX,
    LOGPIXELSY, PHYSICALHEIGHT, PHYSICALOFFSETX, PHYSICALOFFSETY, PHYSICALWIDTH, SRCCOPY,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DocumentPropertiesW, EnumPrintersW, GetDefaultPrinterW, OpenPrinterW,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_2W,
};
use windows_sys::Win32::Storage::Xps::{AbortDoc, EndDoc, EndPage, StartDocW, StartPage, DOCINFOW};

use crate::error::{PrintError, Result};
use crate::options::{DevModeFields, PrintOptions};
use crate::printer::{spooler_reasons, spooler_state, Printer};
use crate::raster::Document;
use crate::Submitted;

/// Rasterising beyond this buys nothing on paper and costs memory (an A4 page at 300
/// dpi is 35 MB of pixels).
const MAX_RENDER_DPI: i32 = 300;

const DM_IN_BUFFER: u32 = 8;
const DM_OUT_BUFFER: u32 = 2;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// SAFETY: `p` is null or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    while *p.add(len) != 0 {
        len += 1;
    }
    String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
}

fn last_error(step: &str) -> String {
    format!("{step}: {}", std::io::Error::last_os_error())
}

fn default_printer_name() -> Option<String> {
    let mut len = 0u32;
    // SAFETY: the first call only asks for the length; the second writes at most `len`
    // UTF-16 units into a buffer of that size.
    unsafe {
        GetDefaultPrinterW(std::ptr::null_mut(), &mut len);
        if len == 0 {
            return None;
        }
        let mut buf = vec![0u16; len as usize];
        if GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) == 0 {
            return None;
        }
        Some(from_wide(buf.as_ptr()))
    }
}

pub(crate) fn installed_printers() -> Result<Vec<Printer>> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut returned) = (0u32, 0u32);
    // SAFETY: the buffer is sized (and 8-byte aligned) as the first call says; the
    // PRINTER_INFO_2W records and the strings they point to live inside it.
    let printers = unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            2,
            std::ptr::null_mut(),
            0,
            &mut needed,
            &mut returned,
        );
        if needed == 0 {
            return Ok(Vec::new());
        }
        let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
        if EnumPrintersW(
            flags,
            std::ptr::null(),
            2,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut returned,
        ) == 0
        {
            return Err(PrintError::Spooler {
                detail: last_error("EnumPrinters"),
            });
        }
        let infos =
            std::slice::from_raw_parts(buf.as_ptr().cast::<PRINTER_INFO_2W>(), returned as usize);
        let default = default_printer_name();
        infos
            .iter()
            .map(|info| {
                let name = from_wide(info.pPrinterName);
                let (state, accepting, message) = spooler_state(info.Status, info.Attributes);
                Printer {
                    id: format!("winspool:{name}"),
                    is_default: default.as_deref() == Some(name.as_str()),
                    name,
                    state,
                    accepting,
                    message,
                    reasons: spooler_reasons(info.Status),
                }
            })
            .collect::<Vec<_>>()
    };
    Ok(printers)
}

/// The printer's own DEVMODE with AssetDesk's paper and orientation merged in by the
/// driver, as a buffer (DEVMODE has driver-private bytes after the public fields).
fn job_devmode(name: &[u16], printer: &str, fields: DevModeFields) -> Result<Vec<u64>> {
    let refused = |detail: String| PrintError::Refused {
        printer: printer.to_string(),
        detail,
    };
    let mut handle = PRINTER_HANDLE {
        Value: std::ptr::null_mut(),
    };
    // SAFETY: `name` is NUL-terminated; the DEVMODE buffer is the size the driver asked
    // for; the handle is closed on every path after a successful open.
    unsafe {
        if OpenPrinterW(name.as_ptr(), &mut handle, std::ptr::null()) == 0 {
            return Err(refused(last_error("OpenPrinter")));
        }
        let result = (|| {
            let size = DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                name.as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null(),
                0,
            );
            if size <= 0 {
                return Err(refused(last_error("DocumentProperties")));
            }
            let mut buf = vec![0u64; (size as usize).div_ceil(8)];
            let dm = buf.as_mut_ptr().cast::<DEVMODEW>();
            if DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                name.as_ptr(),
                dm,
                std::ptr::null(),
                DM_OUT_BUFFER,
            ) < 0
            {
                return Err(refused(last_error("DocumentProperties")));
            }
            (*dm).dmFields |= fields.fields;
            (*dm).Anonymous1.Anonymous1.dmOrientation = fields.orientation;
            (*dm).Anonymous1.Anonymous1.dmPaperSize = fields.paper_size;
            if DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                name.as_ptr(),
                dm,
                dm,
                DM_IN_BUFFER | DM_OUT_BUFFER,
            ) < 0
            {
                return Err(refused(last_error("DocumentProperties")));
            }
            Ok(buf)
        })();
        ClosePrinter(handle);
        result
    }
}

/// A printer DC, deleted on drop; a started document not ended is aborted first.
struct PrinterDc {
    hdc: HDC,
    in_doc: bool,
}

impl Drop for PrinterDc {
    fn drop(&mut self) {
        // SAFETY: `hdc` came from CreateDCW and is deleted exactly once, here.
        unsafe {
            if self.in_doc {
                AbortDoc(self.hdc);
            }
            DeleteDC(self.hdc);
        }
    }
}

pub(crate) fn print_pdf(
    printer: &str,
    pdf: &[u8],
    options: &PrintOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Submitted> {
    let doc = Document::open(pdf)?;
    let pages = doc.page_count();
    let fields = DevModeFields::for_job(options, doc.page_size_mm(0)?);
    let name = wide(printer);
    let devmode = job_devmode(&name, printer, fields)?;
    let refused = |step: &str| PrintError::Refused {
        printer: printer.to_string(),
        detail: last_error(step),
    };
    let driver = wide("WINSPOOL");
    // SAFETY: all strings are NUL-terminated buffers that outlive the calls; the DIB
    // header describes exactly the pixel buffer passed with it.
    unsafe {
        let hdc = CreateDCW(
            driver.as_ptr(),
            name.as_ptr(),
            std::ptr::null(),
            devmode.as_ptr().cast(),
        );
        if hdc.is_null() {
            return Err(refused("CreateDC"));
        }
        let mut dc = PrinterDc { hdc, in_doc: false };
        let dpi_x = GetDeviceCaps(hdc, LOGPIXELSX as i32).max(1);
        let dpi_y = GetDeviceCaps(hdc, LOGPIXELSY as i32).max(1);
        let (paper_w, paper_h) = (
            GetDeviceCaps(hdc, PHYSICALWIDTH as i32),
            GetDeviceCaps(hdc, PHYSICALHEIGHT as i32),
        );
        let (off_x, off_y) = (
            GetDeviceCaps(hdc, PHYSICALOFFSETX as i32),
            GetDeviceCaps(hdc, PHYSICALOFFSETY as i32),
        );
        let render_dpi = f64::from(dpi_x.min(MAX_RENDER_DPI));
        let title = wide(&options.job_name);
        let info = DOCINFOW {
            cbSize: std::mem::size_of::<DOCINFOW>() as i32,
            lpszDocName: title.as_ptr(),
            lpszOutput: std::ptr::null(),
            lpszDatatype: std::ptr::null(),
            fwType: 0,
        };
        let job = StartDocW(hdc, &info);
        if job <= 0 {
            return Err(refused("StartDoc"));
        }
        dc.in_doc = true;
        SetStretchBltMode(hdc, HALFTONE);
        SetBrushOrgEx(hdc, 0, 0, std::ptr::null_mut());
        let total = pages * options.copies as usize;
        let mut done = 0;
        // Every copy drawn by us, collated: many drivers ignore dmCopies.
        for _copy in 0..options.copies {
            for index in 0..pages {
                if cancel.load(Ordering::Relaxed) {
                    return Err(PrintError::Cancelled); // PrinterDc aborts the document
                }
                let bitmap = doc.render(index, render_dpi)?;
                let (page_w_mm, page_h_mm) = doc.page_size_mm(index)?;
                // The page at its true size, from the paper's corner, shrunk only
                // if it is larger than the paper.
                let want_w = page_w_mm / 25.4 * f64::from(dpi_x);
                let want_h = page_h_mm / 25.4 * f64::from(dpi_y);
                let fit = (f64::from(paper_w) / want_w)
                    .min(f64::from(paper_h) / want_h)
                    .min(1.0);
                let (dest_w, dest_h) =
                    ((want_w * fit).round() as i32, (want_h * fit).round() as i32);
                let (w, h) = (bitmap.width() as i32, bitmap.height() as i32);
                let pixels = bitmap.bgrx();
                let mut bmi: BITMAPINFO = std::mem::zeroed();
                bmi.bmiHeader = BITMAPINFOHEADER {
                    biSize: std::mem::size_of::<BITMAPINFOHEADER>() as u32,
                    biWidth: w,
                    biHeight: -h, // top row first
                    biPlanes: 1,
                    biBitCount: 32,
                    biCompression: BI_RGB,
                    ..std::mem::zeroed()
                };
                if StartPage(hdc) <= 0 {
                    return Err(refused("StartPage"));
                }
                let drawn = StretchDIBits(
                    hdc,
                    -off_x,
                    -off_y,
                    dest_w,
                    dest_h,
                    0,
                    0,
                    w,
                    h,
                    pixels.as_ptr().cast(),
                    &bmi,
                    DIB_RGB_COLORS,
                    SRCCOPY,
                );
                if drawn == 0 {
                    return Err(refused("StretchDIBits"));
                }
                if EndPage(hdc) <= 0 {
                    return Err(refused("EndPage"));
                }
                done += 1;
                progress(done, total);
            }
        }
        if EndDoc(hdc) <= 0 {
            return Err(refused("EndDoc"));
        }
        dc.in_doc = false;
        Ok(Submitted {
            job_id: Some(job.to_string()),
            pages,
            warnings: Vec::new(),
        })
    }
}
