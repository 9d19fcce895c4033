//! The `parallax` binary: a thin wrapper over [`parallax::cli`].

/// mimalloc rather than the system allocator: tokenising a large set allocates a few strings per
/// word from every worker thread at once, where glibc's malloc showed as ~8 % of an `align`
/// profile (see docs/PERFORMANCE.md for the measured difference).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(parallax::cli::main());
}
