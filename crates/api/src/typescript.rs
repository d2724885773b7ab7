//! `ui/src/generated/api.ts`: the TypeScript twins of this crate's request and result
//! types (ts-rs), the enums' keys as union types, and the document forms. Written by
//! `cargo run -p assetdesk-api --bin assetdesk-gen-ts`; tests/generated_types.rs fails
//! when the checked-in file differs from what the Rust types say now.

use std::path::Path;

use ts_rs::TS;

use crate::{assets, audit, backups, card, consumables, dashboard, documents, forms, labels, registers, reports, settings, stocktake, valuation, ExportDto};
// Repairs, suppliers and maintenance (issue 22).
use crate::{maintenance, repairs, suppliers, warranty};
use crate::{corrections, import, stocktake_review};
use crate::{approvals, users};
use crate::value_changes;
use crate::allocation;

/// The generated file, relative to the workspace root.
pub const GENERATED_FILE: &str = "ui/src/generated/api.ts";

fn union(name: &str, keys: &[&str]) -> String {
    let alts: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
    format!("export type {name} = {};\n", alts.join(" | "))
}

fn decl<T: TS>() -> String {
    format!("export {}\n", T::decl())
}

/// The whole file's text.
pub fn typescript() -> String {
    let statuses: Vec<&str> = ledger::AssetStatus::ALL.iter().map(|s| s.as_str()).collect();
    let mut out = String::from(
        "// Generated from the Rust types in crates/api by `cargo run -p assetdesk-api --bin assetdesk-gen-ts`.\n\
         // Do not edit: change the Rust type and regenerate (crates/api/tests/generated_types.rs checks it).\n\n",
    );
    out += &union("Status", &statuses);
    out += &union("DocKind", &documents::kind_keys());
    out += &union("ValueChangeKind", &value_changes::kind_keys());
    out += &union("RegisterKind", &registers::kind_keys());
    out += &union("DocField", forms::DOC_FIELDS);
    out += &union("Verdict", &stocktake::verdict_keys());
    out += &union("ScanSource", &stocktake::source_keys());
    out += &union("RepairState", &repairs::state_keys());
    out += &union("MoveKind", &consumables::kind_keys());
    // An import's column mapping: column index → field key, and → custom field name (issue 21).
    out += "export type ImportMapping = { columns: Record<string, string>; custom?: Record<string, string> };\n";
    out += "\n";
    for d in [
        decl::<assets::PageDto<()>>(),
        decl::<assets::AssetRowDto>(),
        decl::<assets::AssetQueryDto>(),
        decl::<assets::FieldFilterDto>(),
        decl::<assets::AssetInputDto>(),
        decl::<assets::HistoryDto>(),
        decl::<assets::AssetDetailDto>(),
        decl::<assets::StatusTotalDto>(),
        decl::<registers::RegisterItemDto>(),
        decl::<card::CustomFieldDto>(),
        decl::<card::CustomValueDto>(),
        decl::<card::AttachmentDto>(),
        decl::<card::CardExtrasDto>(),
        decl::<documents::DocRequestDto>(),
        decl::<documents::DocQueryDto>(),
        decl::<documents::DocumentRowDto>(),
        decl::<documents::DocumentLineDto>(),
        decl::<documents::RepairDto>(),
        decl::<documents::DocumentDetailDto>(),
        decl::<documents::LoanDto>(),
        decl::<documents::SelectionActionDto>(),
        decl::<consumables::LowStockDto>(),
        decl::<consumables::ItemDto>(),
        decl::<consumables::ItemInput>(),
        decl::<consumables::MoveRequest>(),
        decl::<consumables::MoveQueryDto>(),
        decl::<consumables::MoveDto>(),
        decl::<consumables::StatsQueryDto>(),
        decl::<consumables::StatsRowDto>(),
        decl::<consumables::StatsDto>(),
        decl::<consumables::BudgetLineDto>(),
        decl::<consumables::BudgetTotalDto>(),
        decl::<consumables::BudgetDto>(),
        decl::<reports::ReportRequestDto>(),
        decl::<backups::BackupDto>(),
        decl::<backups::BackupStatusDto>(),
        decl::<audit::AuditDto>(),
        decl::<audit::AuditLogDto>(),
        decl::<ledger::Parameters>(),
        decl::<settings::ParametersDto>(),
        decl::<reports::ReportColumnDto>(),
        decl::<reports::TableColumnDto>(),
        decl::<reports::TableSectionDto>(),
        decl::<reports::ReportTableDto>(),
        decl::<dashboard::GroupDto>(),
        decl::<dashboard::WarrantyEndingDto>(),
        decl::<dashboard::OpenStocktakeDto>(),
        decl::<dashboard::DashboardDto>(),
        decl::<forms::FieldSpec>(),
        decl::<ExportDto>(),
        decl::<stocktake::StocktakeInputDto>(),
        decl::<stocktake::CountersDto>(),
        decl::<stocktake::StocktakeDto>(),
        decl::<stocktake::ScanOutcomeDto>(),
        decl::<stocktake::ScanRowDto>(),
        decl::<stocktake::DiffLineDto>(),
        decl::<stocktake::DiffStatDto>(),
        decl::<stocktake::StocktakeReportDto>(),
        decl::<stocktake::CloseDto>(),
        decl::<stocktake::ScanImportDto>(),
        decl::<stocktake::PortDto>(),
        decl::<stocktake::SerialConfigDto>(),
        decl::<stocktake::ScannerStatusDto>(),
        decl::<stocktake::ScannerRejectDto>(),
        decl::<stocktake::HidDeviceDto>(),
        // Repairs, suppliers and maintenance (issue 22).
        decl::<repairs::RepairOpenDto>(),
        decl::<repairs::RepairStepDto>(),
        decl::<repairs::RepairCostDto>(),
        decl::<repairs::RepairQueryDto>(),
        decl::<repairs::RepairRowDto>(),
        decl::<repairs::RepairEventDto>(),
        decl::<repairs::RepairCostRowDto>(),
        decl::<repairs::RepairDetailDto>(),
        decl::<repairs::RepairStepResultDto>(),
        decl::<repairs::ScrapOfferDto>(),
        decl::<repairs::RepairReportQueryDto>(),
        decl::<repairs::RepairReportRowDto>(),
        decl::<repairs::RepairReportDto>(),
        decl::<suppliers::SupplierInputDto>(),
        decl::<suppliers::SupplierPatchDto>(),
        decl::<suppliers::SupplierDto>(),
        decl::<maintenance::MaintenancePlanDto>(),
        decl::<maintenance::PlanDto>(),
        decl::<maintenance::DueDto>(),
        decl::<maintenance::DoneDto>(),
        decl::<maintenance::DoneResultDto>(),
        decl::<maintenance::SetActiveDto>(),
        decl::<maintenance::EditPlanDto>(),
        decl::<warranty::WarrantyRowDto>(),
        // Issue 20.
        decl::<corrections::VoidBlockerDto>(),
        decl::<corrections::CardChangeDto>(),
        decl::<corrections::LoanExtensionDto>(),
        decl::<stocktake_review::ReviewLineDto>(),
        decl::<stocktake_review::ReviewRequestDto>(),
        decl::<import::PlanRequestDto>(),
        decl::<import::FieldDto>(),
        decl::<import::PlanDto>(),
        decl::<import::ImportResultDto>(),
        decl::<import::ImportBatchDto>(),
        decl::<import::BatchQueryDto>(),
        // Approvals and user management (issue 20).
        decl::<approvals::ApprovalSettingDto>(),
        decl::<approvals::SetApprovalDto>(),
        decl::<approvals::ApprovalDto>(),
        decl::<approvals::PendingApprovalDto>(),
        decl::<approvals::ApproveDto>(),
        decl::<users::UserDto>(),
        decl::<users::NewUserDto>(),
        decl::<users::UserChangeDto>(),
        decl::<users::RolePermissionDto>(),
        // Depreciation and value (issues 6, 21).
        decl::<valuation::PeriodDto>(),
        decl::<valuation::DepreciationStatusDto>(),
        decl::<valuation::RunLineDto>(),
        decl::<valuation::SummaryDto>(),
        decl::<valuation::RunDto>(),
        decl::<valuation::ScheduleRowDto>(),
        decl::<valuation::RevisionDto>(),
        decl::<valuation::ScheduleDto>(),
        decl::<valuation::RevisionInputDto>(),
        decl::<valuation::DisposalLineDto>(),
        decl::<valuation::DisposalDto>(),
        decl::<valuation::RegisterLineDto>(),
        decl::<valuation::CategoryDefaultsDto>(),
        decl::<valuation::NewAssetDefaultsDto>(),
        decl::<valuation::OpeningDto>(),
        decl::<valuation::RegimeDto>(),
        // Value-change documents (issue 21).
        decl::<value_changes::ValueChangeRequestDto>(),
        decl::<value_changes::ValueChangeDto>(),
        decl::<value_changes::ValueChangeEntryDto>(),
        // Labels and label printers (issue 18).
        decl::<labels::PrinterChoiceDto>(),
        decl::<labels::PrinterChoicesDto>(),
        decl::<labels::PrintRequestDto>(),
        decl::<labels::PrintResultDto>(),
        decl::<labels::LabelProgressDto>(),
        decl::<labels::LabelJobDto>(),
        decl::<label_jobs::TemplateInfo>(),
        // The label template file format and the label settings file, as saved (issue 23).
        decl::<::labels::Template>(),
        decl::<::labels::LabelSize>(),
        decl::<::labels::Orientation>(),
        decl::<::labels::Element>(),
        decl::<::labels::TextElement>(),
        decl::<::labels::BarcodeElement>(),
        decl::<::labels::Content>(),
        decl::<::labels::Field>(),
        decl::<::labels::Symbology>(),
        decl::<::labels::SheetLayout>(),
        decl::<::labels::Format>(),
        decl::<::labels::Mode>(),
        decl::<::labels::Media>(),
        decl::<label_jobs::PrinterEntry>(),
        decl::<label_jobs::LabelSettings>(),
        decl::<labels::PreviewItemDto>(),
        decl::<labels::LabelPreviewDto>(),
        // The desktop app's session (issue 23).
        decl::<crate::ErrorDto>(),
        decl::<crate::desk::SessionUserDto>(),
        decl::<crate::desk::AppStatusDto>(),
        decl::<crate::desk::SetupDto>(),
        // The tax schedule (issue 21).
        decl::<crate::tax_depreciation::TaxSettingDto>(),
        decl::<crate::tax_depreciation::TaxSettingRequestDto>(),
        decl::<crate::tax_depreciation::TaxReportRequestDto>(),
        decl::<crate::tax_depreciation::TaxLineDto>(),
        decl::<crate::tax_depreciation::TaxReportDto>(),
        // What a print button asks the paper preview for (issue 18).
        decl::<crate::paper::PrintableRequest>(),
        decl::<crate::paper::PaperPreviewDto>(),
        decl::<crate::paper::PaperPrinterDto>(),
        decl::<crate::paper::PaperPrintersDto>(),
        decl::<crate::paper::PrintedDto>(),
        decl::<crate::paper::PaperProgressDto>(),
        // Category tree, depreciation allocation and vouchers (issue 21).
        decl::<registers::CategoryNodeDto>(),
        decl::<registers::SeedOutcomeDto>(),
        decl::<allocation::VoucherLineDto>(),
        decl::<allocation::VoucherDto>(),
        decl::<allocation::AccountDefaultsDto>(),
        decl::<allocation::CategoryAccountsDto>(),
        decl::<allocation::DeptAccountsDto>(),
        decl::<allocation::AccountChoiceDto>(),
        decl::<allocation::AccountsDto>(),
        // The PostgreSQL hub, preview (issue 24).
        decl::<crate::hub::HubInitRequestDto>(),
        decl::<crate::hub::HubInitDto>(),
        decl::<crate::hub::HubJoinRequestDto>(),
        decl::<crate::hub::HubMembershipDto>(),
        decl::<crate::hub::HubSyncDto>(),
        decl::<crate::hub::HubPulledDto>(),
        decl::<crate::hub::HubRefusedDto>(),
        decl::<crate::hub::HubStatusDto>(),
        decl::<crate::hub::HubSiteCheckDto>(),
        decl::<crate::hub::HubVerifyDto>(),
        // The app's hub screens (issue 24).
        decl::<crate::hub::HubSyncStateDto>(),
        decl::<crate::hub::HubOverviewDto>(),
        decl::<crate::hub::HubSiteDto>(),
        decl::<crate::hub::HubConflictDto>(),
        decl::<crate::hub::HubConflictQueryDto>(),
    ] {
        out += &d;
    }
    out += "\n// Which fields each document kind asks for, in the order a clerk fills them (crates/api/src/forms.rs).\n";
    let forms: Vec<String> = forms::doc_forms()
        .into_iter()
        .map(|(kind, fields)| format!("  '{kind}': {},\n", serde_json::to_string(&fields).expect("forms are JSON")))
        .collect();
    out += &format!("export const DOC_FORMS: Partial<Record<DocKind, FieldSpec[]>> = {{\n{}}};\n", forms.concat());
    out
}

/// Writes the file under `root` (the workspace root, or a temp dir to compare with).
pub fn write(root: &Path) -> std::io::Result<std::path::PathBuf> {
    let file = root.join(GENERATED_FILE);
    std::fs::create_dir_all(file.parent().expect("a folder"))?;
    std::fs::write(&file, typescript())?;
    Ok(file)
}
