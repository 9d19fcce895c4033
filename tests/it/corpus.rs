//! Loading an article set: formats, metadata, hostile input and the `inspect` command.
//! Fixtures named by case live in `tests/fixtures/corpus/<case>/`; binary, huge, encoding and
//! file-system cases are generated in a temporary folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use parallax::corpus::{self, Article, Corpus, Format, LoadError, Span, Warning};
use parallax::progress::Progress;

fn fixture(case: &str) -> PathBuf {
    crate::common::repo_root()
        .join("tests/fixtures/corpus")
        .join(case)
}

fn load(dir: &Path) -> Corpus {
    match corpus::load_dir(dir, &Progress::new()) {
        Ok(c) => c,
        Err(e) => panic!("loading {} failed: {e}", dir.display()),
    }
}

fn article<'a>(c: &'a Corpus, id: &str) -> &'a Article {
    c.articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}; have {:?}", ids(c)))
}

fn ids(c: &Corpus) -> Vec<&str> {
    c.articles.iter().map(|a| a.id.as_str()).collect()
}

fn paras(a: &Article) -> Vec<&str> {
    a.paragraphs.iter().map(|p| a.text(*p)).collect()
}

fn warning<'a>(c: &'a Corpus, file: &str) -> &'a Warning {
    c.warnings
        .iter()
        .find(|w| w.file == file)
        .unwrap_or_else(|| panic!("no warning for {file}; have {:?}", c.warnings))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, bytes).expect("write fixture");
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Every paragraph is trimmed, non-empty and inside the body; ids are sorted and unique.
fn assert_well_formed(c: &Corpus) {
    let mut sorted = ids(c);
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, ids(c), "ids sorted and unique");
    for a in &c.articles {
        assert!(!a.paragraphs.is_empty(), "{} has paragraphs", a.id);
        assert!(!a.title.trim().is_empty(), "{} has a title", a.id);
        assert!(!a.source.trim().is_empty(), "{} has a source", a.id);
        for p in &a.paragraphs {
            let t = a.body.get(p.range()).expect("paragraph inside body");
            assert!(!t.is_empty() && t.trim() == t, "{}: paragraph {t:?}", a.id);
        }
        assert!(a.paragraphs.windows(2).all(|w| w[0].end <= w[1].start));
    }
}

// ---------------------------------------------------------------- metadata

#[test]
fn front_matter_yaml_and_toml() {
    let c = load(&fixture("front_matter"));
    assert_well_formed(&c);
    let r = article(&c, "reuters.md");
    assert_eq!(r.title, "Kremlin: no plans yet for Putin-Trump meeting");
    assert_eq!(r.source, "Reuters");
    assert_eq!(r.date.as_deref(), Some("2024-12-23"));
    assert_eq!(
        r.url.as_deref(),
        Some("https://www.reuters.com/world/kremlin-no-plans")
    );
    assert_eq!(r.format, Format::Markdown);
    assert!(
        paras(r)[0].starts_with("The Kremlin said on Monday"),
        "front matter is not body: {:?}",
        paras(r)
    );
    assert!(!r.body.contains("outlet:") && !r.body.contains("---"));

    let t = article(&c, "tass.txt");
    assert_eq!(t.title, "Peskov comments on possible summit");
    // A source given as a URL becomes the url, and the host names the source.
    assert_eq!(t.source, "tass.com");
    assert_eq!(t.url.as_deref(), Some("https://tass.com/politics/1890000"));
    assert_eq!(t.date.as_deref(), Some("2024-12-23"));
    assert_eq!(
        paras(t),
        vec![
            "Peskov said the Kremlin was open to contacts.",
            "He gave no date for any meeting."
        ]
    );
}

