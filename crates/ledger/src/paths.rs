use std::path::PathBuf;

/// Where the ledger lives unless told otherwise: `ASSETDESK_DATA_DIR`, else the OS data
/// directory (e.g. `~/.local/share/assetdesk`). The desktop app and the CLI share it.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ASSETDESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "AssetDesk")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("assetdesk-data"))
}
