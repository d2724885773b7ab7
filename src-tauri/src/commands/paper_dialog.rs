//! "系统打印对话框…": the operating system's print dialog chooses the printer and the
//! copies, then the preview's PDF is printed the usual way (commands::paper::print_held:
//! state checked, progress, remembered). Linux: GtkPrintUnixDialog on the GTK main thread
//! (the queue it names is a CUPS queue, `Print to File` a file); Windows: PrintDlgExW
//! (sysprint) owned by the app window. Both are modal to the window.

use api::paper::PrintedDto;
use tauri::{AppHandle, Manager, State};

use crate::commands::paper::{print_held, PaperPreviews};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Shows the system dialog for preview `id`; `None` when the clerk cancelled it.
#[tauri::command]
pub async fn paper_system_dialog(app: AppHandle, state: State<'_, AppState>, previews: State<'_, PaperPreviews>, id: u64, copies: u32) -> ApiResult<Option<PrintedDto>> {
    let held = previews.get(id)?;
    let title = held_title(&held);
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let _ = tx.send(choose(&handle, &title, copies));
    })
    .map_err(internal)?;
    let choice = tauri::async_runtime::spawn_blocking(move || rx.recv()).await.map_err(internal)?.map_err(internal)?;
    let lang = state.lang();
    let Some(choice) = choice.map_err(|e| crate::commands::paper::print_error(e, lang))? else {
        return Ok(None);
    };
    print_held(app, &state, held, id, choice.printer, choice.copies).await.map(Some)
}

fn held_title(held: &crate::commands::paper::Held) -> String {
    held.title().to_string()
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError { code: "internal", message: e.to_string(), fields: vec![] }
}

#[cfg(windows)]
fn choose(app: &AppHandle, _title: &str, copies: u32) -> sysprint::Result<Option<sysprint::DialogChoice>> {
    let owner = app.get_webview_window("main").and_then(|w| w.hwnd().ok()).map(|h| h.0 as isize).unwrap_or(0);
    sysprint::windows_print_dialog(owner, copies)
}

#[cfg(target_os = "linux")]
fn choose(app: &AppHandle, title: &str, copies: u32) -> sysprint::Result<Option<sysprint::DialogChoice>> {
    let parent = app.get_webview_window("main").and_then(|w| w.gtk_window().ok());
    Ok(gtk_dialog::run(parent.as_ref(), title, copies))
}

#[cfg(not(any(windows, target_os = "linux")))]
fn choose(_app: &AppHandle, _title: &str, _copies: u32) -> sysprint::Result<Option<sysprint::DialogChoice>> {
    Err(sysprint::PrintError::Unsupported { what: "the system print dialog".into() })
}

/// GtkPrintUnixDialog. gtk-rs 0.18 has no binding for gtkunixprint, so its few calls
/// are declared here; the symbols are in libgtk-3, which gtk-sys links already.
#[cfg(target_os = "linux")]
mod gtk_dialog {
    use std::ffi::{c_char, c_int, c_void, CStr, CString};

    use gtk::glib::translate::ToGlibPtr;
    use gtk::{ffi, glib};

    extern "C" {
        fn gtk_print_unix_dialog_new(title: *const c_char, parent: *mut ffi::GtkWindow) -> *mut ffi::GtkWidget;
        fn gtk_print_unix_dialog_set_settings(dialog: *mut ffi::GtkWidget, settings: *mut ffi::GtkPrintSettings);
        fn gtk_print_unix_dialog_get_settings(dialog: *mut ffi::GtkWidget) -> *mut ffi::GtkPrintSettings;
        fn gtk_print_unix_dialog_get_selected_printer(dialog: *mut ffi::GtkWidget) -> *mut c_void;
        fn gtk_print_unix_dialog_set_manual_capabilities(dialog: *mut ffi::GtkWidget, capabilities: c_int);
        fn gtk_printer_get_name(printer: *mut c_void) -> *const c_char;
        fn gtk_printer_is_virtual(printer: *mut c_void) -> glib::ffi::gboolean;
    }

    const CAPABILITY_COPIES: c_int = 1 << 3;
    const CAPABILITY_COLLATE: c_int = 1 << 4;

    /// Runs the dialog (nested main loop: call on the GTK main thread). A real queue
    /// comes back as `cups:QUEUE`; GTK's "Print to File" as `file:PATH`.
    pub fn run(parent: Option<&gtk::ApplicationWindow>, title: &str, copies: u32) -> Option<sysprint::DialogChoice> {
        let title = CString::new(title.replace('\0', "")).unwrap_or_default();
        // SAFETY: every pointer comes from GTK and is used while alive: the dialog is
        // destroyed, the settings it returned (transfer full) unreffed, the printer (transfer
        // none) only read before the dialog goes.
        unsafe {
            let parent_ptr: *mut ffi::GtkWindow = match parent {
                Some(w) => {
                    let p: *mut ffi::GtkApplicationWindow = w.to_glib_none().0;
                    p.cast()
                }
                None => std::ptr::null_mut(),
            };
            let dialog = gtk_print_unix_dialog_new(title.as_ptr(), parent_ptr);
            let settings = ffi::gtk_print_settings_new();
            ffi::gtk_print_settings_set_n_copies(settings, copies.max(1) as c_int);
            gtk_print_unix_dialog_set_settings(dialog, settings);
            glib::gobject_ffi::g_object_unref(settings.cast());
            gtk_print_unix_dialog_set_manual_capabilities(dialog, CAPABILITY_COPIES | CAPABILITY_COLLATE);
            ffi::gtk_window_set_modal(dialog.cast(), glib::ffi::GTRUE);
            let response = ffi::gtk_dialog_run(dialog.cast());
            let mut choice = None;
            if response == ffi::GTK_RESPONSE_OK {
                let printer = gtk_print_unix_dialog_get_selected_printer(dialog);
                let chosen = gtk_print_unix_dialog_get_settings(dialog);
                let copies = (ffi::gtk_print_settings_get_n_copies(chosen).max(1)) as u32;
                if !printer.is_null() {
                    let name = CStr::from_ptr(gtk_printer_get_name(printer)).to_string_lossy().into_owned();
                    let target = if gtk_printer_is_virtual(printer) != 0 {
                        let key = CString::new("output-uri").unwrap();
                        let uri = ffi::gtk_print_settings_get(chosen, key.as_ptr());
                        (!uri.is_null()).then(|| CStr::from_ptr(uri).to_string_lossy().into_owned()).and_then(|u| u.strip_prefix("file://").map(|p| format!("file:{p}")))
                    } else {
                        Some(format!("cups:{name}"))
                    };
                    choice = target.map(|printer| sysprint::DialogChoice { printer, copies });
                }
                glib::gobject_ffi::g_object_unref(chosen.cast());
            }
            ffi::gtk_widget_destroy(dialog);
            choice
        }
    }
}
