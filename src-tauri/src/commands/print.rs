//! Saving a print preview's PDF into the export folder (`paper_save`). The stocktake and
//! depreciation PDFs go through the print preview (commands/paper.rs) like every other paper.

use crate::state::AppState;

pub(crate) fn save(state: &AppState, stem: &str, bytes: Vec<u8>) -> std::io::Result<String> {
    std::fs::create_dir_all(&state.export_dir)?;
    let file = state.export_dir.join(format!("{stem}-{}.pdf", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    std::fs::write(&file, bytes)?;
    Ok(file.display().to_string())
}