#[test]
fn a_byline_and_date_line_under_the_headline_are_the_articles_author_outlet_and_date() {
    let dir = fixture("byline_and_date_lines");
    let c = load(&dir);
    assert_well_formed(&c);
    let g = article(&c, "harbour-gazette.txt");
    assert_eq!(g.source, "The Harbour Gazette");
    assert_eq!(g.author.as_deref(), Some("Tamsin Reyes"));
    assert_eq!(g.date.as_deref(), Some("Tuesday, March 3, 2026, 9:40 a.m."));
    assert_eq!(g.title, "Old Mill Bridge to close for six weeks of repairs");
    let v = article(&c, "valley-times.txt");
    assert_eq!(v.source, "Valley Times");
    assert_eq!(v.author.as_deref(), Some("Owen Lark and Mira Sato"));
    assert_eq!(v.date.as_deref(), Some("March 3, 2026"));
    // A role after the comma is no outlet: the source stays the file's, the role the author's.
    let m = article(&c, "river-notes.md");
    assert_eq!(m.source, "river-notes");
    assert_eq!(m.author.as_deref(), Some("Ellen Marsh, Staff Writer"));
    assert_eq!(m.date.as_deref(), Some("3 March 2026"));
    for a in [g, v, m] {
        let ps = paras(a);
        assert!(
            ps.iter().all(|p| !p.starts_with("By ") || p.ends_with('.')),
            "{}: {ps:?}",
            a.file
        );
        assert!(ps.iter().all(|p| !p.contains("2026")), "{}: {ps:?}", a.file);
        // The headline and the story stay; "By the end of April, …" is prose.
        assert!(ps.len() >= 3, "{}: {ps:?}", a.file);
    }
    assert!(
        paras(m)
            .iter()
            .any(|p| p.starts_with("By the end of April"))
    );
    // The date lines are not passages, so no two of them are linked as one claim.
    let out = crate::common::cli_json(["align".as_ref(), dir.as_os_str(), "--json".as_ref()]);
    let text = |side: &serde_json::Value| {
        let (a, p) = (side["article"].as_u64(), side["passage"].as_u64());
        out["articles"][a.unwrap_or(0) as usize]["passages"][p.unwrap_or(0) as usize]["text"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let links = out["links"].as_array().cloned().unwrap_or_default();
    assert!(!links.is_empty(), "the closure is reported by all three");
    for l in &links {
        let (a, b) = (text(&l["a"]), text(&l["b"]));
        assert!(!a.contains("2026") && !b.contains("2026"), "{a} ~ {b}");
    }
}

#[test]
fn header_lines_and_fallback_titles() {
    let c = load(&fixture("header_lines"));
    assert_well_formed(&c);
    let k = article(&c, "kyiv.txt");
    assert_eq!(k.title, "Kyiv wary of summit talk");
    assert_eq!(k.source, "Kyiv Independent");
    assert_eq!(k.date.as_deref(), Some("23 December 2024"));
    assert_eq!(
        k.url.as_deref(),
        Some("https://kyivindependent.com/kyiv-wary")
    );
    assert_eq!(paras(k).len(), 2);
    assert!(paras(k)[0].starts_with("Ukrainian officials"));

    // No metadata: source = file stem, title = the headline line, which stays in the body.
    let p = article(&c, "plain.txt");
    assert_eq!(p.source, "plain");
    assert_eq!(p.title, "Summit talk grows as fighting intensifies");
    assert_eq!(paras(p)[0], "Summit talk grows as fighting intensifies");
    assert_eq!(paras(p).len(), 3);

    // No headline: the first sentence, shortened at a word boundary.
    let n = article(&c, "no_headline.txt");
    assert!(n.title.ends_with('…'), "{}", n.title);
    assert!(n.title.chars().count() <= 91, "{}", n.title);
    let stem = n.title.trim_end_matches('…');
    assert!(paras(n)[0].starts_with(stem));
    let next = paras(n)[0][stem.len()..].chars().next();
    assert!(
        next.is_some_and(char::is_whitespace),
        "cut at a word boundary"
    );
}

#[test]
fn machine_named_files_are_shown_by_the_first_words_of_their_title() {
    let c = load(&fixture("machine_named_files"));
    assert_well_formed(&c);
    // No name in the file and a name made by a machine: the first words of the title.
    let a = article(&c, "5f3a9c0e12b4d7a1.txt");
    assert_eq!(
        a.title,
        "Harbour bridge to close for repairs over the winter months"
    );
    assert_eq!(a.source, "Harbour bridge to close for…");
    assert!(a.source.chars().count() <= 33, "{}", a.source);
    assert_eq!(
        a.file, "5f3a9c0e12b4d7a1.txt",
        "the file name is kept for tooltips"
    );
    // The picker does not repeat the title after its own first words.
    assert_eq!(
        a.display_name(),
        "Harbour bridge to close for repairs over the winter months"
    );
    // A name in the file still wins; a readable file name is still the name.
    assert_eq!(article(&c, "0042_7e91c3aa.txt").source, "Harbour Times");
    assert_eq!(
        article(&c, "0042_7e91c3aa.txt").display_name(),
        "Harbour Times — Bridge closure announced"
    );
    assert_eq!(article(&c, "coastal_gazette.txt").source, "coastal_gazette");
}

#[test]
fn parallax_toml_names_sources() {
    let c = load(&fixture("parallax_toml"));
    assert_well_formed(&c);
    assert_eq!(article(&c, "a.txt").source, "Reuters");
    let b = article(&c, "b.txt");
    // The folder settings win over the file's own header.
    assert_eq!(b.source, "Associated Press");
    assert_eq!(b.title, "AP: Kremlin cool on talks");
    assert_eq!(b.date.as_deref(), Some("2024-12-23"));
    assert_eq!(b.url.as_deref(), Some("https://apnews.com/kremlin"));
    assert_eq!(paras(b), vec!["Peskov spoke on Monday."]);
    assert_eq!(article(&c, "bbc/one.txt").source, "BBC");
    assert_eq!(article(&c, "web.html").source, "The Web Desk");
    assert_eq!(article(&c, "c.txt").source, "c");
    // The toml itself is not an article; a key naming no file is pointed out.
    assert!(!ids(&c).contains(&"parallax.toml"));
    let w = warning(&c, "parallax.toml");
    assert!(w.reason.contains("missing.txt") && !w.skipped, "{w:?}");
}

#[test]
fn malformed_parallax_toml_is_a_warning() {
    let c = load(&fixture("parallax_toml_malformed"));
    assert_eq!(ids(&c), vec!["a.txt"]);
    assert_eq!(article(&c, "a.txt").source, "a");
    let w = warning(&c, "parallax.toml");
    assert!(!w.skipped);
    assert!(w.reason.contains("line 3"), "{}", w.reason);
    assert!(w.reason.contains("ignored"), "{}", w.reason);
}

// ---------------------------------------------------------------- formats

#[test]
fn markdown_syntax_is_stripped_and_spans_map_to_the_file() {
    let dir = fixture("markdown");
    let c = load(&dir);
    let a = article(&c, "story.md");
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title, "Kremlin cool on summit talk");
    assert_eq!(
        paras(a),
        vec![
            "Kremlin cool on summit talk",
            "The Kremlin said on Monday there were no plans for a meeting between the two leaders, even as talk of a peace deal grew louder.",
            "Why it matters",
            "Trump has promised to end the war quickly.",
            "Kyiv fears pressure to cede territory & people.",
            "\"We do not comment on private calls,\" a spokesman said.",
            "Who · Said",
            "Peskov · no plans",
        ]
    );
    for junk in ["not_prose", "photo", "caption", "**", "](", "```", "#"] {
        assert!(!a.body.contains(junk), "{junk:?} left in body");
    }
    // Words of the body sit at the mapped place in the file.
    let file = std::fs::read_to_string(dir.join("story.md")).expect("read");
    for word in [
        "Monday",
        "meeting",
        "peace",
        "matters",
        "spokesman",
        "Peskov",
    ] {
        let start = a.body.find(word).expect("word in body");
        let span = Span::new(start, start + word.len());
        let fs = a.file_span(span).expect("markdown has a map");
        assert_eq!(&file[fs.range()], word, "{word}");
    }
}

#[test]
fn html_readable_text_without_scripts_or_chrome() {
    let c = load(&fixture("html"));
    let a = article(&c, "page.html");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Kremlin cool on summit talk");
    assert_eq!(a.source, "Example Daily");
    assert_eq!(a.date.as_deref(), Some("2024-12-23"));
    assert_eq!(a.url.as_deref(), Some("https://daily.example/kremlin-cool"));
    let p = paras(a);
    assert_eq!(p[0], "Kremlin cool on summit talk", "{p:#?}");
    assert!(p.contains(
        &"The Kremlin said on Monday there were “no plans” for a meeting — despite Trump’s remarks & growing talk of a deal."
    ), "{p:#?}");
    assert!(p.contains(&"Peskov told TASS that so far there had been no real impulses."));
    assert!(p.contains(&"Fighting has ratcheted up in recent weeks"));
    assert!(p.contains(&"Kyiv has hit back at energy targets."));
    assert!(p.contains(&"Drones and missiles hit the east."));
    assert!(p.contains(&"Unclosed bold runs into the next paragraph."));
    assert!(p.contains(&"Trailing junk <not a tag> &unknownentity; stays as text."));
    for junk in [
        "SCRIPT", "STYLE", "NOSCRIPT", "ALT", "CAPTION", "ASIDE", "FOOTER", "COMMENT", "Politics",
        "<p>", "&amp;", "&ldquo;",
    ] {
        assert!(!a.body.contains(junk), "{junk:?} left in body");
    }
    assert_eq!(a.file_offset(0), None, "html keeps no offsets");
}

#[test]
fn nested_folders_load_recursively_in_sorted_order() {
    let c = load(&fixture("nested"));
    assert_eq!(
        ids(&c),
        vec![
            "top.txt",
            "world/asia/beijing.txt",
            "world/europe/berlin.txt",
            "world/z.txt"
        ]
    );
    assert_eq!(article(&c, "world/asia/beijing.txt").source, "beijing");
    assert_eq!(
        article(&c, "world/asia/beijing.txt").file,
        "world/asia/beijing.txt"
    );
}

// ---------------------------------------------------------------- encodings

#[test]
fn latin1_and_windows_1252_are_decoded_with_a_note() {
    let d = tempdir();
    // "Café de la Paix: the Kremlin's «no» was firm." in ISO-8859-1.
    let mut latin1 =
        b"Caf\xe9 talks: the Kremlin's \xabno\xbb was firm, said the r\xe9sum\xe9.\n".to_vec();
    latin1.extend_from_slice(b"M\xfcller and G\xf6tz agreed.\n");
    write(d.path(), "latin1.txt", &latin1);
    // Curly quotes, dash and euro sign are windows-1252 only.
    write(
        d.path(),
        "cp1252.txt",
        b"Peskov called it \x93pure fiction\x94 \x96 a \x80100 claim.\n",
    );
    let c = load(d.path());
    let l = article(&c, "latin1.txt");
    assert_eq!(
        paras(l),
        vec![
            "Café talks: the Kremlin's «no» was firm, said the résumé.",
            "Müller and Götz agreed."
        ]
    );
    let w = warning(&c, "latin1.txt");
    assert!(!w.skipped);
    assert!(w.reason.contains("decoded as windows-1252"), "{}", w.reason);
    let p = article(&c, "cp1252.txt");
    assert_eq!(
        paras(p),
        vec!["Peskov called it “pure fiction” – a €100 claim."]
    );
    assert!(warning(&c, "cp1252.txt").reason.contains("windows-1252"));
}

#[test]
fn utf16_and_utf8_boms_decode() {
    let d = tempdir();
    let text = "Headline with ünïcödé\r\nBody sentence — with “quotes”.\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut u8bom = vec![0xEF, 0xBB, 0xBF];
    u8bom.extend(text.as_bytes());
    write(d.path(), "le.txt", &le);
    write(d.path(), "be.txt", &be);
    write(d.path(), "bom8.txt", &u8bom);
    let c = load(d.path());
    for id in ["le.txt", "be.txt", "bom8.txt"] {
        let a = article(&c, id);
        assert_eq!(
            paras(a),
            vec!["Headline with ünïcödé", "Body sentence — with “quotes”."],
            "{id}"
        );
        assert_eq!(a.title, "Headline with ünïcödé");
        assert!(!a.body.contains('\u{FEFF}') && !a.body.contains('\r'));
    }
    // A byte order mark is not a guess: no warning.
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // UTF-8 with BOM and CRLF: spans still map to file bytes.
    let a = article(&c, "bom8.txt");
    let start = a.body.find("Body").expect("body");
    let fs = a.file_span(Span::new(start, start + 4)).expect("map");
    assert_eq!(&u8bom[fs.range()], b"Body");
}

#[test]
fn crlf_and_lone_cr_make_the_right_paragraphs() {
    let d = tempdir();
    let crlf = b"First headline\r\nOne paragraph here.\r\n\r\nAnother paragraph.\r\n";
    write(d.path(), "crlf.txt", crlf);
    write(
        d.path(),
        "cr.txt",
        b"Old Mac headline\rOne paragraph.\rTwo paragraph.\r",
    );
    let c = load(d.path());
    let a = article(&c, "crlf.txt");
    assert_eq!(
        paras(a),
        vec![
            "First headline",
            "One paragraph here.",
            "Another paragraph."
        ]
    );
    for p in &a.paragraphs {
        let fs = a.file_span(*p).expect("map");
        assert_eq!(&crlf[fs.range()], a.text(*p).as_bytes());
    }
    assert_eq!(
        paras(article(&c, "cr.txt")),
        vec!["Old Mac headline", "One paragraph.", "Two paragraph."]
    );
}

// ---------------------------------------------------------------- hostile input

#[test]
fn binary_latin1_empty_and_good_files() {
    let d = tempdir();
    write(
        d.path(),
        "binary.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\x03\0>\0garbage",
    );
    write(
        d.path(),
        "latin1.txt",
        b"Le Kremlin a d\xe9clar\xe9 lundi qu'il n'y avait pas de projet.\n",
    );
    write(d.path(), "empty.txt", b"");
    write(d.path(), "blank.md", b"  \n\t\n   \r\n");
    write(
        d.path(),
        "good.txt",
        b"Kremlin cool on talks\nPeskov said no plans exist.\n",
    );
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["good.txt", "latin1.txt"]);
    assert_eq!(
        paras(article(&c, "latin1.txt")),
        vec!["Le Kremlin a déclaré lundi qu'il n'y avait pas de projet."]
    );
    let b = warning(&c, "binary.txt");
    assert!(b.skipped && b.reason.contains("binary"), "{b:?}");
    let e = warning(&c, "empty.txt");
    assert!(e.skipped && e.reason.contains("empty"), "{e:?}");
    let w = warning(&c, "blank.md");
    assert!(w.skipped && w.reason.contains("whitespace"), "{w:?}");
    assert!(!warning(&c, "latin1.txt").skipped);
    assert!(c.warnings.iter().all(|w| w.file != "good.txt"));
}

