//! The ledger crate's one integration-test binary.

mod common;
mod documents;
mod foundation;
mod valuation;
