//! "Does this look like an asset code?" — the shape check applied to every scan before
//! it is looked up in the ledger. The ledger decides whether the code exists.

/// Longest code accepted, in characters.
pub const MAX_ASSET_CODE_LEN: usize = 40;

/// Why a string is not shaped like an asset code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetCodeProblem {
    Empty,
    TooLong {
        chars: usize,
    },
    /// Contains a space (codes never do; a space means two codes or typed text).
    HasSpace,
    /// Contains a character outside printable ASCII (`!`..=`~`), e.g. Chinese text.
    NotPrintableAscii {
        found: char,
    },
}

impl AssetCodeProblem {
    pub fn message_en(&self) -> String {
        match self {
            AssetCodeProblem::Empty => "the code is empty".into(),
            AssetCodeProblem::TooLong { chars } => {
                format!("the code has {chars} characters; at most {MAX_ASSET_CODE_LEN} are allowed")
            }
            AssetCodeProblem::HasSpace => "the code contains a space".into(),
            AssetCodeProblem::NotPrintableAscii { found } => {
                format!("the code contains {found:?}; only letters, digits and ASCII symbols are allowed")
            }
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            AssetCodeProblem::Empty => "编码为空".into(),
            AssetCodeProblem::TooLong { chars } => {
                format!("编码有 {chars} 个字符，最多 {MAX_ASSET_CODE_LEN} 个")
            }
            AssetCodeProblem::HasSpace => "编码中含有空格".into(),
            AssetCodeProblem::NotPrintableAscii { found } => {
                format!("编码中含有字符 {found:?}；只允许字母、数字和英文符号")
            }
        }
    }
}

/// Checks that `code` is 1..=40 printable ASCII characters with no spaces.
///
/// ```
/// use scanner::{check_asset_code, AssetCodeProblem};
/// assert_eq!(check_asset_code("ZC-2026-00012"), Ok(()));
/// assert_eq!(check_asset_code("ZC 1"), Err(AssetCodeProblem::HasSpace));
/// ```
pub fn check_asset_code(code: &str) -> Result<(), AssetCodeProblem> {
    if code.is_empty() {
        return Err(AssetCodeProblem::Empty);
    }
    // Check characters first: a long line of Chinese text is better named by its content.
    let mut chars = 0;
    for c in code.chars() {
        chars += 1;
        if c == ' ' {
            return Err(AssetCodeProblem::HasSpace);
        }
        if !c.is_ascii_graphic() {
            return Err(AssetCodeProblem::NotPrintableAscii { found: c });
        }
    }
    if chars > MAX_ASSET_CODE_LEN {
        return Err(AssetCodeProblem::TooLong { chars });
    }
    Ok(())
}

/// `true` when [`check_asset_code`] accepts `code`.
pub fn looks_like_asset_code(code: &str) -> bool {
    check_asset_code(code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_typical_codes() {
        for code in ["ZC-2026-00012", "A", "0001", "BJB/01#3", &"X".repeat(40)] {
            assert_eq!(check_asset_code(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn rejects_each_problem() {
        assert_eq!(check_asset_code(""), Err(AssetCodeProblem::Empty));
        assert_eq!(
            check_asset_code(&"X".repeat(41)),
            Err(AssetCodeProblem::TooLong { chars: 41 })
        );
        assert_eq!(check_asset_code("ZC 1"), Err(AssetCodeProblem::HasSpace));
        assert_eq!(
            check_asset_code("笔记本"),
            Err(AssetCodeProblem::NotPrintableAscii { found: '笔' })
        );
        assert_eq!(
            check_asset_code("A\tB"),
            Err(AssetCodeProblem::NotPrintableAscii { found: '\t' })
        );
    }
}
