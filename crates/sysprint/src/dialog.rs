//! The operating system's own print dialog, for the clerk who wants to choose there.
//! It only chooses (printer, copies); the job itself then goes the usual way
//! ([`crate::print_pdf_to`]: state checked, CUPS or the spooler's GDI path), so the PDF
//! printed is the one previewed. Windows: `PrintDlgExW` here. Linux: GtkPrintUnixDialog,
//! which lives with the GTK main loop in the app shell (src-tauri), not in this crate.

/// What the clerk chose in the system dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogChoice {
    /// A target [`crate::resolve`] takes: `winspool:NAME`, `cups:QUEUE`, `file:PATH`.
    pub printer: String,
    pub copies: u32,
}

/// Shows `PrintDlgExW` owned by `owner` (the app window's HWND; the dialog is modal to
/// it), starting at `copies`. `Ok(None)` when the clerk cancelled. Call it on the thread
/// that owns `owner`.
#[cfg(windows)]
pub fn windows_print_dialog(owner: isize, copies: u32) -> crate::Result<Option<DialogChoice>> {
    use windows_sys::Win32::Foundation::GlobalFree;
    use windows_sys::Win32::System::Memory::{GlobalLock, GlobalUnlock};
    use windows_sys::Win32::UI::Controls::Dialogs::{
        PrintDlgExW, DEVNAMES, PD_NOCURRENTPAGE, PD_NOPAGENUMS, PD_NOSELECTION, PD_RESULT_PRINT, PRINTDLGEXW, START_PAGE_GENERAL,
    };

    // SAFETY: the struct is zeroed then filled as PrintDlgExW documents; the handles it
    // returns are locked only while read and freed once.
    unsafe {
        let mut pd: PRINTDLGEXW = std::mem::zeroed();
        pd.lStructSize = std::mem::size_of::<PRINTDLGEXW>() as u32;
        pd.hwndOwner = owner as _;
        pd.Flags = PD_NOPAGENUMS | PD_NOSELECTION | PD_NOCURRENTPAGE;
        pd.nCopies = copies.max(1);
        pd.nStartPage = START_PAGE_GENERAL;
        let hr = PrintDlgExW(&mut pd);
        let free = |pd: &PRINTDLGEXW| {
            if !pd.hDevMode.is_null() {
                GlobalFree(pd.hDevMode);
            }
            if !pd.hDevNames.is_null() {
                GlobalFree(pd.hDevNames);
            }
        };
        if hr != 0 {
            free(&pd);
            return Err(crate::PrintError::Spooler { detail: format!("PrintDlgEx failed (HRESULT {hr:#x})") });
        }
        if pd.dwResultAction != PD_RESULT_PRINT || pd.hDevNames.is_null() {
            free(&pd);
            return Ok(None);
        }
        let names = GlobalLock(pd.hDevNames) as *const DEVNAMES;
        let name = if names.is_null() {
            String::new()
        } else {
            let base = names as *const u16;
            let p = base.add(usize::from((*names).wDeviceOffset));
            let mut len = 0;
            while *p.add(len) != 0 {
                len += 1;
            }
            String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
        };
        GlobalUnlock(pd.hDevNames);
        let copies = pd.nCopies.max(1);
        free(&pd);
        if name.is_empty() {
            return Ok(None);
        }
        Ok(Some(DialogChoice { printer: format!("winspool:{name}"), copies }))
    }
}
