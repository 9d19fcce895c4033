//! Why a file was skipped or loaded with a caveat, as data: [`WarningKind`] is what every reader
//! returns instead of a message string, [`Warning`] is a kind attached to a file.
//!
//! A kind's `Display` is the reason a user reads, naming the cause (lower case: it follows the
//! file name, "a.bin: binary file (contains NUL bytes)"); whether the file was skipped is
//! [`WarningKind::skips`], never part of the text the readers produce. [`Warning::reason`] is
//! the one place both are put into a line ("…; skipped"), and the serialised form keeps that
//! line, the flag and a stable [`WarningKind::name`] (the CLI's `--json` contract).

use serde::{Serialize, Serializer};

use super::Format;

/// What gave a binary file away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinarySign {
    /// A NUL byte (or a NUL character after decoding).
    NulBytes,
    /// More than one character in ten is a control character.
    ControlCharacters,
}

/// How the same file was reached a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Symlink,
    HardLink,
}

/// Why a file was skipped, or the caveat it was loaded with. Every reader of the loader
/// (`decode`, `mhtml`, `docx`, `pdf`, the walk, the read) returns one of these as its error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WarningKind {
    // ---- The file could not be opened or read.
    /// A given path that does not exist.
    #[error("not found")]
    NotFound,
    /// Listed by the walk, gone when read.
    #[error("disappeared while loading")]
    Disappeared,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a folder, not a file")]
    IsFolder,
    #[error("not a regular file (device, pipe or socket)")]
    NotRegularFile,
    #[error("broken symlink (its target does not exist)")]
    BrokenSymlink,
    /// A link back to a folder that contains it (`ancestor`), or too many levels of links.
    #[error(
        "symlink loop ({})",
        if *ancestor { "links back to a folder that contains it" } else { "too many levels of links" }
    )]
    SymlinkLoop { ancestor: bool },
    /// A path longer than the system allows: it and everything under it cannot be opened.
    #[error(
        "path is {len} bytes long, over the system's limit of {max} (PATH_MAX): it and everything \
         under it cannot be opened (move the articles to a shallower folder)"
    )]
    PathTooLong { len: usize, max: usize },
    /// Any other read error, with the system's message.
    #[error("cannot read: {error}")]
    Unreadable { error: String },
    /// Larger than [`super::MAX_FILE_BYTES`].
    #[error(
        "file is {:.1} MB, over the {} MB limit",
        *bytes as f64 / (1024.0 * 1024.0),
        limit / (1024 * 1024)
    )]
    TooLarge { bytes: u64, limit: u64 },

    // ---- The walk left it out.
    /// A symlink whose target is outside the opened folder.
    #[error("symlink to {target}, outside the opened folder (not followed)")]
    OutsideFolder { target: String },
    /// A document format recognised but not read (`.odt`, `.doc`, …).
    #[error("unsupported format (.{ext}); save it as .txt, .md, .html, .docx or .pdf")]
    Unsupported { ext: String },
    /// The same file (device and inode) as `first`, reached through a link.
    #[error(
        "same file as {first} ({})",
        match how { LinkKind::Symlink => "a symlink", LinkKind::HardLink => "a hard link" }
    )]
    SameFile { first: String, how: LinkKind },
    /// The same bytes as `first`, which was kept.
    #[error("identical to {first} (the same bytes)")]
    Identical { first: String },

    // ---- The bytes are not an article.
    #[error("empty file")]
    Empty,
    #[error(
        "binary file ({})",
        match sign {
            BinarySign::NulBytes => "contains NUL bytes",
            BinarySign::ControlCharacters => "mostly control characters",
        }
    )]
    Binary { sign: BinarySign },
    #[error("a report written by Parallax, not an article")]
    ParallaxReport,
    #[error("contains only whitespace")]
    OnlyWhitespace,
    #[error("no text after the metadata header")]
    NoTextAfterHeader,
    /// The format's reader found no paragraph.
    #[error("{}", no_text(*format))]
    NoText { format: Format },

    // ---- Packaged formats.
    #[error("not an MHTML archive (no MIME Content-Type header)")]
    NotMhtml,
    #[error("MHTML archive without a part boundary")]
    MhtmlWithoutBoundary,
    /// No HTML part: `content` is the type of a single-part archive's content, `None` when no
    /// part of a multipart archive is HTML.
    #[error(
        "{}",
        match content {
            Some(c) => format!("MHTML archive holds no web page (its content is {c})"),
            None => "MHTML archive holds no HTML part".to_string(),
        }
    )]
    MhtmlWithoutPage { content: Option<String> },
    /// The archive's HTML part is not text.
    #[error("its HTML part cannot be read ({cause})")]
    MhtmlPartUnreadable { cause: Box<WarningKind> },
    #[error("password-protected (encrypted) Word document; remove the password and save again")]
    DocxEncrypted,
    #[error("a Word 97–2003 document (.doc) with a .docx name; save it as .docx")]
    LegacyDoc,
    /// Not a zip at all.
    #[error("not a valid Word document (the zip cannot be read: {error})")]
    DocxNotZip { error: String },
    #[error("not a Word document (no word/document.xml in the zip)")]
    DocxWithoutDocument,
    /// A zip member or the document XML that cannot be read.
    #[error("damaged Word document ({error})")]
    DocxDamaged { error: String },
    /// The text part inflates past `limit_mb` (`inflated_mb` when the zip declares it).
    #[error(
        "Word document's text part inflates {}, over the {limit_mb} MB limit (a zip bomb?)",
        match inflated_mb { Some(mb) => format!("to {mb} MB"), None => "further".to_string() }
    )]
    DocxTooLarge {
        inflated_mb: Option<u64>,
        limit_mb: u64,
    },
    #[error("not a PDF file (no %PDF header)")]
    NotPdf,
    #[error("password-protected (encrypted) PDF; remove the password and save again")]
    PdfEncrypted,
    #[error("damaged or unreadable PDF ({error})")]
    PdfDamaged { error: String },

    // ---- Failures of Parallax itself (a caught panic).
    #[error("Parallax failed while reading it (internal error: {message})")]
    LoaderFailed { message: String },
    #[error(
        "Parallax failed on this article during {stage} (internal error: {message}); the rest \
         of the set was analysed without it"
    )]
    AnalysisFailed { stage: String, message: String },

    // ---- Caveats: the file loaded.
    /// Not UTF-8; decoded in the encoding a detector guessed.
    #[error("not valid UTF-8; decoded as {encoding}")]
    EncodingGuessed { encoding: &'static str },
    /// UTF-16 recognised by its NUL pattern.
    #[error("no byte order mark; decoded as {encoding}")]
    NoByteOrderMark { encoding: &'static str },
    /// A few bytes invalid in the file's (declared or detected) encoding.
    #[error(
        "{}",
        if *encoding == "UTF-8" {
            "invalid UTF-8 bytes replaced with \u{FFFD}".to_string()
        } else {
            format!("invalid {encoding} sequences replaced with \u{FFFD}")
        }
    )]
    BytesReplaced { encoding: &'static str },
    /// HTML too deeply nested (`depth` levels) or with an element of too many attributes.
    #[error(
        "{}; read as plain text with the tags removed",
        match (depth, attributes) {
            (Some(d), _) => format!("markup nested {d} levels deep"),
            (None, Some(a)) => format!("an element has {a} attributes"),
            (None, None) => "markup too complex".to_string(),
        }
    )]
    MarkupTooComplex {
        depth: Option<usize>,
        attributes: Option<usize>,
    },
    /// A metadata value longer than its cap, cut.
    #[error("{field} is {chars} characters long; cut to the first {max}")]
    MetadataCut {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("file name is not valid UTF-8; shown with \u{FFFD} for the bad bytes")]
    FileNameNotUtf8,

    // ---- `parallax.toml`.
    /// The settings file could not be used (`cause`); the folder loads without it.
    #[error("{cause}; its settings are ignored")]
    SettingsIgnored { cause: Box<WarningKind> },
    /// The settings file is not UTF-8 (only as a [`WarningKind::SettingsIgnored`] cause).
    #[error("not valid UTF-8")]
    NotUtf8,
    /// The settings file is not valid TOML or not valid settings.
    #[error("not valid ({error})")]
    SettingsInvalid { error: String },
    /// One entry of `[files]` has a problem (`note`); the rest applies.
    #[error("[files.\"{key}\"]: {note}")]
    SettingsEntry { key: String, note: String },
    /// A key that matches no file.
    #[error("\"{key}\" matches no article file")]
    UnusedKey { key: String },
    /// Keys past [`super::MAX_UNUSED_KEY_WARNINGS`] that match no file, counted.
    #[error("{count} more keys match no article file")]
    MoreUnusedKeys { count: usize },
}

