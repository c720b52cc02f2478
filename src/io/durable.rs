//! Writing a file so that a crash, a power cut or a full disk leaves either the old file or the
//! new one whole, never a mixture, and the user is told which.
//!
//! The steps, in order ([`SaveStep`]): create a temporary file beside the target, write the
//! bytes, flush them to the disk (`sync_all`), put the temporary file in the target's place,
//! then make that change itself durable.
//! - Unix: `rename` (atomic on one filesystem), then `fsync` of the folder, without which some
//!   filesystems (ext4 without `auto_da_alloc`, XFS, NFS) can forget the rename after a power cut.
//! - Windows: `ReplaceFileW` when the target exists (the old file stays until the new one is
//!   complete, and its attributes and permissions carry over), else `MoveFileExW` with
//!   `MOVEFILE_WRITE_THROUGH`, which returns only once the move is on disk. Windows has no way
//!   to flush a folder, so the last step does nothing there. Where `ReplaceFileW` is refused (some
//!   network shares), `MoveFileExW` with write-through is used instead.
//!
//! docs/files.md says what each platform guarantees.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One step of a save, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    /// Creating the temporary file beside the target.
    CreateTemporary,
    /// Writing the bytes to the temporary file.
    Write,
    /// Flushing the temporary file to the disk.
    SyncFile,
    /// Putting the temporary file in the target's place.
    Replace,
    /// Making the replacement itself durable (the folder, on Unix).
    SyncFolder,
}

impl SaveStep {
    /// Every step, in order.
    pub const ALL: [SaveStep; 5] = [
        SaveStep::CreateTemporary,
        SaveStep::Write,
        SaveStep::SyncFile,
        SaveStep::Replace,
        SaveStep::SyncFolder,
    ];

    fn doing(self) -> &'static str {
        match self {
            SaveStep::CreateTemporary => "creating a temporary file beside it",
            SaveStep::Write => "writing",
            SaveStep::SyncFile => "flushing the new file to the disk",
            SaveStep::Replace => "putting the new file in place of the old one",
            SaveStep::SyncFolder => "flushing the folder to the disk",
        }
    }
}

/// Which version of the file a failed save left at the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// The old file, whole and unchanged (or still no file, if there was none).
    Old,
    /// The new file, whole; but the system could not confirm the change reached the disk, so a
    /// power cut soon after might bring the old one back.
    New,
}

/// A save that did not complete: at which step, what the system said, and which file is there.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.describe())]
pub struct SaveError {
    /// The file being saved.
    pub path: PathBuf,
    /// The step that failed.
    pub step: SaveStep,
    /// Which version is at `path` now.
    pub kept: Kept,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

impl SaveError {
    fn describe(&self) -> String {
        let path = self.path.display();
        let why = explain(&self.source, &self.path);
        match self.kept {
            Kept::Old => format!(
                "cannot save to {path}: {why} (while {}). The file on disk is unchanged{}.",
                self.step.doing(),
                if self.path.exists() {
                    ""
                } else {
                    " (there is still no file there)"
                }
            ),
            Kept::New => format!(
                "{path} was saved and is whole, but the system could not confirm that the change \
                 reached the disk ({why}, while {}): if the power fails soon, the previous \
                 version may come back. Save again to be sure.",
                self.step.doing()
            ),
        }
    }
}

/// The system's reason, in words an officer can act on where there are some.
fn explain(error: &io::Error, path: &Path) -> String {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    match error.kind() {
        io::ErrorKind::NotFound => match folder {
            Some(folder) if !folder.is_dir() => format!(
                "the folder {} no longer exists (was it moved, renamed or a drive \
                 disconnected?)",
                folder.display()
            ),
            _ => error.to_string(),
        },
        io::ErrorKind::PermissionDenied => format!(
            "permission denied: the folder or file may be read-only, or open in another program \
             ({error})"
        ),
        io::ErrorKind::StorageFull => format!("the disk is full ({error})"),
        io::ErrorKind::InvalidFilename => format!(
            "the name is not allowed here (too long, a reserved name like CON or PRN, or \
             characters this drive refuses) ({error})"
        ),
        _ => error.to_string(),
    }
}

/// Writes `bytes` to `path` through a temporary file, a flush and a replace (see the module
/// documentation), so that whatever fails, either the old file or the new one is whole at
/// `path`; the error says which.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, bytes, &mut |_| Ok(()))
}

