//! The `runbook` binary; everything it does lives in the `runbook-cli` crate.

// mimalloc: the pipeline allocates many small strings and trees per file on
// every core, where glibc malloc spent about 15% of the CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    runbook_cli::main()
}