fn no_text(format: Format) -> &'static str {
    match format {
        Format::Html | Format::Mhtml => "no readable text (only markup, scripts or navigation)",
        Format::Markdown => "no readable text (only code, images or markup)",
        Format::Text => "no readable text (no letters or digits)",
        Format::Docx => "no text in the document (only images, tables of figures or fields)",
        Format::Pdf => "PDF without a text layer (a scan or images only); run OCR on it to read it",
    }
}

impl WarningKind {
    /// True when the file is left out of the set; false for a caveat (the file loaded).
    pub fn skips(&self) -> bool {
        use WarningKind::*;
        match self {
            NotFound
            | Disappeared
            | PermissionDenied
            | IsFolder
            | NotRegularFile
            | BrokenSymlink
            | SymlinkLoop { .. }
            | PathTooLong { .. }
            | Unreadable { .. }
            | TooLarge { .. }
            | OutsideFolder { .. }
            | Unsupported { .. }
            | SameFile { .. }
            | Identical { .. }
            | Empty
            | Binary { .. }
            | ParallaxReport
            | OnlyWhitespace
            | NoTextAfterHeader
            | NoText { .. }
            | NotMhtml
            | MhtmlWithoutBoundary
            | MhtmlWithoutPage { .. }
            | MhtmlPartUnreadable { .. }
            | DocxEncrypted
            | LegacyDoc
            | DocxNotZip { .. }
            | DocxWithoutDocument
            | DocxDamaged { .. }
            | DocxTooLarge { .. }
            | NotPdf
            | PdfEncrypted
            | PdfDamaged { .. }
            | LoaderFailed { .. }
            | AnalysisFailed { .. } => true,
            EncodingGuessed { .. }
            | NoByteOrderMark { .. }
            | BytesReplaced { .. }
            | MarkupTooComplex { .. }
            | MetadataCut { .. }
            | FileNameNotUtf8
            | NotUtf8
            | SettingsIgnored { .. }
            | SettingsInvalid { .. }
            | SettingsEntry { .. }
            | UnusedKey { .. }
            | MoreUnusedKeys { .. } => false,
        }
    }

