//! Marking a scenario file as open in Care Levers, so that a second officer opening it (on a
//! shared drive, from another machine) is told who has it and can open a read-only copy.
//!
//! The mark is a small lock file beside the scenario, `.~lock.NAME#` (the convention LibreOffice
//! uses, which IT staff recognise), naming the user, the machine, the process and when it was
//! opened. The app that holds it rewrites it every [`REFRESH_EVERY`] and deletes it when the
//! scenario is closed. A lock is ignored as stale when it has not been refreshed for
//! [`STALE_AFTER`] (its holder crashed or lost the network), when the process it names on this
//! machine has ended, or when it cannot be read. Locks are advisory: they inform people, and the
//! content check before a save (see `app`) is what stops a lost update.

use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How often the holder rewrites its lock file: 2 minutes.
pub const REFRESH_EVERY: Duration = Duration::from_secs(120);
/// A lock not rewritten for this long is stale: 10 minutes (five missed refreshes, so a slow
/// network drive does not make a live lock look dead).
pub const STALE_AFTER: Duration = Duration::from_secs(600);
/// Lock files are a few hundred bytes; anything bigger is not one of ours.
const MAX_LOCK_BYTES: u64 = 4096;

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The user's login name, e.g. "jsmith".
    pub user: String,
    /// The machine's name, e.g. "FIN-PC-12".
    pub machine: String,
    /// The process id on that machine.
    pub process: u32,
    /// Unique for each window of the app, so two windows in one process tell each other apart.
    pub instance: String,
    /// When the file was opened, seconds since 1970 (UTC).
    pub opened: u64,
}

impl Holder {
    /// This app window, now: the user and machine from the system.
    pub fn this_window() -> Holder {
        let user = ["USERNAME", "USER", "LOGNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
            // Without those (a service, a bare shell): the home folder's name is the login.
            .or_else(|| {
                dirs::home_dir()
                    .and_then(|home| home.file_name().map(|n| n.to_string_lossy().into_owned()))
            })
            .unwrap_or_else(|| "an unknown user".into());
        let machine = gethostname::gethostname().to_string_lossy().into_owned();
        Holder {
            user,
            machine: if machine.trim().is_empty() {
                "an unknown machine".into()
            } else {
                machine
            },
            process: std::process::id(),
            instance: format!("{:016x}", rand::random::<u64>()),
            opened: now_seconds(),
        }
    }

    /// "jsmith on FIN-PC-12, opened 25 minutes ago".
    pub fn describe(&self) -> String {
        let ago = now_seconds().saturating_sub(self.opened) / 60;
        let when = match ago {
            0 => "opened just now".to_string(),
            1 => "opened a minute ago".to_string(),
            minutes if minutes < 120 => format!("opened {minutes} minutes ago"),
            minutes if minutes < 48 * 60 => format!("opened {} hours ago", minutes / 60),
            minutes => format!("opened {} days ago", minutes / (24 * 60)),
        };
        format!("{} on {}, {when}", self.user, self.machine)
    }

    fn is_same_window(&self, other: &Holder) -> bool {
        self.instance == other.instance
            && self.process == other.process
            && self.machine == other.machine
    }
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The lock file for a scenario: `plans/cabinet.ron` → `plans/.~lock.cabinet.ron#`.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".~lock.{name}#"))
}

/// Someone else's live lock on `path`, if there is one. Stale and unreadable locks, and locks
/// held by this process (one process is one app, however many windows its tests make), count as
/// none.
pub fn held_by_other(path: &Path, me: &Holder) -> Option<Holder> {
    let lock = lock_path(path);
    let holder = read_lock(&lock)?;
    let same_process = holder.machine == me.machine && holder.process == me.process;
    if same_process || is_stale(&lock, &holder, me) {
        return None;
    }
    Some(holder)
}

