//! Ledger files only their owner can read. They hold password hashes and every asset,
//! so on Unix the data folder is 700 and the ledger, its -wal/-shm, backups, restore
//! points, the anchor and key files are 600, set explicitly at creation (whatever the
//! umask) and tightened on every open of an existing ledger. On Windows the files live
//! in the user's own local app-data folder, whose inherited ACL already admits only
//! that user (and administrators); nothing is changed there.

use std::fs::File;
use std::path::Path;

/// Creates `dir` (and parents) if needed and makes it 700.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    set_mode(dir, 0o700)
}

/// Creates a new file that only its owner can read or write; fails if it exists.
pub(crate) fn create_new_private(file: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let f = options.open(file)?;
    // The umask can only take bits away; make sure it is exactly 600.
    set_mode(file, 0o600)?;
    Ok(f)
}

/// Makes an existing file 600 (a directory 700); a missing one is left alone.
pub(crate) fn make_private(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => set_mode(path, 0o700),
        Ok(_) => set_mode(path, 0o600),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The data folder, the ledger with its -wal/-shm, the anchor, and every file in the
/// backups and restore-points folders: what a fresh ledger gets and an old one is
/// tightened to when it opens.
pub(crate) fn tighten_ledger_dir(dir: &Path) -> std::io::Result<()> {
    make_private(dir)?;
    let ledger = crate::ledger::Ledger::file_in(dir);
    for suffix in ["", "-wal", "-shm"] {
        make_private(Path::new(&format!("{}{suffix}", ledger.display())))?;
    }
    make_private(&crate::anchor::anchor_file(dir))?;
    for folder in [dir.join("backups"), dir.join("restore-points")] {
        tighten_folder(&folder)?;
    }
    Ok(())
}

/// A backup folder and everything in it.
pub(crate) fn tighten_folder(folder: &Path) -> std::io::Result<()> {
    if !folder.is_dir() {
        return Ok(());
    }
    make_private(folder)?;
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_file() {
            make_private(&path)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if current != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}
