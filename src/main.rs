//! The `runbook` binary; everything it does lives in the `runbook-cli` crate.

fn main() -> std::process::ExitCode {
    runbook_cli::main()
}