fn read_lock(lock: &Path) -> Option<Holder> {
    let metadata = fs::metadata(lock).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_LOCK_BYTES {
        return None;
    }
    let text = fs::read_to_string(lock).ok()?;
    ron::from_str(
        text.lines()
            .filter(|l| !l.starts_with("//"))
            .collect::<String>()
            .trim(),
    )
    .ok()
}

fn is_stale(lock: &Path, holder: &Holder, me: &Holder) -> bool {
    let age = fs::metadata(lock)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| SystemTime::now().duration_since(modified).ok())
        .unwrap_or_default();
    if age > STALE_AFTER {
        return true;
    }
    holder.machine == me.machine
        && holder.process != me.process
        && !process_is_running(holder.process)
}

/// A lock this window holds; the lock file is deleted when it is dropped (if it still names this
/// window: a colleague who took over a stale lock keeps theirs).
#[derive(Debug)]
pub struct FileLock {
    lock: PathBuf,
    holder: Holder,
    refreshed: SystemTime,
}

impl FileLock {
    /// Marks `path` as open by `me`, unless someone else holds a live lock on it (then returns
    /// who). A lock that cannot be written (a read-only folder) is not an error the user can act
    /// on, so it gives `Ok(None)`: the file opens unmarked.
    pub fn acquire(path: &Path, me: &Holder) -> Result<Option<FileLock>, Holder> {
        if let Some(other) = held_by_other(path, me) {
            return Err(other);
        }
        let lock = lock_path(path);
        let mut file_lock = FileLock {
            lock,
            holder: me.clone(),
            refreshed: SystemTime::now(),
        };
        Ok(file_lock.write().then_some(file_lock))
    }

    fn write(&mut self) -> bool {
        let Ok(body) = ron::to_string(&self.holder) else {
            return false;
        };
        let text = format!(
            "// Care Levers: this scenario is open. Deleted when it is closed; ignored after 10 \
             minutes without a refresh.\n{body}\n"
        );
        self.refreshed = SystemTime::now();
        // A plain write: a torn lock file reads as no lock, which is the safe side.
        fs::write(&self.lock, text).is_ok()
    }

    /// Rewrites the lock file once `every` has passed since it was last written ([`REFRESH_EVERY`]
    /// in the window), so it does not go stale while the scenario is open; puts it back if
    /// someone deleted it. The disk is touched only when a refresh is due, not on every frame
    /// (a network drive answers slowly).
    pub fn refresh_if_due(&mut self, every: Duration) {
        let due = SystemTime::now()
            .duration_since(self.refreshed)
            .map_or(true, |age| age >= every);
        if due {
            self.refreshed = SystemTime::now();
            // Not if a colleague took it over after it went stale.
            if read_lock(&self.lock).is_none_or(|h| h.is_same_window(&self.holder)) {
                self.write();
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.lock
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if read_lock(&self.lock).is_some_and(|h| h.is_same_window(&self.holder)) {
            let _ = fs::remove_file(&self.lock);
        }
    }
}

/// Whether a process with this id is running on this machine (true where the system cannot
/// tell, so nothing is taken from a live process).
#[cfg(target_os = "linux")]
pub fn process_is_running(process: u32) -> bool {
    Path::new(&format!("/proc/{process}")).exists()
}

/// Whether a process with this id is running on this machine (true where the system cannot
/// tell, so nothing is taken from a live process).
#[cfg(windows)]
pub fn process_is_running(process: u32) -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn OpenProcess(access: u32, inherit: i32, process: u32) -> isize;
        fn GetExitCodeProcess(handle: isize, code: *mut u32) -> i32;
        fn CloseHandle(handle: isize) -> i32;
    }
    const PROCESS_QUERY_LIMITED_INFORMATION: u32 = 0x1000;
    const STILL_ACTIVE: u32 = 259;
    // SAFETY: plain integers in; the handle is closed before returning; `code` lives on the
    // stack for the call.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, process);
        if handle == 0 {
            // No such process (or not ours to ask about: then trust the refresh time instead).
            return std::io::Error::last_os_error().raw_os_error() == Some(5);
        }
        let mut code = 0u32;
        let ok = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        ok == 0 || code == STILL_ACTIVE
    }
}