#[test]
fn files_over_the_cap_are_skipped_without_reading() {
    let d = tempdir();
    // 21 MB of ordinary text, in lines.
    let line = "The Kremlin said there were no plans for a meeting between the leaders.\n";
    let big = line.repeat(21 * 1024 * 1024 / line.len() + 1);
    write(d.path(), "big.txt", big.as_bytes());
    // 50 MB on a single line.
    let single = "word ".repeat(10 * 1024 * 1024);
    write(d.path(), "single_line.txt", single.as_bytes());
    write(d.path(), "ok.txt", b"Small article\nIt loads.\n");
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["ok.txt"]);
    for (file, mb) in [("big.txt", "21.0 MB"), ("single_line.txt", "50.0 MB")] {
        let w = warning(&c, file);
        assert!(w.skipped, "{w:?}");
        assert!(
            w.reason.contains(mb) && w.reason.contains("20 MB limit"),
            "{w:?}"
        );
    }
}

#[test]
fn a_large_article_under_the_cap_loads() {
    let d = tempdir();
    let line = "Peskov said the talks had not started. ";
    let mut text = String::from("Long article\n");
    for _ in 0..2000 {
        text.push_str(&line.repeat(20));
        text.push('\n');
    }
    write(d.path(), "long.txt", text.as_bytes());
    let c = load(d.path());
    assert_eq!(article(&c, "long.txt").paragraphs.len(), 2001);
}

#[test]
fn ten_thousand_tiny_files_all_load() {
    let d = tempdir();
    for i in 0..10_000 {
        let name = format!("batch{}/f{i:05}.txt", i % 10);
        write(
            d.path(),
            &name,
            format!("Story {i}\nReport number {i} said little.\n").as_bytes(),
        );
    }
    let progress = Progress::new();
    let c = corpus::load_dir(d.path(), &progress).expect("loads");
    assert_eq!(c.articles.len(), 10_000);
    assert!(c.warnings.is_empty());
    assert_well_formed(&c);
    assert_eq!(c.articles[0].id, "batch0/f00000.txt");
    assert_eq!(c.articles[0].title, "Story 0");
    let (stage, done, total) = progress.snapshot();
    assert_eq!((stage.as_str(), done, total), ("Loading", 10_000, 10_000));
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_dangling_symlink_are_warnings() {
    use std::os::unix::fs::symlink;
    let d = tempdir();
    write(
        d.path(),
        "sub/a.txt",
        b"Loop folder article\nIt loads once.\n",
    );
    symlink(d.path(), d.path().join("sub/back")).expect("symlink");
    symlink(d.path().join("sub"), d.path().join("sub/self")).expect("symlink");
    symlink(d.path().join("nowhere.txt"), d.path().join("dangling.txt")).expect("symlink");
    // A link to a good file is the same article: loaded once.
    symlink(d.path().join("sub/a.txt"), d.path().join("alias.txt")).expect("symlink");
    let c = load(d.path());
    assert_eq!(c.articles.len(), 1, "{:?}", ids(&c));
    let loops: Vec<&Warning> = c
        .warnings
        .iter()
        .filter(|w| w.reason.contains("symlink loop"))
        .collect();
    assert_eq!(loops.len(), 2, "{:?}", c.warnings);
    assert!(loops.iter().all(|w| w.skipped));
    let dangling = warning(&c, "dangling.txt");
    assert!(dangling.reason.contains("broken symlink"), "{dangling:?}");
    let dup = c
        .warnings
        .iter()
        .find(|w| w.reason.contains("same file"))
        .expect("duplicate noted");
    assert!(dup.skipped);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name_loads_with_lossy_id() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tempdir();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(d.path().join(name), b"Cafe report\nThe cafe opened.\n").expect("write");
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["caf\u{FFFD}.txt"]);
    let w = warning(&c, "caf\u{FFFD}.txt");
    assert!(!w.skipped && w.reason.contains("UTF-8"), "{w:?}");
}

