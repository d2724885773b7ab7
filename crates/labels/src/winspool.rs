//! Raw printing through the Windows spooler (OpenPrinter / StartDocPrinter with the
//! "RAW" data type), so USB label printers shared by Windows get ZPL/TSPL untouched.
//! Elsewhere this is a clear "not supported" error.

use crate::error::{LabelError, Result};

#[cfg(not(windows))]
pub fn send(_printer: &str, _job: &[u8]) -> Result<()> {
    Err(LabelError::Unsupported {
        what: "printing through the Windows spooler (winspool:)".into(),
    })
}

#[cfg(windows)]
pub fn send(printer: &str, job: &[u8]) -> Result<()> {
    use windows_sys::Win32::Graphics::Printing::{
        ClosePrinter, EndDocPrinter, EndPagePrinter, OpenPrinterW, StartDocPrinterW,
        StartPagePrinter, WritePrinter, DOC_INFO_1W, PRINTER_HANDLE,
    };

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }
    let fail = |step: &str| LabelError::Send {
        target: format!("winspool:{printer}"),
        source: std::io::Error::other(format!("{step}: {}", std::io::Error::last_os_error())),
    };
    let name = wide(printer);
    let mut doc_name = wide("AssetDesk labels");
    let mut datatype = wide("RAW");
    let mut handle = PRINTER_HANDLE {
        Value: std::ptr::null_mut(),
    };
    // SAFETY: every pointer passed points into a live, NUL-terminated buffer above, and
    // the handle is closed on every path after a successful open.
    unsafe {
        if OpenPrinterW(name.as_ptr(), &mut handle, std::ptr::null()) == 0 {
            return Err(fail("OpenPrinter"));
        }
        let info = DOC_INFO_1W {
            pDocName: doc_name.as_mut_ptr(),
            pOutputFile: std::ptr::null_mut(),
            pDatatype: datatype.as_mut_ptr(),
        };
        let result = (|| {
            if StartDocPrinterW(handle, 1, &info) == 0 {
                return Err(fail("StartDocPrinter"));
            }
            let mut written = 0u32;
            let ok = StartPagePrinter(handle) != 0
                && WritePrinter(handle, job.as_ptr().cast(), job.len() as u32, &mut written) != 0
                && EndPagePrinter(handle) != 0;
            let ended = EndDocPrinter(handle) != 0;
            if !ok || !ended || written as usize != job.len() {
                return Err(fail("WritePrinter"));
            }
            Ok(())
        })();
        ClosePrinter(handle);
        result
    }
}
