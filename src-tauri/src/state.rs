//! What the shell keeps between commands: the window's session (`api::Desk`: the open
//! ledger, who is logged in, the UI language) and the app's own flags. One lock;
//! commands hold it only while the core works.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use api::{Desk, Lang};

use crate::error::{ApiError, ApiResult};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Where exports are written (`--export-dir`, `ASSETDESK_EXPORT_DIR`, else Documents/AssetDesk).
    pub export_dir: PathBuf,
    pub session: Mutex<Desk>,
    pub cancel_export: AtomicBool,
    /// Set by the import wizard's cancel button; read between rows without the session lock.
    pub cancel_import: AtomicBool,
    /// The file the import wizard is working on: (name, bytes).
    pub import_upload: Mutex<Option<(String, Vec<u8>)>>,
    /// Set when another instance already has this ledger open.
    pub instance_error: Option<String>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, export_dir: PathBuf) -> AppState {
        AppState { data_dir, export_dir, session: Mutex::new(Desk::default()), cancel_export: AtomicBool::new(false), cancel_import: AtomicBool::new(false), import_upload: Mutex::new(None), instance_error: None }
    }

    pub fn lang(&self) -> Lang {
        self.session.lock().map(|s| s.lang()).unwrap_or_default()
    }

    /// Runs `f` with the session locked; core errors come back in the UI language.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Desk) -> api::Result<T>) -> ApiResult<T> {
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = f(&mut session);
        let lang = session.lang();
        result.map_err(|e| ApiError::from_core(e, lang))
    }

    /// Runs one use case of the api crate as the logged-in user on the open ledger: what
    /// every command does (parse, `state.call(|cx| api::…(cx, request))`, render).
    pub fn call<T>(&self, f: impl FnOnce(&mut api::Ctx) -> api::Result<T>) -> ApiResult<T> {
        self.with_session(|desk| desk.call(f))
    }

    /// One step of a long use case (`api::export::Steps`): the session locked for that step only.
    pub fn step(&self, f: &mut dyn FnMut(&mut api::Ctx) -> api::Result<()>) -> api::Result<()> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).call(f)
    }
}
