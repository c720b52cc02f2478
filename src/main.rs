//! The `care-levers` binary: the window with no arguments or with scenario files to open, the
//! command line with a command (`run`, `check`, ...).

// On Windows the exe is a GUI program, so that starting it from Explorer or the Start menu
// opens no console window behind the app. From a terminal, `attach_to_terminal` borrows the
// terminal's console so that commands still print.
#![cfg_attr(windows, windows_subsystem = "windows")]

use care_levers::cli::{self, Cli, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK};
use clap::Parser;
use std::path::PathBuf;

fn main() {
    attach_to_terminal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                EXIT_BAD_INPUT
            } else {
                EXIT_OK
            };
            let _ = error.print();
            std::process::exit(code);
        }
    };
    let code = match &cli.command {
        Some(command) => {
            // A last guard: the commands do not panic, but if one ever did the user should
            // still get exit code 1 and a message rather than a crash dump.
            std::panic::catch_unwind(|| cli::run_and_print(command)).unwrap_or(EXIT_FAILURE)
        }
        None => match cli.files.iter().find(|file| !file.exists()) {
            // Neither a command nor a file: a mistyped command more likely than a lost file.
            Some(missing) => {
                eprintln!(
                    "error: `{}` is neither a command nor a file (see `care-levers --help`)",
                    missing.display()
                );
                EXIT_BAD_INPUT
            }
            None => open_window(&cli.files),
        },
    };
    std::process::exit(code);
}

/// Built without the `gui` feature: there is no window to open.
#[cfg(not(feature = "gui"))]
fn open_window(_files: &[PathBuf]) -> i32 {
    eprintln!(
        "error: this build of Care Levers has no window (built without the `gui` feature); use a command, e.g. `care-levers run FILE` (see `care-levers --help`)"
    );
    EXIT_BAD_INPUT
}

/// Opens the window on the built-in Norfolk 2014 scenario, then on `files` (a file that cannot
/// be read is reported in the window, over the built-in scenario).
#[cfg(feature = "gui")]
fn open_window(files: &[PathBuf]) -> i32 {
    let scenario = match care_levers::io::scenario_file::norfolk_2014() {
        Ok(scenario) => scenario,
        Err(error) => {
            eprintln!("error: the built-in scenario does not load: {error}");
            return EXIT_FAILURE;
        }
    };
    match care_levers::app::run::run_window(scenario, files.to_vec()) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: cannot open the window: {error}");
            EXIT_FAILURE
        }
    }
}

/// Windows only: when started from a terminal (cmd, PowerShell), write to its console. Output
/// redirected to a file or a pipe already has its handles and is left alone. Started from
/// Explorer there is no parent console and nothing happens.
#[cfg(windows)]
fn attach_to_terminal() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(which: u32) -> isize;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    // SAFETY: both calls take plain integers. GetStdHandle returns 0 when the GUI program was
    // given no output (started from a terminal without redirection, or from Explorer), -1 on
    // error; only then is the parent's console borrowed. AttachConsole returns 0 when there is
    // no parent console, which leaves the process as it was.
    unsafe {
        let output = GetStdHandle(STD_OUTPUT_HANDLE);
        if output == 0 || output == -1 {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(windows))]
fn attach_to_terminal() {}