/// [`write_atomically`], calling `before` before each step (and in the middle of writing) so
/// that tests can make any step fail, or the process "crash" there by panicking.
#[doc(hidden)]
pub(crate) fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<(), SaveError> {
    let failed = |step, kept, source| SaveError {
        path: path.to_path_buf(),
        step,
        kept,
        source,
    };
    if let Some(reason) = unportable_name(path) {
        return Err(failed(
            SaveStep::CreateTemporary,
            Kept::Old,
            io::Error::new(io::ErrorKind::InvalidFilename, reason),
        ));
    }
    let temporary = temporary_path(path);
    let written = (|| {
        before(SaveStep::CreateTemporary).map_err(|e| (SaveStep::CreateTemporary, e))?;
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temporary)
            .map_err(|e| (SaveStep::CreateTemporary, e))?;
        // Written in two halves with the hook between, so a test can stop a save half-written.
        let (first, second) = bytes.split_at(bytes.len() / 2);
        file.write_all(first).map_err(|e| (SaveStep::Write, e))?;
        before(SaveStep::Write).map_err(|e| (SaveStep::Write, e))?;
        file.write_all(second).map_err(|e| (SaveStep::Write, e))?;
        before(SaveStep::SyncFile).map_err(|e| (SaveStep::SyncFile, e))?;
        file.sync_all().map_err(|e| (SaveStep::SyncFile, e))?;
        drop(file);
        before(SaveStep::Replace).map_err(|e| (SaveStep::Replace, e))?;
        replace(&temporary, path).map_err(|e| (SaveStep::Replace, e))
    })();
    if let Err((step, source)) = written {
        // The temporary file is the only thing touched so far: the target is as it was.
        let _ = fs::remove_file(&temporary);
        return Err(failed(step, Kept::Old, source));
    }
    before(SaveStep::SyncFolder)
        .and_then(|()| sync_folder(path))
        .map_err(|source| failed(SaveStep::SyncFolder, Kept::New, source))
}

/// The temporary file beside `path`: hidden on Unix, named after the target and this process so
/// that two programs saving the same file at once never share one. A long name is cut to its
/// first 100 characters, so the temporary name stays within the 255 bytes filesystems allow
/// even when the target's name is near that limit.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(100).collect::<String>())
        .unwrap_or_else(|| "scenario.ron".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Names Windows reserves for devices, with or without an extension ("CON.carelevers" too).
const RESERVED_NAMES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why a file name cannot be used on Windows or a Windows file share, if it cannot. Checked on
/// every platform: a file saved under such a name on Linux could not be opened by a colleague on
/// Windows, nor copied to the council's shared drive.
pub(crate) fn unportable_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return Some(format!(
            "\"{name}\" cannot be used: Windows reserves the name {} for a device; choose \
             another name",
            stem.to_uppercase()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\') || c.is_control())
    {
        return Some(format!(
            "\"{name}\" cannot be used: Windows does not allow {} in file names",
            if bad.is_control() {
                "control characters".to_string()
            } else {
                format!("\"{bad}\"")
            }
        ));
    }
    if name.ends_with(' ') || name.ends_with('.') {
        return Some(format!(
            "\"{name}\" cannot be used: Windows does not allow a file name to end with a space \
             or a dot"
        ));
    }
    None
}

#[cfg(not(windows))]
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)
}

#[cfg(not(windows))]
fn sync_folder(path: &Path) -> io::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    fs::File::open(folder)?.sync_all()
}

#[cfg(windows)]
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn ReplaceFileW(
            replaced: *const u16,
            replacement: *const u16,
            backup: *const u16,
            flags: u32,
            exclude: *mut std::ffi::c_void,
            reserved: *mut std::ffi::c_void,
        ) -> i32;
        fn MoveFileExW(existing: *const u16, new: *const u16, flags: u32) -> i32;
    }
    const REPLACEFILE_IGNORE_MERGE_ERRORS: u32 = 0x2;
    const MOVEFILE_REPLACE_EXISTING: u32 = 0x1;
    const MOVEFILE_WRITE_THROUGH: u32 = 0x8;
    // Paths of 260 characters or more need the `\\?\` form with these calls (std adds it
    // itself for its own calls).
    let wide = |p: &Path| -> Vec<u16> {
        let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let text = absolute.as_os_str().to_string_lossy().replace('/', "\\");
        let long = if text.len() < 248 || text.starts_with(r"\\?\") {
            text
        } else if let Some(share) = text.strip_prefix(r"\\") {
            format!(r"\\?\UNC\{share}")
        } else {
            format!(r"\\?\{text}")
        };
        std::ffi::OsStr::new(&long)
            .encode_wide()
            .chain(Some(0))
            .collect()
    };
    let (from_wide, to_wide) = (wide(from), wide(to));
    if to.exists() {
        // SAFETY: both paths are NUL-terminated UTF-16 that live to the end of the call; the
        // optional arguments are null, as the API allows.
        let replaced = unsafe {
            ReplaceFileW(
                to_wide.as_ptr(),
                from_wide.as_ptr(),
                std::ptr::null(),
                REPLACEFILE_IGNORE_MERGE_ERRORS,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        // ReplaceFileW leaves both files as they were when it fails early, which is the case
        // to fall back from (e.g. a share that does not support it).
        if replaced != 0 || !from.exists() {
            return if replaced != 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            };
        }
    }
    // SAFETY: as above.
    let moved = unsafe {
        MoveFileExW(
            from_wide.as_ptr(),
            to_wide.as_ptr(),
            MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH,
        )
    };
    if moved != 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(windows)]
