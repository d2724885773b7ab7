//! What the shell keeps between commands: the open ledger, who is logged in, and the
//! UI language. One lock; commands hold it only while the core works.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use ledger::{Actor, Error, ErrorCode, Lang, Ledger};

use crate::error::{ApiError, ApiResult};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Where exports are written (`--export-dir`, `ASSETDESK_EXPORT_DIR`, else Documents/AssetDesk).
    pub export_dir: PathBuf,
    pub session: Mutex<Session>,
    pub cancel_export: AtomicBool,
    /// Set by the import wizard's cancel button; read between rows without the session lock.
    pub cancel_import: AtomicBool,
    /// The file the import wizard is working on: (name, bytes).
    pub import_upload: Mutex<Option<(String, Vec<u8>)>>,
    /// Set when another instance already has this ledger open.
    pub instance_error: Option<String>,
}

#[derive(Default)]
pub struct Session {
    pub ledger: Option<Ledger>,
    pub actor: Option<Actor>,
    pub lang: Lang,
    /// Why the backend ended the session (the user was disabled, their password reset):
    /// every call until the next login or logout says so, not merely "please log in", so
    /// the UI shows the reason whichever of its calls came first.
    pub ended: Option<Error>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, export_dir: PathBuf) -> AppState {
        AppState { data_dir, export_dir, session: Mutex::new(Session::default()), cancel_export: AtomicBool::new(false), cancel_import: AtomicBool::new(false), import_upload: Mutex::new(None), instance_error: None }
    }

    pub fn lang(&self) -> Lang {
        self.session.lock().map(|s| s.lang).unwrap_or_default()
    }

    /// Runs `f` with the session locked; core errors come back in the UI language.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> ledger::Result<T>) -> ApiResult<T> {
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let lang = session.lang;
        f(&mut session).map_err(|e| ApiError::from_core(e, lang))
    }

    /// Runs one use case of the api crate as the logged-in user on the open ledger: what
    /// every ported command does (parse, `state.call(|cx| api::…(cx, request))`, render).
    pub fn call<T>(&self, f: impl FnOnce(&mut api::Ctx) -> ledger::Result<T>) -> ApiResult<T> {
        self.with_session(|s| {
            let lang = s.lang;
            let (ledger, actor) = logged_in(s)?;
            f(&mut api::Ctx::new(ledger, actor, lang))
        })
    }

    /// Runs `f` as the logged-in user on the open ledger: for the commands not yet ported
    /// to the api crate (the allow-list in crates/robustness/tests/thin_adapters.rs).
    pub fn as_user<T>(&self, f: impl FnOnce(&mut Ledger, &Actor) -> ledger::Result<T>) -> ApiResult<T> {
        self.with_session(|s| {
            let (ledger, actor) = logged_in(s)?;
            f(ledger, actor)
        })
    }
}

/// The open ledger and who is logged in to it, or why a command cannot run yet. The
/// user is read afresh on every call (issue 20): a disabled user or a password reset ends
/// the session here (the UI returns to the login screen with the message), and a changed
/// role or permission applies at once.
fn logged_in(s: &mut Session) -> ledger::Result<(&mut Ledger, &Actor)> {
    let Session { ledger, actor, ended, .. } = s;
    let current = actor.as_ref().ok_or_else(|| ended.clone().unwrap_or_else(|| Error::new(ErrorCode::Unauthenticated, "please log in", "请先登录")))?;
    let ledger = ledger.as_mut().ok_or_else(|| Error::new(ErrorCode::NotInitialized, "no ledger is open", "没有打开的台账"))?;
    match api::session::recheck(ledger, current) {
        Ok(fresh) => Ok((ledger, &*actor.insert(fresh))),
        Err(e) => {
            *actor = None;
            *ended = Some(e.clone());
            Err(e)
        }
    }
}

/// Brings the session's user up to date for the status the UI shows (its permissions);
/// a session that ended is logged out and the reason returned, as any call would.
pub fn refresh_actor(s: &mut Session) -> ledger::Result<()> {
    if s.actor.is_some() {
        logged_in(s)?;
    }
    Ok(())
}
