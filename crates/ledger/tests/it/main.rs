//! The ledger crate's one integration-test binary.

mod backup;
mod common;
mod consumables;
mod documents;
mod foundation;
mod reports;
mod stocktake;
mod valuation;