    /// A stable snake_case name of the kind (the `"kind"` field of the JSON output).
    pub fn name(&self) -> &'static str {
        use WarningKind::*;
        match self {
            NotFound => "not_found",
            Disappeared => "disappeared",
            PermissionDenied => "permission_denied",
            IsFolder => "is_folder",
            NotRegularFile => "not_regular_file",
            BrokenSymlink => "broken_symlink",
            SymlinkLoop { .. } => "symlink_loop",
            PathTooLong { .. } => "path_too_long",
            Unreadable { .. } => "unreadable",
            TooLarge { .. } => "too_large",
            OutsideFolder { .. } => "outside_folder",
            Unsupported { .. } => "unsupported_format",
            SameFile { .. } => "same_file",
            Identical { .. } => "identical",
            Empty => "empty",
            Binary { .. } => "binary",
            ParallaxReport => "parallax_report",
            OnlyWhitespace => "only_whitespace",
            NoTextAfterHeader => "no_text_after_header",
            NoText { .. } => "no_text",
            NotMhtml => "not_mhtml",
            MhtmlWithoutBoundary => "mhtml_without_boundary",
            MhtmlWithoutPage { .. } => "mhtml_without_page",
            MhtmlPartUnreadable { .. } => "mhtml_part_unreadable",
            DocxEncrypted => "docx_encrypted",
            LegacyDoc => "legacy_doc",
            DocxNotZip { .. } => "docx_not_zip",
            DocxWithoutDocument => "docx_without_document",
            DocxDamaged { .. } => "docx_damaged",
            DocxTooLarge { .. } => "docx_too_large",
            NotPdf => "not_pdf",
            PdfEncrypted => "pdf_encrypted",
            PdfDamaged { .. } => "pdf_damaged",
            LoaderFailed { .. } => "loader_failed",
            AnalysisFailed { .. } => "analysis_failed",
            EncodingGuessed { .. } => "encoding_guessed",
            NoByteOrderMark { .. } => "no_byte_order_mark",
            BytesReplaced { .. } => "bytes_replaced",
            MarkupTooComplex { .. } => "markup_too_complex",
            MetadataCut { .. } => "metadata_cut",
            FileNameNotUtf8 => "file_name_not_utf8",
            NotUtf8 => "not_utf8",
            SettingsIgnored { .. } => "settings_ignored",
            SettingsInvalid { .. } => "settings_invalid",
            SettingsEntry { .. } => "settings_entry",
            UnusedKey { .. } => "unused_key",
            MoreUnusedKeys { .. } => "more_unused_keys",
        }
    }

    /// The kind for an I/O error while opening or reading a file.
    pub fn from_io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => WarningKind::PermissionDenied,
            std::io::ErrorKind::NotFound => WarningKind::Disappeared,
            std::io::ErrorKind::IsADirectory => WarningKind::IsFolder,
            _ if e.raw_os_error() == Some(libc::ELOOP) => {
                WarningKind::SymlinkLoop { ancestor: false }
            }
            _ => WarningKind::Unreadable {
                error: e.to_string(),
            },
        }
    }
}

