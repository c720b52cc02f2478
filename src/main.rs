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
        None => {
            eprintln!("the window is not built yet; try `care-levers run FILE`");
            EXIT_FAILURE
        }
    };
    std::process::exit(code);
}