#[cfg(unix)]
#[test]
fn fifo_and_folder_named_like_articles_do_not_hang_or_fail() {
    let d = tempdir();
    write(d.path(), "good.txt", b"Good one\nFine.\n");
    std::fs::create_dir(d.path().join("folder.txt")).expect("mkdir");
    let fifo = d.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["good.txt"]);
    if made.is_ok_and(|s| s.success()) {
        let w = warning(&c, "pipe.txt");
        assert!(
            w.skipped && w.reason.contains("not a regular file"),
            "{w:?}"
        );
    }
}

#[test]
fn unsupported_documents_get_a_note_other_files_are_ignored() {
    let d = tempdir();
    write(d.path(), "story.txt", b"Story\nText.\n");
    write(d.path(), "letter.odt", b"PK\x03\x04 ...");
    write(d.path(), "image.png", b"\x89PNG\r\n\x1a\n");
    write(d.path(), ".hidden.txt", b"Hidden\nNot loaded.\n");
    write(d.path(), ".git/HEAD.txt", b"ref\n");
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["story.txt"]);
    let w = warning(&c, "letter.odt");
    assert!(w.skipped && w.reason.contains("unsupported format (.odt)"));
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
}

#[cfg(unix)]
#[test]
fn the_loader_writes_nothing() {
    use std::os::unix::fs::MetadataExt;
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, i64, i64, u32)> {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let m = std::fs::symlink_metadata(&d).expect("meta");
            out.insert(d.clone(), (m.len(), m.mtime(), m.mtime_nsec(), m.mode()));
            if m.is_dir() {
                for e in std::fs::read_dir(&d).expect("read_dir") {
                    stack.push(e.expect("entry").path());
                }
            }
        }
        out
    }
    let d = tempdir();
    write(d.path(), "a.txt", b"A\nText.\n");
    write(d.path(), "bin.txt", b"\0\0\0");
    write(d.path(), "w.txt", b"Caf\xe9.\n");
    write(d.path(), "x/b.md", b"# B\n\nText.\n");
    write(d.path(), "parallax.toml", b"[sources]\n\"a.txt\" = \"A\"\n");
    let before = snapshot(d.path());
    let c = load(d.path());
    assert_eq!(c.articles.len(), 3);
    assert_eq!(snapshot(d.path()), before);
}

#[test]
fn html_edge_cases_from_strings() {
    let d = tempdir();
    write(
        d.path(),
        "only_script.html",
        b"<html><script>var a='<p>x</p>'</script></html>",
    );
    write(
        d.path(),
        "broken.htm",
        b"<p>Unclosed <div><b>tags <i>everywhere</p></b> &amp&lt;3 <<<>>> </table></html><p>Second",
    );
    let deep = format!(
        "{}Deep text{}",
        "<div>".repeat(30_000),
        "</div>".repeat(30_000)
    );
    write(d.path(), "deep.html", deep.as_bytes());
    let c = load(d.path());
    assert_eq!(ids(&c), vec!["broken.htm", "deep.html"]);
    let b = article(&c, "broken.htm");
    assert!(
        b.body.contains("everywhere") && b.body.contains("&<3"),
        "{:?}",
        b.body
    );
    assert!(paras(b).contains(&"Second"));
    assert_eq!(paras(article(&c, "deep.html")), vec!["Deep text"]);
    let w = warning(&c, "only_script.html");
    assert!(w.skipped && w.reason.contains("no readable text"));
}

// ---------------------------------------------------------------- errors and API

#[test]
fn missing_file_and_empty_folders_are_clear_errors() {
    let p = Progress::new();
    let missing = Path::new("/definitely/not/here");
    assert!(matches!(
        corpus::load_dir(missing, &p),
        Err(LoadError::NotFound(_))
    ));
    let d = tempdir();
    write(d.path(), "a.txt", b"A\nB.\n");
    assert!(matches!(
        corpus::load_dir(&d.path().join("a.txt"), &p),
        Err(LoadError::NotADirectory(_))
    ));
    let empty = tempdir();
    write(empty.path(), "notes.csv", b"a,b\n");
    let e = corpus::load_dir(empty.path(), &p).expect_err("nothing to load");
    assert!(matches!(e, LoadError::NoArticles(_)), "{e}");
    let bad = tempdir();
    write(bad.path(), "x.txt", b"\0\0");
    let e = corpus::load_dir(bad.path(), &p).expect_err("nothing loadable");
    assert!(e.to_string().contains("x.txt: binary"), "{e}");
    assert!(matches!(
        corpus::load_paths(&[], &p),
        Err(LoadError::NoPaths)
    ));
}

#[test]
fn load_paths_takes_files_relative_to_their_common_parent() {
    let d = tempdir();
    write(d.path(), "a/one.txt", b"One\nFirst.\n");
    write(d.path(), "b/two.md", b"# Two\n\nSecond.\n");
    write(
        d.path(),
        "b/notes",
        b"Notes\nPlain text without an extension.\n",
    );
    write(d.path(), "folder/three.txt", b"Three\nThird.\n");
    let p = Progress::new();
    let paths = vec![
        d.path().join("b/two.md"),
        d.path().join("a/one.txt"),
        d.path().join("b/notes"),
        d.path().join("folder"),
        d.path().join("gone.txt"),
    ];
    let c = corpus::load_paths(&paths, &p).expect("loads");
    assert_eq!(
        ids(&c),
        vec!["a/one.txt", "b/notes", "b/two.md", "folder/three.txt"]
    );
    assert!(warning(&c, &d.path().join("gone.txt").to_string_lossy()).skipped);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.path().join("nowhere"), d.path().join("a/link.txt"))
            .expect("symlink");
        let paths = [d.path().join("a/one.txt"), d.path().join("a/link.txt")];
        let c = corpus::load_paths(&paths, &p).expect("loads");
        assert_eq!(ids(&c), vec!["one.txt"]);
        assert!(warning(&c, "link.txt").reason.contains("broken symlink"));
    }
    // A single folder is load_dir.
    let single = corpus::load_paths(&[d.path().join("folder")], &p).expect("loads");
    assert_eq!(ids(&single), vec!["three.txt"]);
    let one_file = corpus::load_paths(&[d.path().join("a/one.txt")], &p).expect("loads");
    assert_eq!(ids(&one_file), vec!["one.txt"]);
}

