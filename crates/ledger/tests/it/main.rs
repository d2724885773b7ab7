//! The ledger crate's one integration-test binary.

mod accounting;
mod backup;
mod category_defaults;
mod common;
mod consumables;
mod custom_columns;
mod documents;
mod foundation;
mod hostile;
mod properties;
mod repairs;
mod reports;
mod search_index;
mod search_paging;
mod stocktake;
mod tax_depreciation;
mod upgrade;
mod valuation;
mod value_changes;
mod vouchers;
