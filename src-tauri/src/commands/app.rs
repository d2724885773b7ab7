//! First run, login and the session.

use ledger::{Error, ErrorCode, Lang, Ledger, Permission, SetupInput};
use tauri::State;

use crate::dto::{AppStatusDto, SetupDto, UserDto};
use crate::error::ApiResult;
use crate::state::{AppState, Session};

fn status_of(state: &AppState, s: &mut Session) -> ledger::Result<AppStatusDto> {
    crate::state::refresh_actor(s)?;
    let org_name = match &s.ledger {
        Some(l) => l.settings()?.org_name,
        None => String::new(),
    };
    Ok(AppStatusDto {
        initialized: s.ledger.is_some(),
        data_dir: state.data_dir.display().to_string(),
        org_name,
        lang: s.lang.as_str(),
        user: s.actor.as_ref().map(|a| UserDto { name: a.name.clone(), role: a.role.as_str(), dept_id: a.dept_id }),
        permissions: s.actor.as_ref().map(|a| Permission::ALL.iter().filter(|p| a.can(**p)).map(|p| p.as_str()).collect()).unwrap_or_default(),
        backup_age_days: match &s.ledger {
            Some(l) => l.backup_age_days()?,
            None => None,
        },
        lock_minutes: match &s.ledger {
            Some(l) => l.parameters()?.lock_minutes,
            None => 0,
        },
        audit_alarms: s.ledger.as_ref().map(|l| l.open_alarms().iter().map(|a| a.message(s.lang).to_string()).collect()).unwrap_or_default(),
    })
}

/// Where the app stands: set up or not, and who is logged in. Opens the ledger if needed.
#[tauri::command]
pub async fn app_status(app: tauri::AppHandle, state: State<'_, AppState>) -> ApiResult<AppStatusDto> {
    if let Some(message) = &state.instance_error {
        return Err(crate::error::ApiError { code: "already_running", message: message.clone(), fields: Vec::new() });
    }
    state.with_session(|s| {
        if s.ledger.is_none() && Ledger::exists(&state.data_dir) {
            // A damaged header or schema is refused right here (damaged_ledger); a damaged
            // page anywhere else is found by a full check in the background.
            let ledger = Ledger::open(&state.data_dir)?;
            crate::commands::recovery::check_in_background(app, state.data_dir.clone(), s.lang);
            s.lang = ledger.settings()?.language;
            s.ledger = Some(ledger);
        }
        status_of(&state, s)
    })
}

#[tauri::command]
pub async fn setup_ledger(state: State<'_, AppState>, input: SetupDto) -> ApiResult<AppStatusDto> {
    state.with_session(|s| {
        let lang = Lang::parse(&input.lang);
        s.lang = lang;
        let setup = SetupInput { org_name: input.org_name, admin_name: input.admin_name, admin_password: input.admin_password, language: Some(lang) };
        let regime = Some(input.regime.trim()).filter(|r| !r.is_empty()).map(ledger::Regime::parse).transpose()?;
        let (mut ledger, actor) = Ledger::create(&state.data_dir, &setup)?;
        if let Some(regime) = regime {
            ledger.set_accounting_regime(&actor, regime)?;
        }
        s.ledger = Some(ledger);
        s.actor = Some(actor);
        status_of(&state, s)
    })
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, name: String, password: String) -> ApiResult<AppStatusDto> {
    state.with_session(|s| {
        let ledger = s.ledger.as_mut().ok_or_else(|| Error::new(ErrorCode::NotInitialized, "no ledger is open", "没有打开的台账"))?;
        s.actor = Some(ledger.login(&name, &password)?);
        s.ended = None;
        status_of(&state, s)
    })
}

/// Logs out (退出登录, also the first half of 切换用户): nobody is logged in, and nothing
/// the previous user left in the shell (an uploaded import file) is kept for the next.
#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> ApiResult<AppStatusDto> {
    *state.import_upload.lock().unwrap_or_else(|p| p.into_inner()) = None;
    state.with_session(|s| {
        s.actor = None;
        s.ended = None;
        status_of(&state, s)
    })
}

/// The UI language: also the language of error messages from here on.
#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: String) -> ApiResult<AppStatusDto> {
    state.with_session(|s| {
        s.lang = Lang::parse(&lang);
        // The ledger's language is saved only for a user who may, as they stand now.
        crate::state::refresh_actor(s)?;
        if let (Some(ledger), Some(actor)) = (s.ledger.as_mut(), s.actor.as_ref()) {
            if actor.can(Permission::ManageSettings) {
                let mut settings = ledger.settings()?;
                settings.language = s.lang;
                ledger.update_settings(actor, &settings)?;
            }
        }
        status_of(&state, s)
    })
}
