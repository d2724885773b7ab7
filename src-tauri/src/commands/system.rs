//! System management: backups and users.

use ledger::Role;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct BackupDto {
    pub file: String,
    pub assets: i64,
    pub documents: i64,
    pub schema: i64,
    pub taken_at: String,
    pub ok: bool,
    pub problem: Option<String>,
}

#[derive(Serialize)]
pub struct BackupStatusDto {
    pub dir: String,
    pub last_backup_at: Option<String>,
    pub backups: Vec<BackupDto>,
}

/// A backup that verified.
pub(crate) fn verified(i: ledger::BackupInfo) -> BackupDto {
    BackupDto { file: i.file.display().to_string(), assets: i.assets, documents: i.documents, schema: i.schema, taken_at: i.taken_at, ok: true, problem: None }
}

fn describe(file: &std::path::Path, lang: ledger::Lang) -> BackupDto {
    match ledger::verify_backup(file) {
        Ok(i) => verified(i),
        Err(e) => BackupDto { file: file.display().to_string(), assets: 0, documents: 0, schema: 0, taken_at: String::new(), ok: false, problem: Some(e.message(lang).to_string()) },
    }
}

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> ApiResult<BackupStatusDto> {
    let lang = state.lang();
    state.as_user(|ledger, _actor| {
        let dir = ledger.backup_folder()?;
        Ok(BackupStatusDto {
            last_backup_at: ledger.last_backup_at()?,
            backups: ledger::list_backups(&dir)?.iter().map(|f| describe(f, lang)).collect(),
            dir: dir.display().to_string(),
        })
    })
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>, dir: Option<String>) -> ApiResult<String> {
    state.as_user(|ledger, actor| {
        let dir = dir.filter(|d| !d.trim().is_empty()).map(std::path::PathBuf::from);
        Ok(ledger.create_backup(actor, dir.as_deref(), 30)?.display().to_string())
    })
}

/// What a backup file holds, before restoring it.
#[tauri::command]
pub async fn inspect_backup(state: State<'_, AppState>, file: String) -> ApiResult<BackupDto> {
    Ok(describe(std::path::Path::new(&file), state.lang()))
}

#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String) -> ApiResult<String> {
    state.as_user(|ledger, actor| Ok(ledger.restore_backup(actor, std::path::Path::new(&file))?.display().to_string()))
}

#[derive(Serialize)]
pub struct UserDto {
    pub name: String,
    pub role: &'static str,
    pub dept: Option<String>,
    pub active: bool,
}

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> ApiResult<Vec<UserDto>> {
    state.as_user(|ledger, actor| {
        Ok(ledger.list_users(actor)?.into_iter().map(|u| UserDto { name: u.name, role: u.role.as_str(), dept: u.dept, active: u.active }).collect())
    })
}

#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, name: String, role: String, dept: Option<String>, password: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.add_user(actor, &name, Role::parse(&role)?, dept.as_deref(), &password))
}

#[derive(Serialize)]
pub struct AuditDto {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

#[derive(Serialize)]
pub struct AuditLogDto {
    pub entries: Vec<AuditDto>,
    /// None when the chain is intact; else the first entry where it breaks.
    pub broken_at: Option<i64>,
    pub total: i64,
    /// Tamper evidence (issue 26): ok, tampered, rollback or key_missing.
    pub status: String,
    /// 审计指纹: the head's first 8 hex digits and sequence, as printed on reports.
    pub fingerprint: String,
    /// What differs, in the UI language.
    pub findings: Vec<String>,
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: i64) -> ApiResult<AuditLogDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        let check = ledger.verify_audit(actor)?;
        Ok(AuditLogDto {
            status: check.status.as_str().to_string(),
            fingerprint: check.head.as_ref().map(|h| h.fingerprint()).unwrap_or_else(|| "-".to_string()),
            findings: check.findings.iter().map(|f| f.message(lang).to_string()).collect(),
            entries: ledger
                .audit_entries(actor, limit)?
                .into_iter()
                .map(|e| AuditDto { id: e.id, at: e.at, user: e.user, action: e.action, target: e.target, detail: e.detail })
                .collect(),
            broken_at: check.broken_at,
            total: check.entries,
        })
    })
}

