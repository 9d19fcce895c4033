//! Set-up shared by the tests: the repository root (fixtures, seeds) and the real app in an
//! egui_kittest harness, loaded and settled.

use std::path::PathBuf;
use std::time::Duration;

use egui_kittest::Harness;
use parallax::app::ParallaxApp;
use parallax::app::StartupOptions;
use parallax::app::state::Settings;

/// The repository root, where `tests/fixtures` and `seeds` live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Longest wait for a background job (loading, aligning, exporting) in a test.
pub const WAIT: Duration = Duration::from_secs(120);

/// The viewer with default settings, opened as `parallax view` would with `args`.
pub fn harness(args: StartupOptions) -> Harness<'static, ParallaxApp> {
    harness_with(Settings::default(), args)
}

/// The viewer with `settings`, its set loaded and every background job done.
pub fn harness_with(settings: Settings, args: StartupOptions) -> Harness<'static, ParallaxApp> {
    let mut args = args;
    if args.data_dir.is_none() {
        // Never the user's data directory: hand corrections made or read by a test stay in a
        // directory of its own.
        args.data_dir = Some(tempfile::tempdir().expect("temp dir").keep());
    }
    let mut app = ParallaxApp::new(settings, &args);
    assert!(app.wait_for_jobs(WAIT), "loading the set timed out");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    settle(&mut h);
    h
}

/// Runs frames, waits for background jobs, and runs frames again until both are quiet.
pub fn settle(h: &mut Harness<'static, ParallaxApp>) {
    for _ in 0..4 {
        // One frame applies pending input and commands (which may start jobs); then wait for
        // the jobs before running to a still frame (a spinner repaints while they run).
        h.step();
        assert!(
            h.state_mut().wait_for_jobs(WAIT),
            "background job timed out"
        );
        h.run();
    }
}

/// Runs the `parallax` binary with `args` (no input, `NO_COLOR` set so that what it prints is
/// plain text unless a test asks for colour) and returns its exit status and output.
pub fn run_cli<S: AsRef<std::ffi::OsStr>>(
    args: impl IntoIterator<Item = S>,
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run parallax")
}

/// Runs `parallax` with `args` (a `--json` command), checks it succeeded, and parses what it
/// printed on stdout.
pub fn cli_json<S: AsRef<std::ffi::OsStr>>(args: impl IntoIterator<Item = S>) -> serde_json::Value {
    let out = run_cli(args);
    assert!(
        out.status.success(),
        "parallax failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// What a command printed on stderr, as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Waits (polling every 2 ms) until `cond` holds or `timeout` passes; whether it held.
pub fn wait_until(timeout: Duration, cond: impl Fn() -> bool) -> bool {
    let t0 = std::time::Instant::now();
    while !cond() {
        if t0.elapsed() >= timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    true
}
