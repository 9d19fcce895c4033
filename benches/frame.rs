//! Frame time of the real viewer (issue 7), driven headless through `egui_kittest`:
//!
//! * `frame/scroll_2000x2000`: two synthetic 2,000-passage articles side by side, one frame per
//!   mouse-wheel step while scrolling down and back up. Criterion times the CPU of this thread
//!   per frame (egui layout and the app's own code, plus tessellation of the frame's shapes,
//!   which eframe would do before handing vertices to the GPU); a custom summary prints the
//!   median / p95 / max per-frame CPU and wall time of a fixed 600-frame scroll, then of a
//!   fast scroll from top to bottom (a screenful per frame, so every frame lays out new rows).
//! * `frames while a large set loads` (only when `PARALLAX_BENCH_LARGE_SET` names a folder,
//!   e.g. one made by `KEEP=1 scripts/bench-large`): opens the folder as the app does (load
//!   and alignment on the background job), steps frames until the set is shown, and prints the
//!   frame-time distribution (the window's first frame, which builds the font atlas, apart),
//!   the frame that took the result, and every frame over 50 ms with its time.
//!   `PARALLAX_BENCH_LARGE_TIMEOUT` (seconds, default 3600) bounds the wait.
//!
//! The harness also builds the AccessKit tree every frame (kittest needs it to query widgets);
//! the desktop app does not, so these figures are pessimistic.

// Test and benchmark code: a panic is a failed run, not a crash on user data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use parallax::app::ParallaxApp;
use parallax::app::StartupOptions;
use parallax::app::state::Settings;

const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// CPU time consumed by the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is always supported
    // on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Two articles of `n` sentences in paragraphs of 4; the right one rewords every third sentence
/// and drops every 17th, so rows carry word diffs, framing marks and one-side rows.
fn write_pair(dir: &Path, n: usize) {
    let mut left = String::from("Source: Left Daily\n\nHarbour storm coverage\n\n");
    let mut right = String::from("Source: Right Herald\n\nHarbour storm coverage\n\n");
    for i in 0..n {
        let s = format!(
            "Officials said berth {i} at pier {} was closed after the storm damaged {} boats. ",
            i % 40,
            i % 13 + 2
        );
        left.push_str(&s);
        if i % 17 != 5 {
            if i % 3 == 0 {
                right.push_str(
                    &s.replace("said", "claimed")
                        .replace("storm", "violent storm"),
                );
            } else {
                right.push_str(&s);
            }
        }
        if i % 4 == 3 {
            left.push_str("\n\n");
            right.push_str("\n\n");
        }
    }
    std::fs::write(dir.join("left.txt"), left).expect("write left");
    std::fs::write(dir.join("right.txt"), right).expect("write right");
}

fn harness(dir: &Path, left: &str, right: &str) -> Harness<'static, ParallaxApp> {
    let args = StartupOptions {
        dir: Some(dir.to_path_buf()),
        left: Some(left.into()),
        right: Some(right.into()),
        ..StartupOptions::default()
    };
    let mut app = ParallaxApp::new(Settings::default(), &args);
    assert!(
        app.wait_for_jobs(Duration::from_secs(600)),
        "load timed out"
    );
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    for _ in 0..4 {
        h.run();
        assert!(h.state_mut().wait_for_jobs(Duration::from_secs(600)));
    }
    h.run();
    h
}

/// One frame: a wheel step over the table (down for 300 frames, then up), then tessellation.
fn frame(h: &mut Harness<'static, ParallaxApp>, k: usize) {
    let dy = if (k / 300).is_multiple_of(2) {
        -120.0
    } else {
        120.0
    };
    wheel_frame(h, dy);
}

