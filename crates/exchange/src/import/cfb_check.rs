//! A legacy .xls is a compound file (CFB): sectors chained through a FAT. calamine
//! follows a chain until it ends, so a file whose chain loops makes it grow memory
//! without bound (cargo-fuzz found one). Before calamine sees the bytes, every chain
//! here is checked to end: the DIFAT chain, the FAT and the mini FAT. O(sectors).

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Why the compound file cannot be read safely, if it cannot.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let bad = |why: &str| Err(format!("damaged compound file: {why}"));
    let shift = u16_at(bytes, 0x1E).ok_or("no header")?;
    if !(9..=12).contains(&shift) {
        return bad("sector size");
    }
    let size = 1usize << shift;
    let sectors = (bytes.len() / size).saturating_sub(1);
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start + size)
    };

    // The FAT's own sectors: 109 in the header, the rest along the DIFAT chain.
    let fat_count = u32_at(bytes, 0x2C).ok_or("no header")? as usize;
    if fat_count > sectors {
        return bad("more FAT sectors than the file holds");
    }
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + i * 4)).filter(|s| *s != FREE).collect();
    let mut difat = u32_at(bytes, 0x44).ok_or("no header")?;
    let mut seen_difat = 0usize;
    while difat != END_OF_CHAIN && difat != FREE {
        seen_difat += 1;
        if seen_difat > sectors {
            return bad("the DIFAT chain loops");
        }
        let s = sector(difat).ok_or("a DIFAT sector is outside the file")?;
        let per = size / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(s, i * 4)).filter(|s| *s != FREE));
        difat = u32_at(s, per * 4).ok_or("a DIFAT sector is cut short")?;
    }
    fat_sectors.truncate(fat_count);
    let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
    for n in fat_sectors {
        let s = sector(n).ok_or("a FAT sector is outside the file")?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(s, i * 4)));
    }
    chains_end(&fat, sectors).map_err(|why| format!("damaged compound file: the FAT {why}"))?;

    // The mini FAT: a chain of sectors (already checked) holding 64-byte-sector links.
    let mut mini = Vec::new();
    let mut next = u32_at(bytes, 0x3C).ok_or("no header")?;
    while next != END_OF_CHAIN && next != FREE {
        let s = sector(next).ok_or("a mini FAT sector is outside the file")?;
        mini.extend((0..size / 4).filter_map(|i| u32_at(s, i * 4)));
        next = *fat.get(next as usize).ok_or("the mini FAT chain leaves the FAT")?;
    }
    chains_end(&mini, mini.len()).map_err(|why| format!("damaged compound file: the mini FAT {why}"))
}

/// Every chain in `links` ends (no loops) and points only at sectors below `limit`.
fn chains_end(links: &[u32], limit: usize) -> Result<(), &'static str> {
    // 0: not visited, 1: on the current walk, 2: known to end.
    let mut state = vec![0u8; links.len()];
    for start in 0..links.len() {
        let mut walk = Vec::new();
        let mut at = start;
        loop {
            match state[at] {
                2 => break,
                1 => return Err("has a chain that loops"),
                _ => {}
            }
            state[at] = 1;
            walk.push(at);
            let next = links[at];
            if matches!(next, END_OF_CHAIN | FREE | FAT_SECTOR | DIFAT_SECTOR) {
                break;
            }
            if next as usize >= links.len().min(limit.max(1)) {
                return Err("points outside the file");
            }
            at = next as usize;
        }
        for s in walk {
            state[s] = 2;
        }
    }
    Ok(())
}
