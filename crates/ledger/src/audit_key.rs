//! The secret that keys the audit chain (HMAC-SHA-256), one per ledger (by its
//! `ledger_id`), kept outside the ledger's folder so that the file alone does not let
//! anyone recompute a valid chain: in Windows Credential Manager where it works, else
//! (and on Linux always: its kernel keyring forgets on reboot and secret-service is
//! rarely running on UOS/Kylin or in CI) in a 600 file in the user's config folder,
//! `<config>/audit-keys/<ledger_id>-<key_id>.key`. `ASSETDESK_CONFIG_DIR` moves that folder
//! (tests use it so that they never touch the real home).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorCode, Result};

pub(crate) type Key = [u8; 32];

/// Keys already read in this process, by ledger id (the file or keyring is read once).
static CACHE: Mutex<Option<HashMap<String, Key>>> = Mutex::new(None);

fn key_file(slot: &str) -> PathBuf {
    crate::paths::config_dir().join("audit-keys").join(format!("{slot}.key"))
}

/// Names the key without revealing it; stored in the ledger so that a verifier knows
/// which key sealed the chain (and a backup made before a re-key is compared by sequence only).
pub(crate) fn key_id(key: &Key) -> String {
    let mut h = Sha256::new();
    h.update(b"assetdesk audit key id\0");
    h.update(key);
    hex(&h.finalize()[..8])
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_hex(text: &str) -> Option<Key> {
    let text = text.trim();
    if text.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(key)
}

pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| Error::new(ErrorCode::Internal, format!("no randomness from the OS: {e}"), format!("无法从系统取得随机数：{e}")))?;
    Ok(out)
}

/// The name a key is stored under: the ledger and the key's id, so that a re-key
/// writes its new key beside the old one before the chain changes (a failed re-key
/// loses nothing) and an old backup's key stays findable.
fn slot(ledger_id: &str, key_id: &str) -> String {
    format!("{ledger_id}-{key_id}")
}

/// The key `id` of `ledger_id`, if this user has it.
pub(crate) fn load(ledger_id: &str, id: &str) -> Result<Option<Key>> {
    let slot = slot(ledger_id, id);
    if let Some(key) = CACHE.lock().unwrap().get_or_insert_with(HashMap::new).get(&slot) {
        return Ok(Some(*key));
    }
    let found = keyring_get(&slot).or(match std::fs::read_to_string(key_file(&slot)) {
        Ok(text) => parse_hex(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    });
    // A key whose id does not match is someone else's file under this name: not ours.
    let found = found.filter(|k| key_id(k) == id);
    if let Some(key) = found {
        CACHE.lock().unwrap().get_or_insert_with(HashMap::new).insert(slot, key);
    }
    Ok(found)
}

/// Makes and stores a new key for `ledger_id`; returns it with its id. Called inside
/// the write transaction that starts using it, so two processes never race to key one ledger.
pub(crate) fn create(ledger_id: &str) -> Result<(Key, String)> {
    let key: Key = random_bytes()?;
    let id = key_id(&key);
    let slot = slot(ledger_id, &id);
    if !keyring_set(&slot, &key) {
        let file = key_file(&slot);
        crate::private_files::create_private_dir(file.parent().expect("key folder"))?;
        let mut f = crate::private_files::create_new_private(&file)?;
        f.write_all(format!("{}\n", hex(&key)).as_bytes())?;
        f.sync_all()?;
        crate::anchor::sync_dir(file.parent().expect("key folder"));
    }
    CACHE.lock().unwrap().get_or_insert_with(HashMap::new).insert(slot, key);
    Ok((key, id))
}

/// Removes a key no longer in use (after a re-key committed); best effort.
pub(crate) fn forget(ledger_id: &str, key_id: &str) {
    let slot = slot(ledger_id, key_id);
    keyring_delete(&slot);
    let _ = std::fs::remove_file(key_file(&slot));
    CACHE.lock().unwrap().get_or_insert_with(HashMap::new).remove(&slot);
}

/// Where this user's key for `ledger_id` is looked for, in words (for messages).
pub(crate) fn location(ledger_id: &str, key_id: &str) -> String {
    let slot = slot(ledger_id, key_id);
    if cfg!(windows) {
        format!("Windows Credential Manager (AssetDesk audit key {slot}) or {}", key_file(&slot).display())
    } else {
        key_file(&slot).display().to_string()
    }
}

pub(crate) fn missing(ledger_id: &str, key_id: &str) -> Error {
    Error::new(
        ErrorCode::AuditKeyMissing,
        format!(
            "the audit key of this ledger is missing (looked in {}); nothing was saved. Copy the key from the computer the ledger came from, or an administrator runs `assetdesk audit rekey`",
            location(ledger_id, key_id)
        ),
        format!("本台账的审计密钥缺失（查找位置：{}），未保存任何更改。请从台账原来所在的电脑复制密钥，或由管理员运行 `assetdesk audit rekey`", location(ledger_id, key_id)),
    )
}

#[cfg(windows)]
const KEYRING_SERVICE: &str = "AssetDesk audit key";

/// Tests point ASSETDESK_CONFIG_DIR at a temporary folder; the user's real credential
/// store is then left alone too.
#[cfg(windows)]
fn keyring_wanted() -> bool {
    std::env::var_os("ASSETDESK_CONFIG_DIR").is_none()
}

#[cfg(windows)]
fn keyring_get(slot: &str) -> Option<Key> {
    if !keyring_wanted() {
        return None;
    }
    let secret = keyring::Entry::new(KEYRING_SERVICE, slot).ok()?.get_secret().ok()?;
    secret.try_into().ok()
}

#[cfg(windows)]
fn keyring_set(slot: &str, key: &Key) -> bool {
    keyring_wanted() && keyring::Entry::new(KEYRING_SERVICE, slot).and_then(|e| e.set_secret(key)).is_ok()
}

#[cfg(windows)]
fn keyring_delete(slot: &str) {
    if keyring_wanted() {
        if let Ok(e) = keyring::Entry::new(KEYRING_SERVICE, slot) {
            let _ = e.delete_credential();
        }
    }
}

#[cfg(not(windows))]
fn keyring_delete(_slot: &str) {}

#[cfg(not(windows))]
fn keyring_get(_ledger_id: &str) -> Option<Key> {
    None
}

#[cfg(not(windows))]
fn keyring_set(_ledger_id: &str, _key: &Key) -> bool {
    false
}