/// One frame with a wheel step of `dy` points over the table, then tessellation.
fn wheel_frame(h: &mut Harness<'static, ParallaxApp>, dy: f32) {
    h.hover_at(egui::pos2(SIZE.x / 2.0, SIZE.y / 2.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    let shapes = h.output().shapes.clone();
    let ppp = h.output().pixels_per_point;
    std::hint::black_box(h.ctx.tessellate(shapes, ppp));
}

fn summary(name: &str, mut v: Vec<Duration>) {
    if v.is_empty() {
        eprintln!("{name}: no frames");
        return;
    }
    v.sort();
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "{name}: {} frames, median {:.2} ms, p95 {:.2} ms, max {:.2} ms, over 50 ms: {}",
        v.len(),
        q(0.5).as_secs_f64() * 1e3,
        q(0.95).as_secs_f64() * 1e3,
        q(1.0).as_secs_f64() * 1e3,
        v.iter().filter(|d| d.as_millis() > 50).count()
    );
}

/// `cargo bench` passes `--bench`; `cargo test --all-targets` runs the bench binaries without it
/// (criterion's test mode), where a small set keeps the check quick.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn scroll_bench(c: &mut Criterion) {
    let (n, frames) = if bench_mode() { (2000, 600) } else { (200, 20) };
    let d = tempfile::tempdir().expect("tempdir");
    write_pair(d.path(), n);
    let mut h = harness(d.path(), "left", "right");
    let passages = h
        .state()
        .analysis()
        .map(|a| (a.alignment.passages[0].len(), a.alignment.passages[1].len()));
    let rows = h
        .state()
        .side_by_side
        .comparison
        .as_ref()
        .map(|c| c.rows.len());
    eprintln!("passages per side: {passages:?}, table rows: {rows:?}");
    // Every passage of the shorter side is in some row (the aligner may pair a one-side
    // passage with its neighbour's row, so the count need not reach n).
    let shorter = passages.map_or(usize::MAX, |(l, r)| l.min(r));
    assert!(rows.unwrap_or(0) >= shorter, "the comparison is shown");

    // Fixed-length scroll with per-frame figures (median is the target figure).
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let mut turn = 0.0;
    for k in 0..frames {
        let (c0, w0) = (thread_cpu(), Instant::now());
        frame(&mut h, k);
        cpu.push(thread_cpu() - c0);
        wall.push(w0.elapsed());
        if k + 1 == frames / 2 {
            turn = h.state().side_by_side.scroll_offset();
        }
    }
    eprintln!(
        "scrolled down to {turn:.0} pt, back up to {:.0} pt",
        h.state().side_by_side.scroll_offset()
    );
    assert!(
        turn > 100.0 * (frames / 2) as f32,
        "the wheel scrolls the table"
    );
    summary(&format!("scroll {n}x{n}, CPU per frame"), cpu);
    summary(&format!("scroll {n}x{n}, wall per frame"), wall);

    // Fast scroll: a screenful (900 points) per frame, so every frame shows rows never laid
    // out before (the worst case of dragging the scroll bar), from the top to the bottom.
    let mut fast = harness(d.path(), "left", "right");
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    let mut last = -1.0;
    for _ in 0..frames / 4 {
        let (c0, w0) = (thread_cpu(), Instant::now());
        wheel_frame(&mut fast, -900.0);
        cpu.push(thread_cpu() - c0);
        wall.push(w0.elapsed());
        // Stop at the bottom: frames that no longer scroll are not this case.
        let now = fast.state().side_by_side.scroll_offset();
        if now <= last {
            break;
        }
        last = now;
    }
    eprintln!(
        "fast scroll reached {:.0} pt",
        fast.state().side_by_side.scroll_offset()
    );
    summary(&format!("fast scroll {n}x{n}, CPU per frame"), cpu);
    summary(&format!("fast scroll {n}x{n}, wall per frame"), wall);
    drop(fast);

    let mut k = 0;
    c.bench_function("frame/scroll_2000x2000 (thread CPU)", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu();
            for _ in 0..iters {
                frame(&mut h, k);
                k += 1;
            }
            thread_cpu() - start
        })
    });
}

fn loading_bench(_c: &mut Criterion) {
    let Some(dir) = std::env::var_os("PARALLAX_BENCH_LARGE_SET") else {
        eprintln!("frames while loading: set PARALLAX_BENCH_LARGE_SET=<folder> to measure");
        return;
    };
    let args = StartupOptions {
        dir: Some(dir.into()),
        ..StartupOptions::default()
    };
    let limit = std::env::var("PARALLAX_BENCH_LARGE_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(3600), Duration::from_secs);
    let start = Instant::now();
    let app = ParallaxApp::new(Settings::default(), &args);
    let mut h = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    // (frame, seconds since start, CPU ms, wall ms, set shown yet) of every frame over 50 ms.
    let mut slow = Vec::new();
    let mut arrived: Option<(usize, Duration, Duration)> = None;
    // Frames at ~60 Hz while the background job works, as eframe would repaint for the
    // progress bar; stop once the set is shown and no job is left.
    while start.elapsed() < limit {
        let (c0, w0) = (thread_cpu(), Instant::now());
        h.step();
        let shapes = h.output().shapes.clone();
        let ppp = h.output().pixels_per_point;
        std::hint::black_box(h.ctx.tessellate(shapes, ppp));
        let (w, c) = (w0.elapsed(), thread_cpu() - c0);
        let shown = h.state().analysis().is_some();
        if shown && arrived.is_none() {
            arrived = Some((wall.len(), c, w));
        }
        if w.as_millis() > 50 || c.as_millis() > 50 {
            slow.push((
                wall.len(),
                start.elapsed().as_secs_f64(),
                c.as_secs_f64() * 1e3,
                w.as_secs_f64() * 1e3,
                shown,
            ));
        }
        wall.push(w);
        cpu.push(c);
        if shown && !h.state().jobs.busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    eprintln!(
        "large set shown after {:.1} s; articles: {:?}",
        start.elapsed().as_secs_f64(),
        h.state().analysis().map(|a| a.corpus.articles.len())
    );
    if let Some((k, c, w)) = arrived {
        eprintln!(
            "frame {k}, the one that took the result: CPU {:.2} ms, wall {:.2} ms",
            c.as_secs_f64() * 1e3,
            w.as_secs_f64() * 1e3
        );
    }
    for (k, t, c, w, shown) in &slow {
        eprintln!(
            "  frame {k} at {t:.1} s: CPU {c:.1} ms, wall {w:.1} ms{}",
            if *shown { " (set shown)" } else { "" }
        );
    }
    if let (Some(c0), Some(w0)) = (cpu.first(), wall.first()) {
        eprintln!(
            "first frame (fonts and atlas built once per window): CPU {:.1} ms, wall {:.1} ms",
            c0.as_secs_f64() * 1e3,
            w0.as_secs_f64() * 1e3
        );
    }
    summary(
        "frames while loading, wall",
        wall.get(1..).unwrap_or(&[]).to_vec(),
    );
    summary(
        "frames while loading, CPU",
        cpu.get(1..).unwrap_or(&[]).to_vec(),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(10));
    targets = scroll_bench, loading_bench
}
criterion_main!(benches);