/// Why a file was skipped or loaded with a caveat.
///
/// `reason` and `skipped` are rendered from `kind` by [`Warning::new`] (the only way to make
/// one outside the engine), kept as fields for the serialised form and the display sites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Warning {
    /// Path relative to the folder (or as given).
    pub file: String,
    /// The line a user reads: the kind's reason, then "; skipped" when the file was left out,
    /// e.g. "binary file (contains NUL bytes); skipped".
    pub reason: String,
    /// True when the file was skipped entirely; false when it loaded with a caveat.
    pub skipped: bool,
    /// What happened, with its data.
    #[serde(serialize_with = "kind_name")]
    pub kind: WarningKind,
}

fn kind_name<S: Serializer>(kind: &WarningKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

impl Warning {
    /// A warning of `kind` for `file`.
    pub fn new(file: impl Into<String>, kind: WarningKind) -> Self {
        let skipped = kind.skips();
        let reason = if skipped {
            format!("{kind}; skipped")
        } else {
            kind.to_string()
        };
        Warning {
            file: file.into(),
            reason,
            skipped,
            kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One value of every kind (a new variant must be added here: `name` and `skips` are
    /// exhaustive matches, this list is checked against them by the count below).
    fn every_kind() -> Vec<(WarningKind, &'static str)> {
        use WarningKind::*;
        let b = |k: WarningKind| Box::new(k);
        vec![
            (NotFound, "not found"),
            (Disappeared, "disappeared"),
            (PermissionDenied, "permission denied"),
            (IsFolder, "a folder"),
            (NotRegularFile, "not a regular file"),
            (BrokenSymlink, "broken symlink"),
            (SymlinkLoop { ancestor: true }, "symlink loop"),
            (SymlinkLoop { ancestor: false }, "too many levels"),
            (
                PathTooLong {
                    len: 5000,
                    max: 4096,
                },
                "5000 bytes long",
            ),
            (
                Unreadable {
                    error: "I/O error".into(),
                },
                "cannot read: I/O error",
            ),
            (
                TooLarge {
                    bytes: 21 * 1024 * 1024,
                    limit: 20 * 1024 * 1024,
                },
                "21.0 MB, over the 20 MB limit",
            ),
            (
                OutsideFolder {
                    target: "/etc/passwd".into(),
                },
                "/etc/passwd, outside the opened folder",
            ),
            (
                Unsupported { ext: "odt".into() },
                "unsupported format (.odt)",
            ),
            (
                SameFile {
                    first: "a.txt".into(),
                    how: LinkKind::HardLink,
                },
                "same file as a.txt (a hard link)",
            ),
            (
                SameFile {
                    first: "a.txt".into(),
                    how: LinkKind::Symlink,
                },
                "(a symlink)",
            ),
            (
                Identical {
                    first: "a.txt".into(),
                },
                "identical to a.txt",
            ),
            (Empty, "empty file"),
            (
                Binary {
                    sign: BinarySign::NulBytes,
                },
                "binary file (contains NUL bytes)",
            ),
            (
                Binary {
                    sign: BinarySign::ControlCharacters,
                },
                "binary file (mostly control characters)",
            ),
            (ParallaxReport, "report written by Parallax"),
            (OnlyWhitespace, "only whitespace"),
            (NoTextAfterHeader, "no text after the metadata header"),
            (
                NoText {
                    format: Format::Html,
                },
                "no readable text",
            ),
            (
                NoText {
                    format: Format::Markdown,
                },
                "no readable text",
            ),
            (
                NoText {
                    format: Format::Text,
                },
                "no readable text",
            ),
            (
                NoText {
                    format: Format::Docx,
                },
                "no text in the document",
            ),
            (
                NoText {
                    format: Format::Pdf,
                },
                "without a text layer",
            ),
            (NotMhtml, "not an MHTML archive"),
            (MhtmlWithoutBoundary, "without a part boundary"),
            (MhtmlWithoutPage { content: None }, "no HTML part"),
            (
                MhtmlWithoutPage {
                    content: Some("image/png".into()),
                },
                "its content is image/png",
            ),
            (
                MhtmlPartUnreadable {
                    cause: b(Binary {
                        sign: BinarySign::NulBytes,
                    }),
                },
                "HTML part cannot be read (binary file (contains NUL bytes))",
            ),
            (DocxEncrypted, "password-protected"),
            (LegacyDoc, "Word 97–2003 document"),
            (
                DocxNotZip {
                    error: "bad magic".into(),
                },
                "not a valid Word document (the zip cannot be read: bad magic)",
            ),
            (DocxWithoutDocument, "no word/document.xml"),
            (
                DocxDamaged {
                    error: "bad XML: x".into(),
                },
                "damaged Word document (bad XML: x)",
            ),
            (
                DocxTooLarge {
                    inflated_mb: Some(900),
                    limit_mb: 64,
                },
                "inflates to 900 MB, over the 64 MB limit (a zip bomb?)",
            ),
            (
                DocxTooLarge {
                    inflated_mb: None,
                    limit_mb: 64,
                },
                "zip bomb",
            ),
            (NotPdf, "not a PDF"),
            (PdfEncrypted, "password-protected (encrypted) PDF"),
            (
                PdfDamaged {
                    error: "no xref".into(),
                },
                "damaged or unreadable PDF (no xref)",
            ),
            (
                LoaderFailed {
                    message: "oops".into(),
                },
                "internal error: oops",
            ),
            (
                AnalysisFailed {
                    stage: "framing".into(),
                    message: "oops".into(),
                },
                "during framing (internal error: oops)",
            ),
            (
                EncodingGuessed {
                    encoding: "windows-1252",
                },
                "decoded as windows-1252",
            ),
            (
                NoByteOrderMark {
                    encoding: "UTF-16LE",
                },
                "no byte order mark; decoded as UTF-16LE",
            ),
            (BytesReplaced { encoding: "UTF-8" }, "invalid UTF-8 bytes"),
            (
                BytesReplaced {
                    encoding: "Shift_JIS",
                },
                "invalid Shift_JIS sequences",
            ),
            (
                MarkupTooComplex {
                    depth: Some(900),
                    attributes: None,
                },
                "nested 900 levels deep; read as plain text",
            ),
            (
                MarkupTooComplex {
                    depth: None,
                    attributes: Some(70000),
                },
                "70000 attributes; read as plain text",
            ),
            (
                MetadataCut {
                    field: "title",
                    chars: 600,
                    max: 500,
                },
                "title is 600 characters long; cut to the first 500",
            ),
            (FileNameNotUtf8, "file name is not valid UTF-8"),
            (NotUtf8, "not valid UTF-8"),
            (
                SettingsIgnored {
                    cause: b(PermissionDenied),
                },
                "permission denied; its settings are ignored",
            ),
            (
                SettingsInvalid {
                    error: "line 3".into(),
                },
                "not valid (line 3)",
            ),
            (
                SettingsEntry {
                    key: "a.txt".into(),
                    note: "not a list".into(),
                },
                "[files.\"a.txt\"]: not a list",
            ),
            (
                UnusedKey {
                    key: "b.txt".into(),
                },
                "\"b.txt\" matches no",
            ),
            (MoreUnusedKeys { count: 4 }, "4 more keys"),
        ]
    }

    #[test]
    fn every_kind_reads_as_a_sentence_naming_its_reason() {
        let kinds = every_kind();
        let names: std::collections::BTreeSet<&str> = kinds.iter().map(|(k, _)| k.name()).collect();
        // Every variant is listed (47 of them, some with several values).
        assert_eq!(names.len(), 47, "{names:?}");
        for (kind, names_reason) in &kinds {
            let text = kind.to_string();
            assert!(text.contains(names_reason), "{kind:?}: {text:?}");
            // A sentence: not empty, no stray space, no end punctuation (it is followed by
            // "; skipped" or shown after the file name), no suffix protocol of its own.
            assert!(!text.is_empty() && text.trim() == text, "{text:?}");
            assert!(!text.ends_with(['.', ';', ',']), "{text:?}");
            assert!(!text.contains("skipped"), "{text:?}");
            let first = text.chars().next().unwrap_or(' ');
            assert!(
                first.is_lowercase()
                    || !first.is_alphabetic()
                    || text.starts_with("MHTML")
                    || text.starts_with("Word")
                    || text.starts_with("PDF")
                    || text.starts_with("Parallax"),
                "starts like a clause, proper names aside: {text:?}"
            );
            let name = kind.name();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
        }
    }

    #[test]
    fn skipping_follows_the_kind_and_the_line_says_so() {
        for (kind, _) in every_kind() {
            let skips = kind.skips();
            let w = Warning::new("a.txt", kind.clone());
            assert_eq!(w.skipped, skips, "{kind:?}");
            assert_eq!(w.file, "a.txt");
            if skips {
                assert_eq!(w.reason, format!("{kind}; skipped"));
            } else {
                assert_eq!(w.reason, kind.to_string());
            }
        }
        use WarningKind::*;
        assert!(
            Binary {
                sign: BinarySign::NulBytes
            }
            .skips()
        );
        assert!(Identical { first: "a".into() }.skips());
        assert!(
            !EncodingGuessed {
                encoding: "windows-1252"
            }
            .skips()
        );
        assert!(!UnusedKey { key: "k".into() }.skips());
        // A settings file that cannot be read is ignored, never "skipped": the folder loads.
        let w = Warning::new(
            "parallax.toml",
            SettingsIgnored {
                cause: Box::new(TooLarge {
                    bytes: 1 << 30,
                    limit: 20 << 20,
                }),
            },
        );
        assert!(!w.skipped);
        assert!(
            w.reason
                .ends_with("over the 20 MB limit; its settings are ignored"),
            "{}",
            w.reason
        );
    }

    #[test]
    fn the_json_keeps_the_line_and_the_flag_and_names_the_kind() {
        let w = Warning::new(
            "b.bin",
            WarningKind::Binary {
                sign: BinarySign::NulBytes,
            },
        );
        let v = serde_json::to_value(&w).unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({
                "file": "b.bin",
                "reason": "binary file (contains NUL bytes); skipped",
                "skipped": true,
                "kind": "binary",
            })
        );
    }
}
