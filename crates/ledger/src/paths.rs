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
    if let Some(dir) = std::env::var_os("ASSETDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "AssetDesk")
        .map(|p| p.data_local_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("assetdesk-data"))
}