#[test]
fn cancel_stops_loading() {
    let d = tempdir();
    write(d.path(), "a.txt", b"A\nB.\n");
    let p = Progress::new();
    p.cancel();
    assert!(matches!(
        corpus::load_dir(d.path(), &p),
        Err(LoadError::Cancelled)
    ));
}

#[test]
fn seeds_are_embedded_and_equal_the_folder() {
    let embedded = corpus::seeds();
    let folder = load(&crate::common::repo_root().join("seeds"));
    assert_eq!(embedded.root, None);
    assert_eq!(embedded.articles, folder.articles);
    assert!(folder.warnings.is_empty());
    assert_eq!(embedded.articles.len(), 5);
    assert_well_formed(&embedded);
    // A deterministic load: twice gives the same corpus.
    let again = load(&crate::common::repo_root().join("seeds"));
    assert_eq!(folder, again);
}

// ---------------------------------------------------------------- CLI

use crate::common::run_cli as parallax;

/// A panic inside a file reader is contained: the file is skipped with one warning naming it,
/// and stderr shows no "thread … panicked at" trace that reads as a crash.
#[test]
fn a_contained_reader_panic_prints_only_its_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let panicking = std::fs::read(crate::common::repo_root().join(
        "tests/fixtures/fuzz/loaders/pdf_font_with_unknown_encoding_name_panics_in_pdf_extract",
    ))
    .expect("fixture");
    write(dir.path(), "unknown_font_encoding.pdf", &panicking[1..]);
    write(dir.path(), "ok.txt", b"A story that loads.");
    let out = crate::common::run_cli([std::ffi::OsStr::new("inspect"), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("warning: unknown_font_encoding.pdf:")
                && l.contains("damaged or unreadable PDF")),
        "{stderr}"
    );
}

