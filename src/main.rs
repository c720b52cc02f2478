//! The `care-levers` binary: the window with no arguments, the command line otherwise.

use care_levers::cli::{self, Cli, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK};
use clap::Parser;

fn main() {
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
        None => open_window(),
    };
    std::process::exit(code);
}

/// Opens the window on the built-in Norfolk 2014 scenario.
fn open_window() -> i32 {
    let scenario = match care_levers::io::scenario_file::norfolk_2014() {
        Ok(scenario) => scenario,
        Err(error) => {
            eprintln!("error: the built-in scenario does not load: {error}");
            return EXIT_FAILURE;
        }
    };
    match care_levers::app::run_window(scenario) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: cannot open the window: {error}");
            EXIT_FAILURE
        }
    }
}
