//! The `parallax` binary: a thin wrapper over [`parallax::cli`].

fn main() {
    std::process::exit(parallax::cli::main());
}
