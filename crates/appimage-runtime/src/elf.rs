//! Where the squashfs image starts: right after the runtime's own ELF file, whose size
//! is the end of its section header table (or of its last segment, if that is later).

use std::io::{self, Read, Seek, SeekFrom};

/// A little-endian squashfs 4 superblock starts with these bytes.
pub const SQUASHFS_MAGIC: [u8; 4] = *b"hsqs";

/// The size of the ELF file at the start of `file`: the offset of the image after it.
pub fn payload_offset(file: &mut (impl Read + Seek)) -> io::Result<u64> {
    let mut header = [0u8; 64];
    file.seek(SeekFrom::Start(0))?;
    file.read_exact(&mut header).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => invalid("too short for an ELF file"),
        _ => e,
    })?;
    if header[..4] != *b"\x7fELF" || header[4] != 2 || header[5] != 1 {
        return Err(invalid("not a 64-bit little-endian ELF file"));
    }
    let u16_at = |at: usize| u16::from_le_bytes([header[at], header[at + 1]]) as u64;
    let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap());
    let (ph_offset, sh_offset) = (u64_at(0x20), u64_at(0x28));
    let (ph_size, ph_count) = (u16_at(0x36), u16_at(0x38));
    let (sh_size, sh_count) = (u16_at(0x3a), u16_at(0x3c));
    let mut end = sh_offset + sh_size * sh_count;
    // A stripped runtime still has its section headers last, but do not rely on it.
    for index in 0..ph_count {
        let mut entry = [0u8; 56];
        file.seek(SeekFrom::Start(ph_offset + index * ph_size))?;
        file.read_exact(&mut entry)?;
        let at = |from: usize| u64::from_le_bytes(entry[from..from + 8].try_into().unwrap());
        end = end.max(at(8) + at(32)); // p_offset + p_filesz
    }
    Ok(end)
}

/// True when a squashfs superblock starts at `offset`.
pub fn has_squashfs_at(file: &mut (impl Read + Seek), offset: u64) -> io::Result<bool> {
    let mut magic = [0u8; 4];
    file.seek(SeekFrom::Start(offset))?;
    match file.read_exact(&mut magic) {
        Ok(()) => Ok(magic == SQUASHFS_MAGIC),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    #[test]
    fn the_offset_of_this_test_binary_is_its_own_size() {
        // The test binary is an unstripped ELF with nothing appended: its ELF size is
        // the file size.
        let exe = std::env::current_exe().unwrap();
        let mut file = File::open(&exe).unwrap();
        let size = file.metadata().unwrap().len();
        assert_eq!(payload_offset(&mut file).unwrap(), size);
        assert!(!has_squashfs_at(&mut file, size).unwrap());
    }

    #[test]
    fn bytes_appended_after_the_elf_do_not_move_the_offset() {
        let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        let mut joined = exe.clone();
        joined.extend_from_slice(b"hsqs and then the rest of an image");
        let mut cursor = io::Cursor::new(joined);
        assert_eq!(payload_offset(&mut cursor).unwrap(), exe.len() as u64);
        assert!(has_squashfs_at(&mut cursor, exe.len() as u64).unwrap());
    }

    #[test]
    fn a_file_that_is_not_elf_is_refused() {
        for bytes in [b"#!/bin/sh\n".repeat(10), b"\x7fELF".to_vec()] {
            let err = payload_offset(&mut io::Cursor::new(bytes)).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        }
    }
}