#[test]
fn inspect_lists_the_seeds() {
    let out = parallax(["inspect"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = stdout.lines().filter(|l| l.contains(".txt")).collect();
    assert_eq!(rows.len(), 5, "{stdout}");
    assert!(stdout.contains("Putin-Trump meeting in the works amid conflict talks"));
    assert!(stdout.contains("5 articles"));
    assert!(out.stderr.is_empty());

    let json = parallax(["inspect", "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    for a in articles {
        let title = a["title"].as_str().expect("title");
        assert!(!title.is_empty() && title.chars().count() <= 91, "{title}");
        assert!(a["sentences"].as_u64().expect("count") >= a["paragraphs"].as_u64().expect("n"));
    }
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn inspect_reports_skipped_files_on_stderr() {
    let d = tempdir();
    write(d.path(), "binary.txt", b"\0\x01\x02\x03binary");
    write(d.path(), "latin1.txt", b"R\xe9sum\xe9 of the talks.\n");
    write(d.path(), "empty.txt", b"");
    write(
        d.path(),
        "good.txt",
        b"Kremlin cool on talks\nPeskov said no.\n",
    );
    let dir = d.path().to_string_lossy().into_owned();
    let out = parallax(["inspect", &dir]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("good.txt") && stdout.contains("latin1.txt"),
        "{stdout}"
    );
    assert!(stdout.contains("Kremlin cool on talks"));
    assert!(!stdout.contains("binary.txt") && !stdout.contains("empty.txt"));
    for (file, reason) in [
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("latin1.txt", "decoded as windows-1252"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(reason)),
            "{file}: {stderr}"
        );
    }
    let json = parallax(["inspect", &dir, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["warnings"].as_array().map(Vec::len), Some(3));
    assert!(json.stderr.is_empty());
}

#[test]
fn inspect_exit_codes() {
    let missing = parallax(["inspect", "/definitely/not/here"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("not found") && err.contains("/definitely/not/here"),
        "{err}"
    );
    assert!(missing.stdout.is_empty());

    let d = tempdir();
    write(d.path(), "x.txt", b"\0\0\0");
    let nothing = parallax(["inspect", &d.path().to_string_lossy()]);
    assert_eq!(nothing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&nothing.stderr);
    assert!(err.contains("x.txt") && err.contains("binary"), "{err}");

    let usage = parallax(["inspect", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(!usage.stderr.is_empty());
}

// ---------------------------------------------------------------- never panic

mod never_panic {
    use super::*;
    use parallax::corpus::{FolderConfig, metadata};
    use proptest::prelude::*;

    const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    fn check(bytes: Vec<u8>, format: Format) -> Result<(), TestCaseError> {
        let len = bytes.len();
        let original = bytes.clone();
        let Ok((a, _)) =
            corpus::parse_document("case.txt", bytes, format, &FolderConfig::default())
        else {
            return Ok(());
        };
        prop_assert!(!a.paragraphs.is_empty());
        prop_assert!(!a.title.is_empty());
        for p in &a.paragraphs {
            let t = a.body.get(p.range());
            prop_assert!(t.is_some_and(|t| !t.is_empty() && t.trim() == t), "{p:?}");
            if format != Format::Html && a.origin.is_exact() {
                let fs = a.file_span(*p);
                prop_assert!(
                    fs.is_some_and(|s| s.start <= s.end && s.end <= len),
                    "{fs:?}"
                );
                if format == Format::Text
                    && let Some(fs) = fs
                {
                    // Plain text maps byte for byte (wrapped line breaks became spaces).
                    let file = String::from_utf8_lossy(&original[fs.range()])
                        .replace("\r\n", "\n")
                        .replace(['\r', '\n'], " ");
                    prop_assert_eq!(file.as_str(), a.text(*p).replace('\n', " "));
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300), f in 0..3usize) {
            check(bytes, FORMATS[f])?;
        }

        #[test]
        fn markup_like_text(
            s in "[-a-zA-Z0-9 #*>_`\\[\\]()!<>/&;:.\"'=|+~\r\n\t\u{e9}\u{2014}\u{201c}\u{feff}]{0,300}",
            f in 0..3usize,
        ) {
            check(s.into_bytes(), FORMATS[f])?;
        }

        #[test]
        fn headers_and_settings(s in "(---|\\+\\+\\+|Title: |Source: |\\[sources\\]|\"a\" = |[a-z:= \"\n\\[\\]*/.]){0,40}") {
            let (_, start) = metadata::read_header(&s);
            prop_assert!(start <= s.len() && s.is_char_boundary(start));
            let _ = FolderConfig::parse(&s);
        }
    }
}

#[test]
fn any_script_and_duplicates_load() {
    let d = tempdir();
    let arabic = "الكرملين يقول إنه لا توجد خطط لعقد لقاء بين بوتين وترامب في الوقت الحالي رغم الحديث المتزايد عن اتفاق سلام.\nقال المتحدث باسم الكرملين إنه لا توجد اتصالات.\n";
    write(d.path(), "arabic.txt", arabic.as_bytes());
    let emoji = "Leaders meet 👩🏽‍💼🤝👨🏻‍💼 in Genève\nThe café said the meeting went well 🎉.\n";
    write(d.path(), "emoji.txt", emoji.as_bytes());
    write(d.path(), "copy1.txt", b"Same story\nIdentical text.\n");
    write(d.path(), "copy2.txt", b"Same story\nIdentical text.\n");
    let c = load(d.path());
    // Byte-identical copies load once (issue 14, item 11).
    assert_eq!(ids(&c), vec!["arabic.txt", "copy1.txt", "emoji.txt"]);
    let a = article(&c, "arabic.txt");
    assert_eq!(paras(a).len(), 2);
    assert!(a.title.ends_with('…') && paras(a)[0].starts_with(a.title.trim_end_matches('…')));
    assert_eq!(
        article(&c, "emoji.txt").title,
        "Leaders meet 👩🏽‍💼🤝👨🏻‍💼 in Genève"
    );
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let w = &c.warnings[0];
    assert_eq!(w.file, "copy2.txt");
    assert!(
        w.skipped && w.reason.contains("identical to copy1.txt"),
        "{w:?}"
    );
}

// ---------------------------------------------------------------- saved pages, .mhtml, .docx (issue 15)

#[test]
fn saved_pages_from_three_outlets_show_outlet_names_and_clean_text() {
    let c = load(&fixture("saved_pages_three_outlets"));
    assert_well_formed(&c);
    // `harbour-gazette_files/` (a "Save page as… complete" folder, with an HTML ad frame in
    // it) is neither loaded nor reported.
    assert_eq!(
        ids(&c),
        vec![
            "coastline-courier.html",
            "harbour-gazette.html",
            "port-ledger.mhtml"
        ]
    );
    assert!(c.warnings.is_empty(), "{:#?}", c.warnings);

    let g = article(&c, "harbour-gazette.html");
    assert_eq!(g.source, "The Harbour Gazette", "og:site_name");
    assert_eq!(g.title, "Dock workers walk out over night shifts");
    assert_eq!(g.author.as_deref(), Some("Ellen Marsh"));
    assert_eq!(g.language.as_deref(), Some("en-GB"));
    assert_eq!(g.date.as_deref(), Some("2026-11-30"));
    assert_eq!(
        g.url.as_deref(),
        Some("https://harbourgazette.example/news/dock-strike")
    );
    let p = paras(g);
    assert_eq!(p[0], "Dock workers walk out over night shifts", "{p:#?}");
    assert_eq!(
        p.last(),
        Some(&"The last strike at the port, in 2019, lasted nine days.")
    );
    assert_eq!(p.len(), 6, "headline + five story paragraphs: {p:#?}");

    let k = article(&c, "coastline-courier.html");
    assert_eq!(k.source, "Coastline Courier", "JSON-LD publisher");
    assert_eq!(k.author.as_deref(), Some("Priya Nand, Sam Oduya"));
    assert_eq!(k.date.as_deref(), Some("2026-11-30"));
    assert_eq!(
        k.url.as_deref(),
        Some("https://coastlinecourier.example/business/port-strike")
    );
    assert_eq!(paras(k).len(), 5, "{:#?}", paras(k));

    let l = article(&c, "port-ledger.mhtml");
    assert_eq!(l.format, Format::Mhtml);
    assert_eq!(
        l.source, "portledger.example",
        "no site name: the saved page's domain"
    );
    assert_eq!(
        l.author.as_deref(),
        Some("José Álvarez"),
        "latin-1 quoted-printable"
    );
    assert_eq!(l.title, "Quay strike: night rota row halts cranes");
    let p = paras(l);
    assert!(p.contains(&"\"We found out about the rota from a notice on the canteen wall,\" said crane driver Mária Kovács, 52, who has worked at the quay for 23 years."), "{p:#?}");
    assert_eq!(p.len(), 5, "{p:#?}");

    for a in &c.articles {
        for junk in [
            "Sport",
            "cookies",
            "Most read",
            "Council tax",
            "Share",
            "Facebook",
            "newsletter",
            "Typical.",
            "Comments",
            "Photo:",
            "(C)",
            "©",
            "Copyright",
            "Advertisement",
            "Read more",
            "Related",
            "Lesen Sie auch",
            "Subscribe",
            "By Ellen",
            "By José",
            "Priya Nand and",
            "Front page",
            "Contact us",
            "Holidays",
        ] {
            assert!(
                !a.body.contains(junk),
                "{junk:?} left in {}:\n{}",
                a.id,
                a.body
            );
        }
    }
}

/// Six saved pages written for the test by someone who had not seen the reader, each a
/// different site style (a WordPress local paper, a broadcaster's live blog, a paywalled
/// business paper whose full text is only in its structured data, a magazine with a drop cap,
/// pull quote, captions and an author's end note, an explainer with a list, a table and a
/// table of contents, a German AMP page with advertisement labels). Every fragment of the
/// story is read and no fragment of the furniture (`six_site_styles.expect.json`).
#[test]
fn six_site_styles_give_their_story_and_leave_their_furniture() {
    assert_story_and_no_furniture("six_site_styles");
}

/// Six more pages by someone who had not seen the reader: a Next.js site with generated class
/// names and the story again in its `__NEXT_DATA__`, a newsletter post with subscribe and share
/// buttons and reader comments, a regional paper behind a cookie dialog with inline "Read
/// more" links and a gallery, a French page, a Q&A interview with one-word answers and a pull
/// quote, and a breaking story with an update line, an embedded tweet and a correction.
#[test]
fn six_more_site_styles_give_their_story_and_leave_their_buttons_and_pleas() {
    assert_story_and_no_furniture("six_more_site_styles");
}

/// Every `must_have` fragment of `<name>.expect.json` is in its page's body and no
/// `must_not_have` fragment is.
fn assert_story_and_no_furniture(name: &str) {
    let c = load(&fixture(name));
    assert_well_formed(&c);
    let expect: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("{name}.expect.json"))).expect("expectations"),
    )
    .expect("json");
    let norm = |s: &str| {
        s.replace(['\u{2019}', '\u{2018}'], "'")
            .replace(['\u{201C}', '\u{201D}', '\u{201E}'], "\"")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let pages = expect.as_object().expect("object");
    assert_eq!(c.articles.len(), pages.len());
    for (page, want) in pages {
        let body = norm(&article(&c, page).body);
        for key in ["must_have", "must_not_have"] {
            for f in want[key].as_array().expect("list") {
                let f = norm(f.as_str().expect("fragment"));
                assert_eq!(
                    body.contains(&f),
                    key == "must_have",
                    "{page}: {key} {f:?}\n{body}"
                );
            }
        }
    }
}

/// Furniture that content-management systems put *inside* the article's container, where a
/// readability extractor keeps it: a newsletter box, a pull quote, an author box, an
/// advertisement break, a "Trending now" list, a video caption, a byline run into its time
/// stamps, a contributor credit, footnote markers glued to a sentence, a subscription widget.
#[test]
fn furniture_inside_the_article_container_is_left_out_and_the_story_kept_whole() {
    let c = load(&fixture("cms_furniture_inside_the_article"));
    assert_well_formed(&c);
    assert!(c.warnings.is_empty(), "{:#?}", c.warnings);

    // A WordPress post: newsletter box, pull quote, share and like widgets, related posts,
    // author box, comments.
    let v = article(&c, "valley-voice.html");
    let p = paras(v);
    assert_eq!(
        p.first(),
        Some(&"St. Brendan\u{2019}s Hospital diverts ambulances after cyberattack")
    );
    assert_eq!(
        p.last(),
        Some(
            &"Outpatient appointments and elective surgeries scheduled for Wednesday have been postponed. Patients will be contacted directly to reschedule, the hospital said."
        ),
        "{p:#?}"
    );
    assert_eq!(p.len(), 7, "headline + six story paragraphs: {p:#?}");
    let quote = "Our doctors and nurses trained for exactly this";
    assert_eq!(
        v.body.matches(quote).count(),
        1,
        "the pull quote repeats the story's sentence: {p:#?}"
    );

    // A broadcaster's page: byline with time stamps, video caption, key points, ad break,
    // "RELATED:" link, trending list, share tools, app promotion.
    let w = article(&c, "wktv-news.html");
    let p = paras(w);
    assert!(
        p.contains(&"Wednesday's elective surgeries and outpatient visits are postponed."),
        "the outlet's own key points are its text: {p:#?}"
    );
    assert!(
        p.iter()
            .any(|x| x.starts_with("MERROW, Pa. (WKTV) - Hackers crippled")),
        "{p:#?}"
    );
    assert_eq!(
        p.last(),
        Some(
            &"The hospital said patients with appointments on Wednesday would be contacted. Anyone with questions can call the hospital's hotline at 570-555-0142."
        ),
        "{p:#?}"
    );

    // A newsletter platform's post: subscription widget, subscribe button, footnote marker.
    let b = article(&c, "brief.html");
    let p = paras(b);
    assert!(
        p.contains(&"St. Brendan's chief executive, Lorraine Petit, insists that no patient was harmed, and there is no reason to doubt her. But diverting ambulances 25 miles to Carver Memorial is not harmless in itself. For a heart attack or a stroke, half an hour matters."),
        "the footnote marker is not glued to the sentence: {p:#?}"
    );
    assert!(p.contains(&"The FBI has opened an investigation. St. Brendan's has not said whether it received a ransom demand."));

    for a in &c.articles {
        for junk in [
            "Morning Valley",
            "Sign me up",
            "It\u{2019}s free",
            "contributed to this story",
            "Dana Whitlock",
            "Share",
            "Like this",
            "Leave a Reply",
            "By Marcus Bell",
            "Updated: 4 hours ago",
            "WATCH:",
            "continues below",
            "Trending",
            "Deer crashes",
            "Breaking news alerts",
            "Download the",
            "Copyright",
            "Thanks for reading",
            "Subscribe",
            "Discussion about this post",
            "Likes",
        ] {
            assert!(
                !a.body.contains(junk),
                "{junk:?} left in {}:\n{}",
                a.id,
                a.body
            );
        }
    }
}

#[test]
fn a_fact_box_inside_the_story_is_its_text_a_sponsored_or_related_box_is_not() {
    let c = load(&fixture("factbox_inside_the_story"));
    assert_well_formed(&c);
    assert!(c.warnings.is_empty(), "{:#?}", c.warnings);

    // An `<aside class="factbox">` of key figures between the story's paragraphs, beside a
    // sponsored box and a related-stories list.
    let f = article(&c, "harbour-ferry.html");
    let p = paras(f);
    for figure in [
        "The ferry in figures",
        "186,400",
        "passengers carried between May and August",
        "crossing time, four minutes faster than the diesel boat",
        "cost of the vessel and the two charging berths",
    ] {
        assert!(f.body.contains(figure), "{figure:?} missing: {p:#?}");
    }
    assert_eq!(
        p.last(),
        Some(
            &"A second vessel is due to enter service next spring, which would allow a crossing every half hour during the summer months."
        ),
        "{p:#?}"
    );
    for junk in [
        "Sponsored",
        "cutting their energy bills",
        "your street qualifies",
        "Slipway repairs",
        "Marrow Holm school saved",
        "All rights reserved",
    ] {
        assert!(!f.body.contains(junk), "{junk:?} left in: {p:#?}");
    }

    // An unnamed `<aside>` shaped like a fact box (a heading over a list, no links) among the
    // story's paragraphs, beside a newsletter box.
    let b = article(&c, "bibliothek-eroeffnung.html");
    let p = paras(b);
    for figure in [
        "Die Bibliothek in Zahlen",
        "4.200 Quadratmeter Nutzfläche auf drei Etagen",
        "96.000 Bücher, Filme und Spiele zum Ausleihen",
    ] {
        assert!(p.contains(&figure), "{figure:?} missing: {p:#?}");
    }
    assert!(
        p.iter().any(|x| x.starts_with("Zur Eröffnung liest")),
        "{p:#?}"
    );
    for junk in ["Lindau am Morgen", "per E-Mail", "Jetzt anmelden"] {
        assert!(!b.body.contains(junk), "{junk:?} left in: {p:#?}");
    }
}

#[test]
fn a_subscription_teaser_in_the_middle_of_the_story_goes_the_story_after_it_stays() {
    let c = load(&fixture("paywall_teaser_mid_body_in_french"));
    assert_well_formed(&c);
    assert!(c.warnings.is_empty(), "{:#?}", c.warnings);

    // A paywall's box between two paragraphs: the meter, the offer, the button and the log-in
    // line go; the story on both sides of it stays, in order.
    let b = article(&c, "boulangerie-cooperative.html");
    let p = paras(b);
    for junk in [
        "Cet article vous est offert",
        "articles gratuits",
        "abonnez-vous",
        "Je m'abonne",
        "Déjà abonné",
        "Se connecter",
        "S'abonner",
        "Tous droits réservés",
    ] {
        assert!(!b.body.contains(junk), "{junk:?} left in: {p:#?}");
    }
    let before = p
        .iter()
        .position(|x| x.starts_with("Chacun a versé au moins cinquante euros."));
    let after = p
        .iter()
        .position(|x| x.starts_with("Un jeune boulanger de Rennes, Yannick Le Goff"));
    assert!(
        before.is_some() && after.is_some() && before < after,
        "{p:#?}"
    );
    assert_eq!(
        p.last(),
        Some(
            &"La réouverture est prévue le samedi 5 avril, avec une fournée de pain offerte aux sociétaires."
        ),
        "{p:#?}"
    );

    // A short story about a bus pass ("abonnement", "abonnés"), with a link on the word, is
    // the story, not a teaser.
    let a = article(&c, "abonnement-bus.html");
    let p = paras(a);
    assert!(
        p.iter()
            .any(|x| x.starts_with("L'abonnement mensuel au réseau de bus")),
        "{p:#?}"
    );
    assert!(
        p.iter()
            .any(|x| x.starts_with("Les abonnés de moins de vingt-six ans")
                && x.ends_with("aux foyers non imposables.")),
        "{p:#?}"
    );
}

#[test]
fn docx_paragraphs_headings_and_core_metadata() {
    let c = match corpus::load_dir(&fixture("docx"), &Progress::new()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert_well_formed(&c);
    assert_eq!(
        ids(&c),
        vec!["headings_runs_tracked_changes_and_a_table.docx"]
    );
    let a = article(&c, "headings_runs_tracked_changes_and_a_table.docx");
    assert_eq!(a.format, Format::Docx);
    assert_eq!(
        a.title, "Port authority statement on the east quay",
        "dc:title"
    );
    assert_eq!(a.author.as_deref(), Some("Port Authority Press Office"));
    assert_eq!(a.language.as_deref(), Some("en-GB"));
    // Runs join inside words, the deletion of a tracked change is left out and the insertion
    // kept, a field code (PAGE) is not text, tabs are spaces, table cells are paragraphs.
    assert_eq!(
        paras(a),
        vec![
            "Statement on the east quay",
            "Night rota",
            "The authority regrets the stoppage at the east quay & the delay to eleven ships.",
            "Crews were offered an 18 per cent night allowance.",
            "Talks resume on Wednesday.",
            "Ships waiting",
            "11",
            "Contact: press office, “quay desk”.",
        ]
    );
    let reason = |f: &str| warning(&c, f).reason.clone();
    assert!(reason("password_protected.docx").contains("password-protected"));
    assert!(reason("zip_bomb_document_xml.docx").contains("zip bomb"));
    assert!(reason("only_an_image.docx").contains("no text"));
    assert!(c.warnings.iter().all(|w| w.skipped));
}

#[test]
fn truncated_or_fake_docx_and_mhtml_are_skipped_with_a_reason() {
    let dir = tempdir();
    let good =
        std::fs::read(fixture("docx").join("headings_runs_tracked_changes_and_a_table.docx"))
            .expect("fixture");
    write(dir.path(), "cut_in_half.docx", &good[..good.len() / 2]);
    write(
        dir.path(),
        "text_renamed.docx",
        b"Just some text, not a zip.",
    );
    let mhtml = std::fs::read(fixture("saved_pages_three_outlets").join("port-ledger.mhtml"))
        .expect("fixture");
    // Cut inside the HTML part: what is there still loads.
    write(dir.path(), "cut_short.mhtml", &mhtml[..mhtml.len() * 2 / 3]);
    write(
        dir.path(),
        "images_only.mht",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n",
    );
    write(
        dir.path(),
        "plain_text.mhtml",
        b"Dear editor, this is a letter.",
    );
    write(dir.path(), "ok.txt", b"A story that loads.");
    let c = load(dir.path());
    assert_well_formed(&c);
    assert_eq!(ids(&c), vec!["cut_short.mhtml", "ok.txt"]);
    assert!(
        paras(article(&c, "cut_short.mhtml"))
            .iter()
            .any(|p| p.starts_with("Cranes at the east quay"))
    );
    for (file, why) in [
        ("cut_in_half.docx", "not a valid Word document"),
        ("text_renamed.docx", "not a valid Word document"),
        ("images_only.mht", "no HTML part"),
        ("plain_text.mhtml", "not an MHTML archive"),
    ] {
        let w = warning(&c, file);
        assert!(w.skipped && w.reason.contains(why), "{file}: {w:?}");
    }
}

#[test]
fn inspect_lists_each_articles_detected_metadata() {
    let dir = fixture("saved_pages_three_outlets");
    let out = parallax(["inspect", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let head = stdout.lines().next().unwrap_or("");
    for col in ["File", "Source", "Title", "Author", "Date", "Lang"] {
        assert!(head.contains(col), "{head}");
    }
    let row = |file: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("no row for {file}:\n{stdout}"))
            .to_string()
    };
    let g = row("harbour-gazette.html");
    for cell in ["The Harbour Gazette", "Ellen Marsh", "2026-11-30", "en-GB"] {
        assert!(g.contains(cell), "{cell:?} not in {g}");
    }
    assert!(row("coastline-courier.html").contains("Priya Nand, Sam Oduya"));
    assert!(row("port-ledger.mhtml").contains("portledger.example"));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let json = parallax(["inspect", &dir.to_string_lossy(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let a = &v["articles"][1];
    assert_eq!(a["file"], "harbour-gazette.html");
    assert_eq!(a["author"], "Ellen Marsh");
    assert_eq!(a["language"], "en-GB");
    assert_eq!(a["url"], "https://harbourgazette.example/news/dock-strike");
    assert_eq!(v["articles"][2]["format"], "mhtml");
}

#[test]
fn pdf_text_layer_with_hyphenation_repaired_and_hostile_pdfs_skipped() {
    let c = match corpus::load_dir(&fixture("pdf"), &Progress::new()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert_well_formed(&c);
    assert_eq!(
        ids(&c),
        vec![
            "hyphenated_line_ends_and_two_pages.pdf",
            "two_columns_interleaved_in_the_stream.pdf"
        ]
    );
    // The content stream alternates left and right column lines; the text reads column by
    // column, the headline first, the hyphen of "stop-/page" repaired across the line end.
    let cols = article(&c, "two_columns_interleaved_in_the_stream.pdf");
    assert_eq!(cols.title, "Dock strike halts the east quay");
    let cp = paras(cols);
    let at = |needle: &str| {
        cp.iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not in {cp:#?}"))
    };
    assert!(cp.contains(&"Dockers at the east quay walked out on Monday after talks on night pay broke down, the union said."), "{cp:#?}");
    assert!(cp.contains(&"The port authority called the stoppage unlawful and asked the court for an injunction."), "{cp:#?}");
    assert!(
        cp.contains(
            &"Talks are due to resume on Wednesday with a mediator from the labour ministry."
        ),
        "{cp:#?}"
    );
    assert!(at("Dock strike") < at("Dockers at"));
    assert!(at("for an injunction") < at("Eleven ships were waiting"));
    assert!(at("Eleven ships") < at("Talks are due"));
    let a = article(&c, "hyphenated_line_ends_and_two_pages.pdf");
    assert_eq!(a.format, Format::Pdf);
    let p = paras(a);
    assert!(p.contains(&"The authority regrets the stoppage at the east quay and the delay to eleven ships waiting at anchor since Sunday night."), "{p:#?}");
    assert!(
        p.iter().any(|x| x.contains("Talks resume on Wednesday")),
        "{p:#?}"
    );
    assert!(p.iter().any(|x| x.contains("A well-known fact")), "{p:#?}");
    assert_eq!(a.title, "Statement on the east quay");
    let reason = |f: &str| warning(&c, f).reason.clone();
    assert!(reason("scanned_without_text_layer.pdf").contains("without a text layer"));
    assert!(
        reason("password_protected.pdf").contains("password-protected"),
        "{}",
        reason("password_protected.pdf")
    );

    let dir = tempdir();
    let good = std::fs::read(fixture("pdf").join("hyphenated_line_ends_and_two_pages.pdf"))
        .expect("fixture");
    write(dir.path(), "cut_short.pdf", &good[..good.len() / 3]);
    write(dir.path(), "not_a_pdf.pdf", b"Dear editor, a letter.");
    // pdf-extract panics on a font whose encoding name it does not know (found by fuzzing):
    // the file is skipped as damaged, the rest loads.
    let panicking = std::fs::read(crate::common::repo_root().join(
        "tests/fixtures/fuzz/loaders/pdf_font_with_unknown_encoding_name_panics_in_pdf_extract",
    ))
    .expect("fixture");
    write(dir.path(), "unknown_font_encoding.pdf", &panicking[1..]);
    write(dir.path(), "ok.txt", b"A story that loads.");
    let c = load(dir.path());
    assert_eq!(ids(&c), vec!["ok.txt"]);
    assert!(warning(&c, "cut_short.pdf").skipped);
    assert!(warning(&c, "not_a_pdf.pdf").reason.contains("not a PDF"));
    let w = warning(&c, "unknown_font_encoding.pdf");
    assert!(
        w.skipped && w.reason.contains("damaged or unreadable PDF"),
        "{}",
        w.reason
    );
}