/// Whether a process with this id is running on this machine (true where the system cannot
/// tell, so nothing is taken from a live process).
#[cfg(not(any(target_os = "linux", windows)))]
pub fn process_is_running(_process: u32) -> bool {
    // No cheap portable check: rely on the refresh time alone.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(user: &str, machine: &str, process: u32) -> Holder {
        Holder {
            user: user.into(),
            machine: machine.into(),
            process,
            instance: format!("{user}-{machine}-{process}"),
            opened: now_seconds() - 25 * 60,
        }
    }

    #[test]
    fn a_second_window_is_told_who_holds_the_file_until_it_is_closed() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("Cabinet plan.carelevers");
        fs::write(&path, "x").unwrap();
        let me = Holder::this_window();
        let jane = holder("jane", "FIN-PC-12", 4242);
        let janes = FileLock::acquire(&path, &jane).unwrap().unwrap();
        assert!(lock_path(&path).is_file());
        let told = FileLock::acquire(&path, &me).unwrap_err();
        assert_eq!(told.user, "jane");
        assert_eq!(told.describe(), "jane on FIN-PC-12, opened 25 minutes ago");
        drop(janes);
        assert!(
            !lock_path(&path).exists(),
            "the lock goes when the file is closed"
        );
        let mine = FileLock::acquire(&path, &me).unwrap().unwrap();
        // The holder itself is not told about its own lock.
        assert!(held_by_other(&path, &me).is_none());
        drop(mine);
        assert!(!lock_path(&path).exists());
    }

    #[test]
    fn stale_and_unreadable_locks_are_ignored() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("plan.ron");
        let me = Holder::this_window();
        // Not refreshed for 11 minutes.
        let old = holder("jane", "FIN-PC-12", 4242);
        fs::write(lock_path(&path), ron::to_string(&old).unwrap()).unwrap();
        let eleven_minutes_ago = SystemTime::now() - Duration::from_secs(11 * 60);
        fs::File::options()
            .write(true)
            .open(lock_path(&path))
            .unwrap()
            .set_modified(eleven_minutes_ago)
            .unwrap();
        assert_eq!(held_by_other(&path, &me), None);
        // Fresh, but names a process on this machine that has ended.
        let ended = holder("me", &me.machine, u32::MAX - 1);
        fs::write(lock_path(&path), ron::to_string(&ended).unwrap()).unwrap();
        if cfg!(any(target_os = "linux", windows)) {
            assert_eq!(held_by_other(&path, &me), None);
        }
        // Garbage.
        fs::write(lock_path(&path), "\u{0}\u{1} not a lock").unwrap();
        assert_eq!(held_by_other(&path, &me), None);
        // Taking over a stale lock replaces it with ours.
        let mine = FileLock::acquire(&path, &me).unwrap().unwrap();
        assert_eq!(read_lock(mine.path()), Some(me.clone()));
    }

    #[test]
    fn a_taken_over_lock_is_not_deleted_by_its_old_holder() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("plan.ron");
        let me = Holder::this_window();
        let mine = FileLock::acquire(&path, &me).unwrap().unwrap();
        let jane = holder("jane", "FIN-PC-12", 4242);
        fs::write(lock_path(&path), ron::to_string(&jane).unwrap()).unwrap();
        drop(mine);
        assert_eq!(read_lock(&lock_path(&path)), Some(jane));
    }

    #[test]
    fn a_folder_that_refuses_the_lock_still_opens() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("gone").join("plan.ron");
        assert!(
            FileLock::acquire(&path, &Holder::this_window())
                .unwrap()
                .is_none()
        );
    }
}