#[derive(Serialize, Deserialize)]
pub struct ParametersDto {
    pub org_name: String,
    pub asset_code_rule: String,
    pub backup_every: String,
    pub backup_time: String,
    pub backup_dir: String,
    pub backup_keep: u32,
    pub lock_minutes: u32,
    pub reminder_days: u32,
    pub transfer_confirmation: bool,
    pub doc_number_rule: String,
    pub default_salvage_rate: String,
}

#[tauri::command]
pub async fn get_parameters(state: State<'_, AppState>) -> ApiResult<ParametersDto> {
    state.as_user(|ledger, _actor| {
        let s = ledger.settings()?;
        let p = ledger.parameters()?;
        Ok(ParametersDto {
            org_name: s.org_name,
            asset_code_rule: s.asset_code_rule,
            backup_every: p.backup_every.as_str().into(),
            backup_time: p.backup_time,
            backup_dir: p.backup_dir,
            backup_keep: p.backup_keep,
            lock_minutes: p.lock_minutes,
            reminder_days: p.reminder_days,
            transfer_confirmation: p.transfer_confirmation,
            doc_number_rule: p.doc_number_rule,
            default_salvage_rate: p.default_salvage_rate,
        })
    })
}

#[tauri::command]
pub async fn update_parameters(state: State<'_, AppState>, params: ParametersDto) -> ApiResult<()> {
    state.as_user(|ledger, actor| {
        let mut settings = ledger.settings()?;
        settings.org_name = params.org_name;
        settings.asset_code_rule = params.asset_code_rule;
        let every = match params.backup_every.as_str() {
            "off" => ledger::BackupEvery::Off,
            "weekly" => ledger::BackupEvery::Weekly,
            _ => ledger::BackupEvery::Daily,
        };
        let parameters = ledger::Parameters {
            backup_every: every,
            backup_time: params.backup_time,
            backup_dir: params.backup_dir,
            backup_keep: params.backup_keep,
            lock_minutes: params.lock_minutes,
            reminder_days: params.reminder_days,
            transfer_confirmation: params.transfer_confirmation,
            doc_number_rule: params.doc_number_rule,
            default_salvage_rate: params.default_salvage_rate,
        };
        // Check the organisation's fields before writing anything, so a refusal changes nothing.
        ledger::CodeRule::parse(&settings.asset_code_rule)?;
        if settings.org_name.trim().is_empty() {
            return Err(ledger::Error::invalid("org_name", "organisation name is required", "单位名称不能为空"));
        }
        ledger.update_parameters(actor, &parameters)?;
        ledger.update_settings(actor, &settings)
    })
}

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, old: String, new: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.change_password(actor, &old, &new))
}

#[tauri::command]
pub async fn reset_password(state: State<'_, AppState>, user: String, new: String) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.reset_password(actor, &user, &new))
}

#[derive(Serialize)]
pub struct RolePermissionDto {
    pub role: &'static str,
    pub permission: &'static str,
    pub label: &'static str,
    pub allowed: bool,
    pub default: bool,
}

#[tauri::command]
pub async fn role_permissions(state: State<'_, AppState>) -> ApiResult<Vec<RolePermissionDto>> {
    let lang = state.lang();
    state.as_user(|ledger, actor| {
        Ok(ledger
            .role_permissions(actor)?
            .into_iter()
            .map(|(role, p, allowed, default)| RolePermissionDto { role: role.as_str(), permission: p.as_str(), label: p.label(lang), allowed, default })
            .collect())
    })
}

#[tauri::command]
pub async fn set_role_permission(state: State<'_, AppState>, role: String, permission: String, allowed: bool) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_role_permission(actor, Role::parse(&role)?, ledger::Permission::parse(&permission)?, allowed))
}
