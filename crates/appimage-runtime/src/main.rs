//! AssetDesk's AppImage runtime (type 2): this program, followed in the same file by a
//! squashfs image of the AppDir. Started as `AssetDesk.AppImage [ARGS]`, it makes the
//! AppDir available (see `launch`) and runs its AppRun with ARGS. Its own options, as in
//! the AppImage spec, are the first argument only:
//!   --appimage-extract           write the AppDir into ./squashfs-root
//!   --appimage-extract-and-run   never mount: extract (once, cached) and run
//!                                (also when APPIMAGE_EXTRACT_AND_RUN=1)
//!   --appimage-offset            print where the image starts
//!   --appimage-help              print this list

// Unix only: on any other OS (a `cargo check --workspace` for Windows) it just says so.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

#[cfg(unix)]
mod elf;
#[cfg(unix)]
mod image;
#[cfg(unix)]
mod launch;

use std::env;
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(not(unix))]
fn main() -> ExitCode {
    eprintln!("assetdesk-appimage-runtime starts AssetDesk's Linux AppImage; it does nothing on this OS");
    ExitCode::from(2)
}

const HELP: &str = "AssetDesk AppImage runtime options (first argument only):
  --appimage-extract           write the AppDir into ./squashfs-root and stop
  --appimage-extract-and-run   extract once into ~/.cache/assetdesk/appimage and run from there
                               (the same as APPIMAGE_EXTRACT_AND_RUN=1; used when FUSE is missing)
  --appimage-offset            print the byte offset of the squashfs image and stop
  --appimage-help              print this help
Anything else is passed to the app; `assetdesk ARGS` (or a symlink named assetdesk) runs the CLI.";

#[cfg(unix)]
fn main() -> ExitCode {
    let mut args = env::args_os();
    let argv0 = args.next().unwrap_or_default();
    let args: Vec<OsString> = args.collect();
    match run(argv0, args) {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(message) => {
            // The clerk reads the first half; the detail (English, with paths) is for IT.
            eprintln!("AssetDesk.AppImage:无法运行 / cannot run: {message}");
            ExitCode::from(127)
        }
    }
}

#[cfg(unix)]
fn run(argv0: OsString, args: Vec<OsString>) -> Result<i32, String> {
    // /proc/self/exe: the AppImage file itself, also when started through a symlink.
    let appimage = env::current_exe().map_err(|e| format!("cannot find its own file: {e}"))?;
    let offset = image_offset(&appimage)?;
    let option = args.first().and_then(|a| a.to_str()).filter(|a| a.starts_with("--appimage-")).map(str::to_owned);
    let force_extract = env::var_os("APPIMAGE_EXTRACT_AND_RUN").is_some_and(|v| v == "1");
    let launch = |args: Vec<OsString>, force_extract: bool| {
        launch::Launch { appimage: appimage.clone(), offset, argv0: argv0.clone(), args }
            .run(force_extract)
            .map_err(|e| format!("cannot start AppRun: {e}"))
    };
    match option.as_deref() {
        None => launch(args, force_extract),
        Some("--appimage-extract-and-run") => launch(args[1..].to_vec(), true),
        Some("--appimage-offset") => {
            println!("{offset}");
            Ok(0)
        }
        Some("--appimage-extract") => {
            if args.len() > 1 {
                return Err("--appimage-extract takes no pattern here: it always writes the whole AppDir".into());
            }
            let target = PathBuf::from("squashfs-root");
            if target.exists() {
                return Err("./squashfs-root exists already: remove it or run from another folder".into());
            }
            let count = image::extract(&appimage, offset, &target).map_err(|e| format!("extracting into ./squashfs-root: {e}"))?;
            println!("squashfs-root: {count} entries");
            Ok(0)
        }
        Some("--appimage-help") => {
            println!("{HELP}");
            Ok(0)
        }
        Some(other) => Err(format!("unknown option {other} (see --appimage-help)")),
    }
}

#[cfg(unix)]
/// The image's offset, checked: a squashfs superblock must start there.
fn image_offset(appimage: &Path) -> Result<u64, String> {
    let mut file = File::open(appimage).map_err(|e| format!("cannot read {}: {e}", appimage.display()))?;
    let offset = elf::payload_offset(&mut file).map_err(|e| format!("{} is not an AppImage: {e}", appimage.display()))?;
    match elf::has_squashfs_at(&mut file, offset) {
        Ok(true) => Ok(offset),
        Ok(false) => Err(format!(
            "{} holds no squashfs image after its runtime (offset {offset}): the file is truncated or damaged; download or copy it again",
            appimage.display()
        )),
        Err(e) => Err(format!("cannot read {}: {e}", appimage.display())),
    }
}
