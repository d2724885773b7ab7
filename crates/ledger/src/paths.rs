use std::path::PathBuf;

/// Where the ledger lives unless told otherwise: `ASSETDESK_DATA_DIR`, else the OS's
/// local data directory: `~/.local/share/assetdesk` on Linux,
/// `%LOCALAPPDATA%\AssetDesk\data` on Windows. The desktop app and the CLI share it.
///
/// Local, not roaming, on Windows: a domain with roaming profiles copies the Roaming
/// folder to a server at every logoff and back at logon, which would carry a live
/// SQLite file (and its backups) over the network and could hand a half-synced ledger
/// to another PC. On Linux and macOS the two are the same folder.
pub fn default_data_dir() -> PathBuf {
    from_env_or("ASSETDESK_DATA_DIR", |p| p.data_local_dir().to_path_buf(), "assetdesk-data")
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