fn sync_folder(_path: &Path) -> io::Result<()> {
    // Windows cannot flush a folder; MOVEFILE_WRITE_THROUGH and NTFS's journal cover the rename.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn other_files(folder: &Path, name: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != name)
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_save_replaces_the_file_and_leaves_nothing_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("plan.ron");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new contents");
        assert!(other_files(folder.path(), "plan.ron").is_empty());
    }

    /// A save that fails at each step in turn: the old file or the new one is whole, and the
    /// error says which.
    #[test]
    fn a_save_failing_at_any_step_leaves_one_whole_file_and_says_which() {
        for existed in [true, false] {
            for failing in SaveStep::ALL {
                let folder = tempfile::tempdir().unwrap();
                let path = folder.path().join("plan.ron");
                if existed {
                    fs::write(&path, b"the old plan, whole").unwrap();
                }
                let error =
                    write_atomically_with(&path, b"the new plan, longer and whole", &mut |step| {
                        if step == failing {
                            Err(io::Error::other("simulated failure"))
                        } else {
                            Ok(())
                        }
                    })
                    .unwrap_err();
                assert_eq!(error.step, failing);
                let message = error.to_string();
                let on_disk = fs::read(&path).ok();
                if failing == SaveStep::SyncFolder {
                    assert_eq!(error.kept, Kept::New);
                    assert_eq!(
                        on_disk.as_deref(),
                        Some(&b"the new plan, longer and whole"[..])
                    );
                    assert!(message.contains("was saved and is whole"), "{message}");
                } else {
                    assert_eq!(error.kept, Kept::Old);
                    let old = existed.then_some(&b"the old plan, whole"[..]);
                    assert_eq!(on_disk.as_deref(), old, "failing at {failing:?}");
                    assert!(message.contains("unchanged"), "{message}");
                    assert!(message.contains("simulated failure"), "{message}");
                }
                assert!(
                    other_files(folder.path(), "plan.ron").is_empty(),
                    "left behind after failing at {failing:?}"
                );
            }
        }
    }

    /// The process dying at each step (a panic stands in for the power going): the target holds
    /// the old or the new bytes, whole; at most a hidden temporary file is left beside it.
    #[test]
    fn a_crash_at_any_step_leaves_the_old_or_the_new_file_whole() {
        for crashing in SaveStep::ALL {
            let folder = tempfile::tempdir().unwrap();
            let path = folder.path().join("plan.ron");
            fs::write(&path, b"old").unwrap();
            let crashed = std::panic::catch_unwind(|| {
                let _ = write_atomically_with(&path, b"brand new", &mut |step| {
                    if step == crashing {
                        panic!("power cut at {step:?}");
                    }
                    Ok(())
                });
            });
            assert!(crashed.is_err());
            let on_disk = fs::read(&path).unwrap();
            let expected: &[u8] = if crashing == SaveStep::SyncFolder {
                b"brand new"
            } else {
                b"old"
            };
            assert_eq!(on_disk, expected, "crash at {crashing:?}");
            for leftover in other_files(folder.path(), "plan.ron") {
                assert!(leftover.starts_with(".plan.ron.") && leftover.ends_with(".tmp"));
            }
        }
    }

    #[test]
    fn names_windows_refuses_are_refused_everywhere_with_the_reason() {
        let folder = tempfile::tempdir().unwrap();
        for (name, says) in [
            ("CON.carelevers", "reserves the name CON"),
            ("prn", "reserves the name PRN"),
            ("Lpt1.ron", "reserves the name LPT1"),
            ("Plan: draft.ron", "\":\""),
            ("What if?.ron", "\"?\""),
            ("plan.ron.", "end with a space or a dot"),
        ] {
            let path = folder.path().join(name);
            let error = write_atomically(&path, b"x").unwrap_err();
            assert_eq!(error.kept, Kept::Old);
            let message = error.to_string();
            assert!(message.contains(says), "{name}: {message}");
            assert!(!path.exists(), "{name}");
        }
        // Names that only look alike are fine.
        for name in [
            "Console plan.ron",
            "CONTROL.ron",
            "nullable.ron",
            "COM10.ron",
        ] {
            write_atomically(&folder.path().join(name), b"x").unwrap();
        }
    }

    #[test]
    fn a_name_at_the_filesystems_limit_still_saves() {
        let folder = tempfile::tempdir().unwrap();
        // 255 bytes, the most ext4, NTFS and APFS allow in one name.
        let name = format!("{}.carelevers", "Ä".repeat(122));
        assert_eq!(name.len(), 255);
        let path = folder.path().join(&name);
        write_atomically(&path, b"long").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"long");
        let too_long = folder
            .path()
            .join(format!("{}.carelevers", "a".repeat(250)));
        let message = write_atomically(&too_long, b"x").unwrap_err().to_string();
        assert!(message.contains("not allowed here (too long"), "{message}");
    }

    #[test]
    fn a_vanished_folder_is_named_in_the_message() {
        let folder = tempfile::tempdir().unwrap();
        let gone = folder.path().join("Cabinet papers");
        fs::create_dir(&gone).unwrap();
        let path = gone.join("plan.ron");
        fs::remove_dir(&gone).unwrap();
        let error = write_atomically(&path, b"x").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("no longer exists"), "{message}");
        assert!(message.contains("Cabinet papers"), "{message}");
        assert_eq!(error.kept, Kept::Old);
    }
}
