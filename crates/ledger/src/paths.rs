use std::path::PathBuf;

/// Where the ledger lives unless told otherwise: `ASSETDESK_DATA_DIR`, else the OS data
/// directory (e.g. `~/.local/share/assetdesk`). The desktop app and the CLI share it.
pub fn default_data_dir() -> PathBuf {
    from_env_or("ASSETDESK_DATA_DIR", |p| p.data_dir().to_path_buf(), "assetdesk-data")
}

/// Where the audit keys live (issue 26), outside the data folder: `ASSETDESK_CONFIG_DIR`,
/// else the OS config directory (e.g. `~/.config/assetdesk`).
pub fn config_dir() -> PathBuf {
    from_env_or("ASSETDESK_CONFIG_DIR", |p| p.config_dir().to_path_buf(), "assetdesk-config")
}

fn from_env_or(var: &str, os_dir: fn(&directories::ProjectDirs) -> PathBuf, fallback: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os(var).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "AssetDesk").map(|p| os_dir(&p)).unwrap_or_else(|| PathBuf::from(fallback))
}
