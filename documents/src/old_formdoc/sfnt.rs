//! Minimal bounds-checked reader for font-collection headers and `name` tables (face selection).

/// Upper bound on faces examined in a collection, against corrupt headers.
const MAX_FACES: u32 = 64;

fn u16_at(data: &[u8], off: usize) -> Option<u16> {
    let b = data.get(off..off.checked_add(2)?)?;
    Some(u16::from_be_bytes(b.try_into().ok()?))
}

fn u32_at(data: &[u8], off: usize) -> Option<u32> {
    let b = data.get(off..off.checked_add(4)?)?;
    Some(u32::from_be_bytes(b.try_into().ok()?))
}

/// Number of faces in `data`: the `ttcf` header count for collections, otherwise 1.
pub(crate) fn face_count(data: &[u8]) -> u32 {
    if data.get(0..4) == Some(b"ttcf") {
        u32_at(data, 8).unwrap_or(0).min(MAX_FACES)
    } else {
        1
    }
}

/// Offset of the table directory of face `index`.
fn face_offset(data: &[u8], index: u32) -> Option<usize> {
    if data.get(0..4) == Some(b"ttcf") {
        let slot = 12usize.checked_add(usize::try_from(index).ok()?.checked_mul(4)?)?;
        usize::try_from(u32_at(data, slot)?).ok()
    } else if index == 0 {
        Some(0)
    } else {
        None
    }
}

/// Offset and length of table `tag` in face `index`.
fn find_table(data: &[u8], index: u32, tag: &[u8; 4]) -> Option<(usize, usize)> {
    let base = face_offset(data, index)?;
    let count = usize::from(u16_at(data, base.checked_add(4)?)?);
    (0..count).find_map(|i| {
        let rec = base.checked_add(12)?.checked_add(i.checked_mul(16)?)?;
        if data.get(rec..rec.checked_add(4)?)? != tag {
            return None;
        }
        let off = usize::try_from(u32_at(data, rec + 8)?).ok()?;
        let len = usize::try_from(u32_at(data, rec + 12)?).ok()?;
        Some((off, len))
    })
}

/// Family / full / typographic-family names (name IDs 1, 4, 16) of face `index`.
pub(crate) fn face_names(data: &[u8], index: u32) -> Vec<String> {
    let Some((off, len)) = find_table(data, index, b"name") else {
        return Vec::new();
    };
    let Some(table) = off.checked_add(len).and_then(|end| data.get(off..end)) else {
        return Vec::new();
    };
    let count = usize::from(u16_at(table, 2).unwrap_or(0));
    let storage = usize::from(u16_at(table, 4).unwrap_or(0));
    let mut names: Vec<String> = Vec::new();
    for i in 0..count {
        let rec = 6 + i * 12;
        let (Some(platform), Some(name_id), Some(n), Some(o)) = (
            u16_at(table, rec),
            u16_at(table, rec + 6),
            u16_at(table, rec + 8),
            u16_at(table, rec + 10),
        ) else {
            break;
        };
        if !matches!(name_id, 1 | 4 | 16) {
            continue;
        }
        let start = storage + usize::from(o);
        let Some(raw) = table.get(start..start + usize::from(n)) else {
            continue;
        };
        let name = match platform {
            0 | 3 => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            1 => raw.iter().map(|&b| char::from(b)).collect(),
            _ => continue,
        };
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Preference of a face by its names: Simplified Chinese faces up, monospaced faces down.
pub(crate) fn name_score(names: &[String]) -> i32 {
    let mut score = 0;
    let tokens = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_ascii_alphanumeric()))
        .collect::<Vec<_>>();
    if tokens
        .iter()
        .any(|t| matches!(*t, "SC" | "GB" | "CN" | "Hans" | "Simplified"))
    {
        score += 2;
    }
    if tokens.iter().any(|t| matches!(*t, "Mono" | "Monospace")) {
        score -= 1;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a one-face sfnt with a `name` table holding `family` (Windows, UTF-16BE).
    pub(crate) fn fake_sfnt(family: &str) -> Vec<u8> {
        let utf16: Vec<u8> = family.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut name = Vec::new();
        for v in [0u16, 1, 18, 3, 1, 0x409, 1, utf16.len() as u16, 0] {
            name.extend_from_slice(&v.to_be_bytes());
        }
        name.extend_from_slice(&utf16);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend_from_slice(b"name");
        font.extend_from_slice(&0u32.to_be_bytes());
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(name.len() as u32).to_be_bytes());
        font.extend_from_slice(&name);
        font
    }

    #[test]
    fn reads_family_name_of_single_face() {
        let font = fake_sfnt("Noto Sans CJK SC");
        assert_eq!(face_count(&font), 1);
        assert_eq!(face_names(&font, 0), vec!["Noto Sans CJK SC".to_string()]);
        assert!(face_names(&font, 1).is_empty());
    }

    #[test]
    fn reads_collection_header() {
        let face = fake_sfnt("X");
        let mut ttc = b"ttcf".to_vec();
        ttc.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16]);
        // Table offsets are absolute in a collection: shift the directory entry by 16.
        let mut shifted = face.clone();
        shifted[20..24].copy_from_slice(&(28u32 + 16).to_be_bytes());
        ttc.extend_from_slice(&shifted);
        assert_eq!(face_count(&ttc), 1);
        assert_eq!(face_names(&ttc, 0), vec!["X".to_string()]);
    }

    #[test]
    fn truncated_or_garbage_data_is_harmless() {
        let font = fake_sfnt("Noto Sans CJK SC");
        for cut in 0..font.len() {
            let _ = face_names(&font[..cut], 0);
        }
        assert_eq!(face_count(b"ttcf\0\x01\0\0\xff\xff\xff\xff"), MAX_FACES);
        assert!(face_names(b"ttcf\0\x01\0\0\0\0\0\x05", 3).is_empty());
    }

    #[test]
    fn scores_prefer_simplified_and_proportional() {
        let s = |n: &str| name_score(&[n.to_string()]);
        assert!(s("Noto Sans CJK SC") > s("Noto Sans CJK JP"));
        assert!(s("Noto Sans CJK SC") > s("Noto Sans Mono CJK SC"));
        assert!(s("Hiragino Sans GB") > s("Hiragino Sans"));
        assert_eq!(s("WenQuanYi Micro Hei"), 0);
        assert!(s("WenQuanYi Micro Hei Mono") < 0);
        assert_eq!(s("DESCRIPTION"), 0);
    }
}
