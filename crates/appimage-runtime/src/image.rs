//! The squashfs image after the runtime: its hash (the extraction cache's key) and its
//! extraction into a folder (backhand reads it; gzip is the one compression built in).

use backhand::{FilesystemReader, InnerNode};
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

/// SHA-256 of everything from `offset` to the end of the file, as lowercase hex.
pub fn payload_hash(path: &Path, offset: u64) -> io::Result<String> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes every directory, file and symlink of the image into `target` (which must not
/// exist yet), with the image's permission bits. Returns the number of entries written.
pub fn extract(path: &Path, offset: u64, target: &Path) -> io::Result<usize> {
    let reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let image = FilesystemReader::from_reader_with_offset(reader, offset)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("the squashfs image cannot be read: {e}")))?;
    fs::create_dir(target)?;
    let mut directories = Vec::new();
    let mut written = 0;
    for node in image.files() {
        let relative = inside(&node.fullpath)?;
        let destination = target.join(&relative);
        let mode = u32::from(node.header.permissions) & 0o7777;
        match &node.inner {
            InnerNode::Dir(_) => {
                fs::create_dir_all(&destination)?;
                // Modes last: a read-only directory must still receive its files.
                directories.push((destination, mode));
            }
            InnerNode::File(file) => {
                let mut out = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&destination)?;
                let mut data = image.file(file).reader();
                io::copy(&mut data, &mut out)?;
                out.flush()?;
                fs::set_permissions(&destination, fs::Permissions::from_mode(mode))?;
            }
            InnerNode::Symlink(link) => std::os::unix::fs::symlink(&link.link, &destination)?,
            // An AppDir has no devices, pipes or sockets; none are made.
            _ => continue,
        }
        written += 1;
    }
    for (directory, mode) in directories.into_iter().rev() {
        fs::set_permissions(&directory, fs::Permissions::from_mode(mode | 0o700))?;
    }
    Ok(written)
}

/// The image's absolute path made relative, refusing any `..` that would leave the target.
fn inside(full: &Path) -> io::Result<PathBuf> {
    let mut relative = PathBuf::new();
    for part in full.components() {
        match part {
            Component::RootDir | Component::CurDir => {}
            Component::Normal(name) => relative.push(name),
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the image holds a path outside itself: {}", full.display()),
                ))
            }
        }
    }
    Ok(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_target() {
        assert_eq!(inside(Path::new("/usr/bin/assetdesk")).unwrap(), PathBuf::from("usr/bin/assetdesk"));
        assert_eq!(inside(Path::new("/")).unwrap(), PathBuf::new());
        assert!(inside(Path::new("/usr/../../etc/passwd")).is_err());
    }

    #[test]
    fn the_hash_covers_only_the_bytes_after_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, b"runtime-one|image").unwrap();
        fs::write(&b, b"runtime-2|image").unwrap();
        assert_eq!(payload_hash(&a, 12).unwrap(), payload_hash(&b, 10).unwrap());
        assert_ne!(payload_hash(&a, 12).unwrap(), payload_hash(&a, 0).unwrap());
        // SHA-256 of "image".
        assert_eq!(payload_hash(&a, 12).unwrap(), "6105d6cc76af400325e94d588ce511be5bfdbb73b437dc51eca43917d7a43e3d");
    }
}
