//! A placement list saved from Excel (`.xlsx`): a zip of XML files. Before the workbook is
//! parsed, every entry of the zip is inflated once into nothing, counting, so that a file that
//! unpacks to more than [`MAX_XLSX_UNPACKED_BYTES`] (a zip bomb, or a zip whose directory
//! understates its entries) is refused in words within a second or two, holding no more memory
//! than the file itself. The sheet is then read a cell at a time (never as one dense block, which
//! a sheet with two cells a million rows apart would make enormous), and only the first
//! [`MAX_COLUMNS`] columns and [`super::MAX_LIST_ROWS`] rows are held.

use super::ListError;
use calamine::{DataRef, Reader, Xlsx};
use std::io::{Cursor, Read};

/// The most an Excel list may unpack to: 256 MB of XML (a 5,000-placement list is about 2 MB).
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The most entries in its zip (a workbook has a dozen or two).
const MAX_ENTRIES: usize = 10_000;

/// Columns of a sheet that are read (the template has 11); cells further right are ignored.
const MAX_COLUMNS: u32 = 256;

/// True if `bytes` are a zip, as an `.xlsx` is.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first sheet's (or the sheet named "Placements"'s) column names and rows, as text.
pub fn rows(file: &str, bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), ListError> {
    let unreadable = |why: String| ListError::Unreadable(file.into(), why);
    check_unpacked_size(file, bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes))
        .map_err(|error| unreadable(format!("not an Excel workbook: {error}")))?;
    let names = workbook.sheet_names();
    let sheet = names
        .iter()
        .find(|name| super::squeeze(name).starts_with("placement"))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| unreadable("the workbook has no sheets".into()))?;
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|error| unreadable(format!("sheet \"{sheet}\": {error}")))?;
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut first_row = None;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|error| unreadable(format!("sheet \"{sheet}\": {error}")))?
    {
        let (row, column) = cell.get_position();
        if column >= MAX_COLUMNS {
            continue;
        }
        let text = text(cell.get_value());
        if text.is_empty() && first_row.is_none() {
            continue;
        }
        // Rows count from the first that holds anything: its header.
        let first = *first_row.get_or_insert(row);
        let index = row.saturating_sub(first) as usize;
        if index > super::MAX_LIST_ROWS {
            return Err(ListError::TooLarge(
                file.into(),
                format!("more than {} rows", super::MAX_LIST_ROWS),
            ));
        }
        if table.len() <= index {
            table.resize_with(index + 1, Vec::new);
        }
        let cells_in_row = &mut table[index];
        let at = column as usize;
        if cells_in_row.len() <= at {
            cells_in_row.resize(at + 1, String::new());
        }
        cells_in_row[at] = text;
    }
    if table.is_empty() {
        return Err(unreadable(format!("sheet \"{sheet}\" is empty")));
    }
    let headers = table.remove(0);
    Ok((headers, table))
}

/// Refuses a zip that unpacks to more than [`MAX_XLSX_UNPACKED_BYTES`], counting what each entry
/// really inflates to (not what the zip's directory says).
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<(), ListError> {
    let unreadable = |why: String| ListError::Unreadable(file.into(), why);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| unreadable(format!("not an Excel workbook (a broken zip): {error}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ListError::TooLarge(
            file.into(),
            format!(
                "{} parts in the workbook, more than {MAX_ENTRIES}",
                archive.len()
            ),
        ));
    }
    let too_large = || {
        ListError::TooLarge(
            file.into(),
            format!(
                "it unpacks to more than {} MB",
                MAX_XLSX_UNPACKED_BYTES / 1024 / 1024
            ),
        )
    };
    let declared: u64 = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|entry| entry.size()))
        .fold(0, u64::saturating_add);
    if declared > MAX_XLSX_UNPACKED_BYTES {
        return Err(too_large());
    }
    let mut left = MAX_XLSX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|error| {
            unreadable(format!("not an Excel workbook (a broken zip): {error}"))
        })?;
        let inflated = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|error| unreadable(format!("a part of the workbook is broken: {error}")))?;
        left = left.checked_sub(inflated).ok_or_else(too_large)?;
    }
    Ok(())
}

/// A cell as the list's text: dates as ISO, numbers as written.
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_string(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number.to_string(),
        DataRef::Bool(true) => "true".into(),
        DataRef::Bool(false) => "false".into(),
        DataRef::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        DataRef::DateTime(date) => date.as_f64().to_string(),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(error) => format!("#{error:?}"),
    }
}
