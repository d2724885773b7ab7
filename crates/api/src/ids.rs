//! Newtype ids at the use-case boundary: an asset code cannot be passed where a
//! document number is expected. On the wire (and in TypeScript) they are plain
//! strings and numbers, so the UI's calls do not change (a DTO field of an id type says
//! so with `#[ts(type = "string")]` / `"number"`).

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

macro_rules! number_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(n: i64) -> Self {
                $name(n)
            }
        }
    };
}

string_id!(
    /// An asset's code (资产编号), e.g. ZC-2026-00001: how a clerk and the ledger name it.
    AssetCode
);
string_id!(
    /// A document's number (单据号), e.g. LY-2026-00012.
    DocNo
);
number_id!(
    /// An attachment on an asset card.
    AttachmentId
);
number_id!(
    /// A stocktake (盘点).
    StocktakeId
);
