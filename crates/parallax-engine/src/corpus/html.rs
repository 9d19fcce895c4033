//! HTML articles (`.html`, `.htm`, `.xhtml`): readable text and metadata from a saved web page,
//! parsed with `scraper` (html5ever, so malformed markup is repaired the way browsers do and
//! entities are decoded).
//!
//! - Content: the main `<article>` (the one with the most text), else `<main>`, else `<body>`.
//!   Paragraphs come from block elements (`p`, `h1`–`h6`, `li`, `blockquote`, `div`, table
//!   rows, `<br>`); inline markup flows into the text; whitespace collapses as a browser would.
//! - Dropped: `script`, `style`, `noscript`, `template`, `nav`, `aside`, `form`, `figure`, media
//!   and hidden elements; `header`/`footer` unless they sit inside the article. An `<aside>`
//!   that is the story's own fact box (key figures between its paragraphs) is kept; a
//!   subscription or paywall teaser set between or after the story's paragraphs ("Vous avez
//!   lu 2 articles gratuits … Abonnez-vous") is removed, read by its multilingual cues.
//! - Metadata: title from the article's `<h1>`, `og:title` or `<title>` (site suffix removed);
//!   source from `og:site_name` (or the `<title>` suffix); date from `article:published_time`
//!   and friends or `<time datetime>`; URL from `<link rel="canonical">` or `og:url`.
//!
//! The tree is walked iteratively (`traverse`), so absurdly deep nesting cannot overflow the
//! stack. HTML bodies have no offset map back to the file: the parser does not keep positions.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::Extracted;
use super::metadata::{Meta, url_host};
use crate::span::{Span, push_paragraph};

/// Nesting beyond this is not a real page: html5ever's tree builder is quadratic in depth
/// (20,000 nested `<div>`s take seconds), so such files are read with their tags removed.
const MAX_NESTING: usize = 1000;

/// More attributes than this on one element is not a real page: html5ever checks each new
/// attribute against the earlier ones (quadratic: 100,000 attributes take 20 s).
const MAX_ATTRIBUTES: usize = 2000;

/// Void elements and elements the tree builder closes implicitly when their next sibling
/// starts: they never deepen the tree the parser builds (by more than a constant).
const NO_END_TAG: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "rp", "rt", "param", "keygen", "basefont", "bgsound", "frame", "image",
];

/// Elements whose content the tokenizer reads as text (in the HTML namespace).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Start tags that leave SVG/MathML content (the tree builder pops back to HTML).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// Foreign elements whose children are HTML again.
const INTEGRATION: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// One tag as the HTML tokenizer sees it.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    is_end: bool,
    self_closing: bool,
    attributes: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

/// Parses the tag whose name starts at `at` (after `<` or `</`), following the tokenizer's
/// tag, attribute and value states (quotes hide `>`; `/` outside a value is ignored unless it
/// precedes `>`). Returns (end, name end, self-closing, attribute count), or None at EOF
/// (the tokenizer drops a tag cut by the end of the file).
fn scan_tag(b: &[u8], at: usize) -> Option<(usize, usize, bool, usize)> {
    let mut i = at;
    while b
        .get(i)
        .is_some_and(|&c| !is_space(c) && c != b'/' && c != b'>')
    {
        i += 1;
    }
    let name_end = i;
    let mut attrs = 0usize;
    loop {
        while let Some(&c) = b.get(i).filter(|&&c| is_space(c) || c == b'/') {
            if c == b'/' && b.get(i + 1) == Some(&b'>') {
                return Some((i + 2, name_end, true, attrs));
            }
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some((i + 1, name_end, false, attrs)),
            _ => {
                // Attribute name (a leading '=' belongs to it).
                attrs += 1;
                i += 1;
                while b
                    .get(i)
                    .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
                {
                    i += 1;
                }
                while b.get(i).is_some_and(|&c| is_space(c)) {
                    i += 1;
                }
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while b.get(i).is_some_and(|&c| is_space(c)) {
                        i += 1;
                    }
                    match b.get(i)? {
                        q @ (b'"' | b'\'') => {
                            let close = memchr::memchr(*q, b.get(i + 1..)?)?;
                            i += 1 + close + 1;
                        }
                        b'>' => {}
                        _ => {
                            while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One linear pass over the markup as html5ever's tokenizer reads it: comments (ended by
/// `-->`, `--!>`, or at once by `<!-->`), bogus comments and doctypes, raw-text elements
/// (`script`, `style`, `textarea`, … outside SVG/MathML), `plaintext`, CDATA in foreign
/// content; `f` gets every start and end tag. Hand-written because it must stay linear on
/// input that makes the real parser slow; it errs towards seeing more structure, never less.
fn for_each_tag(src: &str, mut f: impl FnMut(&Tag<'_>, bool)) {
    let b = src.as_bytes();
    let mut i = 0;
    // Inside SVG/MathML (roughly: `nesting` follows the tree builder more closely) the
    // tokenizer reads `<style>` & co. as markup and honours CDATA sections.
    let mut foreign = 0usize;
    while let Some(off) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        let lt = i + off;
        let rest = b.get(lt..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            let body = lt + 4;
            i = if rest.get(4) == Some(&b'>') {
                body + 1
            } else if rest.get(4..6) == Some(b"->") {
                body + 2
            } else {
                let tail = b.get(body..).unwrap_or_default();
                let a = memchr::memmem::find(tail, b"-->").map(|e| e + 3);
                let c = memchr::memmem::find(tail, b"--!>").map(|e| e + 4);
                match (a, c) {
                    (Some(a), Some(c)) => body + a.min(c),
                    (Some(x), None) | (None, Some(x)) => body + x,
                    (None, None) => b.len(),
                }
            };
            continue;
        }
        if foreign > 0 && rest.starts_with(b"<![CDATA[") {
            i = memchr::memmem::find(rest, b"]]>").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        let (is_end, at) = match rest.get(1) {
            Some(b'!' | b'?') => {
                i = memchr::memchr(b'>', rest).map_or(b.len(), |e| lt + e + 1);
                continue;
            }
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => (true, lt + 2),
                Some(b'>') => {
                    i = lt + 3;
                    continue;
                }
                Some(_) => {
                    i = memchr::memchr(b'>', rest).map_or(b.len(), |e| lt + e + 1);
                    continue;
                }
                None => break,
            },
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            Some(_) => {
                i = lt + 1;
                continue;
            }
            None => break,
        };
        let Some((end, name_end, self_closing, attributes)) = scan_tag(b, at) else {
            break;
        };
        let lower;
        let raw = src.get(at..name_end).unwrap_or("");
        let name = if raw.bytes().any(|c| c.is_ascii_uppercase()) {
            lower = raw.to_ascii_lowercase();
            lower.as_str()
        } else {
            raw
        };
        let tag = Tag {
            start: lt,
            end,
            name,
            is_end,
            self_closing,
            attributes,
        };
        i = end;
        if !is_end && matches!(name, "svg" | "math") && !self_closing {
            foreign += 1;
        } else if is_end && matches!(name, "svg" | "math") {
            foreign = foreign.saturating_sub(1);
        } else if !is_end && foreign > 0 && BREAKOUT.contains(&name) {
            foreign = 0;
        }
        f(&tag, foreign > 0);
        if !is_end && foreign == 0 {
            if name == "plaintext" {
                break;
            }
            if RAW_TEXT.contains(&name) {
                let closing = format!("</{name}");
                i = memchr::memchr_iter(b'<', b.get(end..).unwrap_or_default())
                    .map(|e| end + e)
                    .find(|&at| {
                        b.get(at..at + closing.len())
                            .is_some_and(|t| t.eq_ignore_ascii_case(closing.as_bytes()))
                            && b.get(at + closing.len())
                                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
                    })
                    .unwrap_or(b.len());
            }
        }
    }
}

/// What the tree builder would make of the markup, in the two respects that make it slow:
/// the deepest nesting of open elements and the most attributes on one element.
///
/// Follows the tree builder where it matters for depth: self-closing `<div/>` is an open
/// `<div>` (only SVG/MathML elements close themselves), an end tag closes the nearest open
/// element of its name and everything above it (and is ignored when none is open), void and
/// implicitly closed elements do not nest.
fn nesting(src: &str) -> (usize, usize) {
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut open: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let (mut max_depth, mut max_attrs) = (0usize, 0usize);
    for_each_tag(src, |t, _| {
        max_attrs = max_attrs.max(t.attributes);
        if t.is_end {
            if open.get(t.name).is_some_and(|&n| n > 0) {
                while let Some((name, _)) = stack.pop() {
                    if let Some(n) = open.get_mut(&name) {
                        *n = n.saturating_sub(1);
                    }
                    if name == t.name {
                        break;
                    }
                }
            }
            return;
        }
        let mut parent_foreign = stack
            .last()
            .is_some_and(|(n, f)| *f && !INTEGRATION.contains(&n.as_str()));
        if parent_foreign && BREAKOUT.contains(&t.name) {
            while stack.last().is_some_and(|(_, f)| *f) {
                if let Some((name, _)) = stack.pop()
                    && let Some(n) = open.get_mut(&name)
                {
                    *n = n.saturating_sub(1);
                }
            }
            parent_foreign = false;
        }
        let foreign = parent_foreign || matches!(t.name, "svg" | "math");
        if (foreign && t.self_closing) || (!foreign && NO_END_TAG.contains(&t.name)) {
            return;
        }
        stack.push((t.name.to_string(), foreign));
        *open.entry(t.name.to_string()).or_default() += 1;
        max_depth = max_depth.max(stack.len());
    });
    (max_depth, max_attrs)
}

/// Largest depth of open elements the parser would build.
#[cfg(test)]
fn nesting_depth(src: &str) -> usize {
    nesting(src).0
}

/// Tags removed (block tags become line breaks), the content of scripts, styles and comments
/// dropped, entities decoded by parsing the tag-free text (every `<` left is escaped first, so
/// removing a tag can never join text into a new one).
fn strip_tags(src: &str) -> String {
    let mut out = String::with_capacity(src.len() / 2);
    let mut last = 0;
    let mut in_raw = false;
    let push = |out: &mut String, text: &str| {
        for c in strip_comments(text).chars() {
            if c == '<' {
                out.push_str("&lt;");
            } else {
                out.push(c);
            }
        }
    };
    for_each_tag(src, |t, _| {
        // The scanner skips raw text, so after a script/style start tag the next tag is its
        // end: the text in between is code, not prose.
        if !in_raw {
            push(&mut out, src.get(last..t.start).unwrap_or(""));
        }
        if BLOCK.contains(&t.name) {
            out.push('\n');
        }
        in_raw = !t.is_end && matches!(t.name, "script" | "style" | "noscript" | "template");
        last = t.end;
    });
    if !in_raw {
        push(&mut out, src.get(last..).unwrap_or(""));
    }
    let frag = Html::parse_fragment(&out);
    frag.root_element().text().collect()
}

/// Text between two tags with any comment or bogus comment removed.
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("<!") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let end = if tail.starts_with("<!--") {
            let a = tail.get(4..).and_then(|t| t.find("-->")).map(|e| e + 7);
            let c = tail.get(4..).and_then(|t| t.find("--!>")).map(|e| e + 8);
            a.into_iter().chain(c).min().unwrap_or(tail.len())
        } else {
            tail.find('>').map_or(tail.len(), |e| e + 1)
        };
        rest = tail.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "svg", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "select", "option", "button", "input", "textarea", "form",
    "head", "title", "meta", "link", "figure", "picture", "img", "dialog", "menu",
];

const BLOCK: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

const SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
    "menu",
    "menubar",
];

struct Builder {
    out: Extracted,
    cur: String,
    pending_space: bool,
}

impl Builder {
    fn text(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            if matches!(c, '\u{200B}' | '\u{200C}' | '\u{FEFF}' | '\u{AD}') {
                continue;
            }
            if pre && c == '\n' {
                self.flush();
            } else if c.is_whitespace() || c.is_control() {
                self.pending_space = !self.cur.is_empty();
            } else {
                if self.pending_space {
                    self.cur.push(' ');
                    self.pending_space = false;
                }
                self.cur.push(c);
            }
        }
    }

    fn separator(&mut self, s: &str) {
        if !self.cur.is_empty() {
            self.cur.push_str(s);
            self.pending_space = false;
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        let para = self.cur.trim();
        if para.chars().any(char::is_alphanumeric) {
            push_paragraph(&mut self.out.body, &mut self.out.paragraphs, para);
        }
        self.cur.clear();
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(e: ElementRef<'_>) -> String {
    collapse(&e.text().collect::<String>())
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("role").is_some_and(|r| SKIP_ROLES.contains(&r))
        || e.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn has_ancestor(node: NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| names.contains(&e.name()))
    })
}

/// Date part of an ISO timestamp ("2024-12-23T10:00:00Z" → "2024-12-23"); other text as is.
fn tidy_date(s: &str) -> String {
    let s = s.trim();
    match s.get(..10) {
        Some(d)
            if s.len() > 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }) =>
        {
            d.to_string()
        }
        _ => s.to_string(),
    }
}

/// Metadata a page's JSON-LD declares (schema.org `Article` family, `@graph` followed).
#[derive(Debug, Default)]
struct LdMeta {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
    language: Option<String>,
    /// Name of an `Organization` / `WebSite` node, when no article names its publisher.
    site: Option<String>,
    /// The article's full text as the page declares it (`articleBody`; the longest).
    body: Option<String>,
}

/// Page metadata as the markup declares it, read before extraction (which edits the tree).
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    og_title: Option<String>,
    site: Option<String>,
    app_name: Option<String>,
    date: Option<String>,
    time: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    first_h1: Option<String>,
    author: Option<String>,
    lang: Option<String>,
    meta_lang: Option<String>,
    ld: LdMeta,
}

/// Fills an empty slot with a non-empty value, whitespace collapsed.
fn set(slot: &mut Option<String>, v: Option<&str>) {
    if slot.is_none()
        && let Some(v) = v.map(collapse).filter(|v| !v.is_empty())
    {
        *slot = Some(v);
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

fn page_meta(doc: &dom_query::Document) -> PageMeta {
    let mut m = PageMeta::default();
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        match &*name {
            "html" => {
                let lang = node.attr("lang").or_else(|| node.attr("xml:lang"));
                set(&mut m.lang, lang.as_deref());
            }
            // Only the first of each: text() walks the subtree.
            "title" if m.title.is_none() => set(&mut m.title, Some(&node.text())),
            "h1" if m.first_h1.is_none() => set(&mut m.first_h1, Some(&node.text())),
            "meta" => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"))
                    .or_else(|| node.attr("http-equiv"))
                    .map(|k| k.to_ascii_lowercase())
                    .unwrap_or_default();
                let content = node.attr("content");
                let content = content.as_deref();
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut m.og_title, content),
                    "og:site_name" => set(&mut m.site, content),
                    "application-name" | "publisher" | "dc.publisher" | "dcterms.publisher" => {
                        set(&mut m.app_name, content)
                    }
                    "article:published_time"
                    | "og:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.created"
                    | "dcterms.issued"
                    | "sailthru.date"
                    | "parsely-pub-date" => set(&mut m.date, content),
                    "og:url" => set(&mut m.og_url, content),
                    "author" | "article:author" | "dc.creator" | "dcterms.creator"
                    | "parsely-author" | "sailthru.author" | "byl" => {
                        if let Some(c) = content.filter(|c| !is_url(c.trim())) {
                            set(&mut m.author, Some(&clean_author(c)));
                        }
                    }
                    "content-language" | "dc.language" | "dcterms.language" | "language"
                    | "og:locale" => set(&mut m.meta_lang, content),
                    _ => {}
                }
            }
            "link" => {
                let canonical = node.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    set(&mut m.canonical, node.attr("href").as_deref());
                }
            }
            "time" => set(&mut m.time, node.attr("datetime").as_deref()),
            "script"
                if node
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                json_ld(&node.text(), &mut m.ld);
            }
            _ => {}
        }
    }
    m
}

/// "By Jane Doe" → "Jane Doe".
fn clean_author(s: &str) -> String {
    let s = collapse(s);
    for prefix in [
        "By ", "by ", "BY ", "Von ", "von ", "Por ", "por ", "Par ", "par ",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    s
}

/// A JSON-LD value as a name: a string, an object's `name`, or a list of them joined.
fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(collapse(s)),
        serde_json::Value::Object(o) => o.get("name").and_then(ld_name),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).take(10).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn ld_types(v: &serde_json::Value) -> Vec<&str> {
    match v.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|t| t.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// Objects of a JSON-LD block: the top level, list items and `@graph` members.
fn ld_nodes<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>, depth: usize) {
    if depth > 4 || out.len() > 200 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| ld_nodes(x, out, depth + 1)),
        serde_json::Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                ld_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn json_ld(text: &str, ld: &mut LdMeta) {
    let text = text.trim();
    let text = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(text);
    // Lenient: some pages put raw newlines inside strings.
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text)
        .or_else(|_| serde_json::from_str(&text.replace(['\n', '\r', '\t'], " ")))
    else {
        return;
    };
    let mut nodes = Vec::new();
    ld_nodes(&v, &mut nodes, 0);
    for n in &nodes {
        let types = ld_types(n);
        let article = types
            .iter()
            .any(|t| t.ends_with("Article") || t.ends_with("BlogPosting") || *t == "Report");
        if article {
            let s = |k: &str| n.get(k).and_then(ld_name);
            set(
                &mut ld.headline,
                s("headline").or_else(|| s("name")).as_deref(),
            );
            if let Some(a) = n.get("author").and_then(ld_name) {
                set(&mut ld.author, Some(&clean_author(&a)));
            }
            set(&mut ld.publisher, s("publisher").as_deref());
            if let Some(b) = n.get("articleBody").and_then(|b| b.as_str())
                && ld.body.as_ref().is_none_or(|old| b.len() > old.len())
            {
                ld.body = Some(b.to_string());
            }
            set(
                &mut ld.date,
                n.get("datePublished").and_then(|d| d.as_str()),
            );
            let url = n.get("url").and_then(|u| u.as_str()).or_else(|| {
                let m = n.get("mainEntityOfPage")?;
                m.as_str().or_else(|| m.get("@id")?.as_str())
            });
            set(&mut ld.url, url.filter(|u| is_url(u)));
            set(&mut ld.language, s("inLanguage").as_deref());
        } else if types.iter().any(|t| {
            matches!(
                *t,
                "NewsMediaOrganization" | "Organization" | "WebSite" | "Corporation"
            )
        }) {
            set(&mut ld.site, n.get("name").and_then(ld_name).as_deref());
        }
    }
}

/// The element holding the article text when the readability extractor finds none: the
/// largest `<article>`, else `<main>`, else `<body>`.
fn content_root(doc: &Html) -> ElementRef<'_> {
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut main = None;
    let mut body = None;
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            // Outermost articles only, so nested ones do not make this quadratic.
            "article" if !has_ancestor(node, &["article"]) => {
                let len: usize = el.text().map(str::len).sum();
                if best.as_ref().is_none_or(|(l, _)| len > *l) {
                    best = Some((len, el));
                }
            }
            "main" if main.is_none() => main = Some(el),
            "body" if body.is_none() => body = Some(el),
            _ if el.value().attr("role") == Some("main") && main.is_none() => main = Some(el),
            _ => {}
        }
    }
    best.map(|(_, e)| e)
        .or(main)
        .or(body)
        .unwrap_or_else(|| doc.root_element())
}

/// "Kremlin cool on talks | Reuters" → ("Kremlin cool on talks", Some("Reuters")).
fn split_site_suffix(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " — ", " – ", " - ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            if !head.trim().is_empty() && !tail.is_empty() && tail.split_whitespace().count() <= 4 {
                return (head.trim().to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.to_string(), None)
}

/// Paragraphs of the subtree under `root`, and its first `<h1>`. `whole_page`: `root` is the
/// page's `<article>`/`<main>`/`<body>` (not the extractor's pick), so a `header`/`footer`
/// outside an article is page chrome and skipped.
fn walk(root: ElementRef<'_>, whole_page: bool) -> (Extracted, Option<String>) {
    let mut b = Builder {
        out: Extracted::default(),
        cur: String::new(),
        pending_space: false,
    };
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut pre_depth = 0usize;
    let mut article_h1: Option<String> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => b.text(t, pre_depth > 0),
                    Node::Element(e) => {
                        let name = e.name();
                        let skip = SKIP.contains(&name)
                            || is_hidden(e)
                            || (whole_page
                                && matches!(name, "header" | "footer")
                                && !has_ancestor(node, &["article", "main"]));
                        if skip {
                            skipping = Some(node.id());
                            if name == "br" || BLOCK.contains(&name) {
                                b.flush();
                            }
                            continue;
                        }
                        if name == "h1"
                            && article_h1.is_none()
                            && let Some(el) = ElementRef::wrap(node)
                        {
                            let t = text_of(el);
                            if !t.is_empty() {
                                article_h1 = Some(t);
                            }
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                        if matches!(name, "td" | "th") {
                            b.separator(" · ");
                        } else if BLOCK.contains(&name) {
                            b.flush();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    if e.name() == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCK.contains(&e.name()) {
                        b.flush();
                    }
                }
            }
        }
    }
    b.flush();
    (b.out, article_h1)
}

/// Class or id words that name page furniture set inside an article's container (the
/// readability extractor keeps these: its own list covers comments, related links, social
/// and sponsor boxes, not these): a newsletter or subscription box, a pull quote (the
/// article's own sentence repeated large), an author box, a "trending" or "most read" list,
/// an advertisement slot, a video player's caption, a footnote marker. Each entry is a run of
/// words of one class or id value split at `-` and `_` ("newsletter-inline", "pull_quote",
/// "author-bio", "ad-slot").
const FURNITURE_CLASSES: &[&[&str]] = &[
    &["newsletter"],
    &["subscription"],
    &["subscribe"],
    &["signup"],
    &["sign", "up"],
    &["pullquote"],
    &["pull", "quote"],
    &["author", "bio"],
    &["author", "info"],
    &["author", "box"],
    &["author", "card"],
    &["about", "author"],
    &["about", "the", "author"],
    &["trending"],
    &["most", "read"],
    &["most", "popular"],
    &["ad", "slot"],
    &["ad", "container"],
    &["ad", "wrapper"],
    &["advertisement"],
    &["video", "player"],
    &["footnote", "anchor"],
    &["footnote", "ref"],
];

/// Class words of controls: a button or share link ("button-wrapper", "btn-primary",
/// "share-email"), removed only while they hold a control's few words
/// ([`CONTROL_MAX_CHARS`]): a share bar's container can be the story's too.
const CONTROL_CLASSES: &[&[&str]] = &[&["button"], &["btn"], &["share"], &["sharing"]];

/// Most letters a control ([`CONTROL_CLASSES`]) holds: "Share The Transit Notebook".
const CONTROL_MAX_CHARS: usize = 60;

/// Whether a `class` or `id` value names page furniture ([`FURNITURE_CLASSES`]).
fn furniture_class(value: &str) -> bool {
    names_class(value, FURNITURE_CLASSES)
}

/// Whether a `class` or `id` value names one of `classes` (runs of words split at `-`, `_`).
fn names_class(value: &str, classes: &[&[&str]]) -> bool {
    value.split_whitespace().any(|token| {
        let parts: Vec<String> = token
            .split(['-', '_'])
            .filter(|p| !p.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        // "no-share" or "sd-sharing-enabled" on a post's container says what it lacks or
        // allows, not what it is.
        let flag = |i: usize, n: usize| {
            (i > 0
                && parts
                    .get(i - 1)
                    .is_some_and(|p| matches!(p.as_str(), "no" | "not" | "without" | "hide")))
                || parts
                    .get(i + n)
                    .is_some_and(|p| matches!(p.as_str(), "enabled" | "disabled" | "on" | "off"))
        };
        classes.iter().any(|pat| {
            parts
                .windows(pat.len())
                .enumerate()
                .any(|(i, w)| !flag(i, pat.len()) && w.iter().zip(*pat).all(|(a, b)| a == b))
        })
    })
}

/// Share of the page's text above which an element is never removed as furniture: a class
/// word can name the whole story's container (`<article class="newsletter-post">`).
const FURNITURE_MAX_SHARE: f64 = 0.25;

/// Removes from `doc` the elements whose class or id names page furniture
/// ([`FURNITURE_CLASSES`]) and that hold at most [`FURNITURE_MAX_SHARE`] of the page's text,
/// and footnote markers (a link to a place on the page whose text is a number: "matters.1").
/// Returns whether anything was removed.
fn remove_furniture(doc: &dom_query::Document) -> bool {
    let total = doc
        .select("body")
        .nodes()
        .first()
        .map_or(0, |b| letters(&b.text()));
    let mut doomed = Vec::new();
    for node in doc.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        if matches!(&*name, "html" | "body" | "main" | "article" | "h1") {
            continue;
        }
        let named = ["class", "id"]
            .iter()
            .any(|a| node.attr(a).is_some_and(|v| furniture_class(&v)));
        let footnote_marker =
            &*name == "a" && node.attr("href").is_some_and(|h| h.starts_with('#')) && {
                let t = node.text();
                let t = t.trim().trim_start_matches('[').trim_end_matches(']');
                !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
            };
        if footnote_marker {
            doomed.push(node);
            continue;
        }
        let len = || letters(&node.text());
        let control = ["class", "id"].iter().any(|a| {
            node.attr(a)
                .is_some_and(|v| names_class(&v, CONTROL_CLASSES))
        }) && len() <= CONTROL_MAX_CHARS;
        if control {
            doomed.push(node);
            continue;
        }
        if named && (len() as f64) <= FURNITURE_MAX_SHARE * total as f64 {
            doomed.push(node);
        }
    }
    doomed.extend(
        subscription_teasers(doc)
            .into_iter()
            .filter(|n| (letters(&n.text()) as f64) <= FURNITURE_MAX_SHARE * total as f64),
    );
    for n in &doomed {
        n.remove_from_parent();
    }
    !doomed.is_empty()
}

/// Class or id words of a box of the story's own facts set inside its text: a fact box, an
/// info box, key figures, "in numbers", "at a glance" (German "Infokasten", French
/// "encadré", Spanish "recuadro", Italian "riquadro"). The readability extractor drops every
/// `<aside>`, and so did [`walk`]; such a box is the story's, unlike a sidebar.
const FACT_BOX_CLASSES: &[&[&str]] = &[
    &["factbox"],
    &["fact", "box"],
    &["facts"],
    &["factfile"],
    &["fact", "file"],
    &["factsheet"],
    &["fact", "sheet"],
    &["keyfacts"],
    &["key", "facts"],
    &["key", "figures"],
    &["key", "numbers"],
    &["key", "points"],
    &["infobox"],
    &["info", "box"],
    &["infokasten"],
    &["info", "kasten"],
    &["faktenbox"],
    &["fakten"],
    &["faktenkasten"],
    &["encadre"],
    &["recuadro"],
    &["riquadro"],
    &["in", "numbers"],
    &["by", "the", "numbers"],
    &["at", "a", "glance"],
    &["chiffres", "cles"],
    &["datos", "clave"],
];

/// Class or id words that make a box beside the story something else than its facts: an
/// advertisement or sponsored content, related or recommended links, a newsletter or
/// subscription box, a site's widget or sidebar.
const NOT_FACT_BOX_CLASSES: &[&[&str]] = &[
    &["sponsor"],
    &["sponsored"],
    &["advert"],
    &["advertorial"],
    &["advertisement"],
    &["ad"],
    &["ads"],
    &["promo"],
    &["promoted"],
    &["partner"],
    &["native"],
    &["commercial"],
    &["anzeige"],
    &["werbung"],
    &["pub"],
    &["publicite"],
    &["publicidad"],
    &["related"],
    &["recommended"],
    &["more"],
    &["trending"],
    &["popular"],
    &["newsletter"],
    &["subscribe"],
    &["subscription"],
    &["signup"],
    &["paywall"],
    &["teaser"],
    &["widget"],
    &["sidebar"],
    &["outbrain"],
    &["taboola"],
];

/// Labels opening a box that is paid for, not reported (compared on the lower-cased text).
const PAID_LABELS: &[&str] = &[
    "sponsored",
    "advertisement",
    "paid content",
    "paid post",
    "promoted",
    "partner content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "contenido patrocinado",
    "pubblicità",
    "reklama",
];

/// Most words of a fact box: a few figures or lines, not a second story.
const FACT_BOX_MAX_WORDS: usize = 300;

/// Highest share of a fact box's letters inside links (a box of links is a related list).
const FACT_BOX_MAX_LINK_SHARE: f64 = 0.25;

/// Fewest words of a paragraph that counts as the story's text beside a box.
const STORY_PARAGRAPH_MIN_WORDS: usize = 12;

/// Characters of `s` other than whitespace: how the furniture and box rules measure text.
fn letters(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether `node` sits among the story's paragraphs: its parent or grandparent holds at least
/// two paragraphs of [`STORY_PARAGRAPH_MIN_WORDS`] words of its own.
fn among_story_paragraphs(node: &dom_query::NodeRef<'_>) -> bool {
    node.ancestors_it(Some(2)).any(|a| {
        a.element_children()
            .iter()
            .filter(|c| {
                c.node_name().is_some_and(|n| &*n == "p")
                    && words_of(&c.text()) >= STORY_PARAGRAPH_MIN_WORDS
            })
            .count()
            >= 2
    })
}

/// Whether the box `node` is the story's own facts: its class or id names a fact box
/// ([`FACT_BOX_CLASSES`]), or it is an unnamed `<aside>` shaped like one (a heading over a
/// list, a definition list or a table, and no links); in both cases among the story's
/// paragraphs, short, not a box of links, and not marked or labelled as paid, related or
/// subscription furniture.
fn is_fact_box(node: &dom_query::NodeRef<'_>) -> bool {
    let attrs: Vec<String> = ["class", "id"]
        .iter()
        .filter_map(|a| node.attr(a).map(|v| v.to_string()))
        .collect();
    let named = attrs.iter().any(|v| names_class(v, FACT_BOX_CLASSES));
    if attrs.iter().any(|v| names_class(v, NOT_FACT_BOX_CLASSES))
        || node
            .attrs()
            .iter()
            .any(|a| a.name.local.starts_with("data-ad"))
    {
        return false;
    }
    let text = node.text();
    let n = words_of(&text);
    if !(3..=FACT_BOX_MAX_WORDS).contains(&n) {
        return false;
    }
    let lower = text.trim_start().to_lowercase();
    if PAID_LABELS.iter().any(|l| lower.starts_with(l)) {
        return false;
    }
    let links: Vec<_> = node
        .descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| &*n == "a"))
        .collect();
    let link_letters: usize = links.iter().map(|a| letters(&a.text())).sum();
    if link_letters as f64 > FACT_BOX_MAX_LINK_SHARE * letters(&text) as f64 {
        return false;
    }
    let shaped = || {
        let has = |names: &[&str]| {
            node.descendants_it()
                .any(|d| d.node_name().is_some_and(|n| names.contains(&&*n)))
        };
        attrs.is_empty()
            && links.is_empty()
            && has(&["h2", "h3", "h4", "h5", "h6"])
            && has(&["ul", "ol", "dl", "table"])
    };
    (named || shaped()) && among_story_paragraphs(node)
}

/// Turns each `<aside>` (or element marked `role="complementary"`) that is the story's own
/// fact box ([`is_fact_box`]) into a plain `<div>`, so that the readability extractor and
/// [`walk`] keep it with the story. Returns whether any was.
fn keep_fact_boxes(doc: &dom_query::Document) -> bool {
    let boxes: Vec<_> = doc
        .root()
        .descendants_it()
        .filter(|n| {
            n.is_element()
                && (n.node_name().is_some_and(|name| &*name == "aside")
                    || n.attr("role").is_some_and(|r| &*r == "complementary"))
                && is_fact_box(n)
        })
        .collect();
    for n in &boxes {
        n.rename("div");
        n.remove_attr("role");
    }
    !boxes.is_empty()
}

/// Openings of words that ask for a subscription or a membership, or stand in a paywall's
/// meter or log-in line, compared on a lower-cased word's start: "subscribe", "subscriber";
/// French "abonnez-vous", "abonnés", German "abonnieren", "Abonnent", Dutch "abonneer";
/// Italian "abbonati"; Spanish "suscríbete", "suscripción"; Portuguese "assine",
/// "assinatura"; Polish "prenumerata", "subskrypcja"; "paywall", "premium", "membership",
/// "membresía"; and the log-in verbs a teaser offers subscribers ("connectez-vous",
/// "einloggen", "login").
const SUBSCRIPTION_STEMS: &[&str] = &[
    "subscri",
    "abonn",
    "abbona",
    "abbonam",
    "suscri",
    "suscrí",
    "assine",
    "assinant",
    "assinatur",
    "prenumer",
    "subskryp",
    "paywall",
    "premium",
    "membership",
    "membresía",
    "membresia",
    "mitgliedschaft",
    "connectez",
    "einloggen",
    "login",
];

/// Whole words of the same kind: German "Abo" and "Abos" (not in capitals: "ABO Wind" is a
/// company).
const SUBSCRIPTION_WORDS: &[&str] = &["abo", "abos"];

/// Phrases of a paywall's meter, offer or log-in line, looked for in the lower-cased text:
/// "you have read 2 free articles", "unlimited access", "already a member? log in".
const SUBSCRIPTION_PHRASES: &[&str] = &[
    "free article",
    "articles gratuits",
    "article gratuit",
    "kostenlose artikel",
    "kostenlosen artikel",
    "gratis-artikel",
    "artículos gratuitos",
    "artículos gratis",
    "articoli gratuiti",
    "artigos gratuitos",
    "unlimited access",
    "accès illimité",
    "unbegrenzten zugang",
    "unbegrenzter zugang",
    "acceso ilimitado",
    "accesso illimitato",
    "acesso ilimitado",
    "sign in",
    "log in",
    "se connecter",
    "inicia sesión",
    "iniciar sesión",
    "hazte miembro",
    "hágase miembro",
    "become a member",
    "devenez membre",
    "mitglied werden",
];

/// How many subscription cues ([`SUBSCRIPTION_STEMS`], [`SUBSCRIPTION_WORDS`],
/// [`SUBSCRIPTION_PHRASES`]) `text` holds.
fn subscription_cues(text: &str) -> usize {
    let lower = text.to_lowercase();
    let words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| {
            let w = w.trim_matches('-');
            let l = w.to_lowercase();
            SUBSCRIPTION_STEMS.iter().any(|s| l.starts_with(s))
                || SUBSCRIPTION_WORDS.contains(&l.as_str()) && w.chars().any(char::is_lowercase)
        })
        .count();
    words
        + SUBSCRIPTION_PHRASES
            .iter()
            .map(|p| lower.matches(p).count())
            .sum::<usize>()
}

/// Class, id or `data-` attribute words that mark a paywall's or an offer's box
/// (`class="abo-teaser"`, `data-paywall="soft"`, `id="regwall"`).
const PAYWALL_CLASSES: &[&[&str]] = &[
    &["paywall"],
    &["regwall"],
    &["abo"],
    &["abonnement"],
    &["subscription"],
    &["subscribe"],
    &["premium", "teaser"],
    &["premium", "banner"],
    &["offer"],
    &["meter"],
];

/// Most words of a subscription teaser: a meter line, an offer, a button and a log-in line.
const TEASER_MAX_WORDS: usize = 120;

/// Fewest subscription cues in a teaser, and most words per cue: the box is about the
/// subscription, not a story that mentions one.
const TEASER_MIN_CUES: usize = 2;
const TEASER_WORDS_PER_CUE: usize = 30;

/// Levels above a text holding a cue searched for the teaser's box.
const TEASER_MAX_LEVELS: usize = 6;

/// Elements whose text is not shown on the page.
const UNSHOWN: &[&str] = &["script", "style", "noscript", "template", "svg"];

/// The text `node` shows: its text nodes outside [`UNSHOWN`] elements, a space between each.
fn shown_text(node: &dom_query::NodeRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            out.push_str(&n.text());
            out.push(' ');
        } else if !n.node_name().is_some_and(|name| UNSHOWN.contains(&&*name)) {
            let mut children = n.children();
            children.reverse();
            stack.extend(children);
        }
    }
    out
}

/// Whether the box `node` is a subscription or paywall teaser set in or after the story
/// ("You have read 2 of 3 free articles … Subscribe for £1 … Already a subscriber? Log in"):
/// short ([`TEASER_MAX_WORDS`]), dense with subscription cues ([`TEASER_MIN_CUES`], one per
/// [`TEASER_WORDS_PER_CUE`] words), with a link or button asking for the subscription or a
/// class naming a paywall ([`PAYWALL_CLASSES`]), holding no two of the story's paragraphs
/// (of [`STORY_PARAGRAPH_MIN_WORDS`] words without a cue), and set beside the story's
/// paragraphs ([`beside_the_story`]).
fn is_subscription_teaser(node: &dom_query::NodeRef<'_>) -> bool {
    if !node.node_name().is_some_and(|n| {
        matches!(
            &*n,
            "div" | "section" | "aside" | "form" | "footer" | "ins" | "span"
        )
    }) {
        return false;
    }
    let text = shown_text(node);
    let n = words_of(&text);
    let cues = subscription_cues(&text);
    if n > TEASER_MAX_WORDS || cues < TEASER_MIN_CUES || cues * TEASER_WORDS_PER_CUE < n {
        return false;
    }
    let marked = node.attrs().iter().any(|a| {
        let name = a.name.local.to_string();
        ["class", "id"].contains(&name.as_str()) && names_class(&a.value, PAYWALL_CLASSES)
            || name
                .strip_prefix("data-")
                .is_some_and(|d| names_class(d, PAYWALL_CLASSES))
    });
    let mut story_paragraphs = 0;
    let mut asks = false;
    for d in node.descendants_it() {
        match d.node_name().as_deref() {
            Some("a" | "button") => asks |= subscription_cues(&d.text()) > 0,
            Some("p") => {
                let t = d.text();
                if words_of(&t) >= STORY_PARAGRAPH_MIN_WORDS && subscription_cues(&t) == 0 {
                    story_paragraphs += 1;
                }
            }
            _ => {}
        }
    }
    (asks || marked) && story_paragraphs < 2 && beside_the_story(node)
}

/// Whether `node` is set in or after the story rather than being it: its parent or
/// grandparent holds, outside `node`, at least two paragraphs of
/// [`STORY_PARAGRAPH_MIN_WORDS`] words (a short story about a bus pass, "l'abonnement", is
/// the only text of its container).
fn beside_the_story(node: &dom_query::NodeRef<'_>) -> bool {
    node.ancestors_it(Some(2)).any(|a| {
        a.descendants_it()
            .filter(|d| {
                d.node_name().is_some_and(|n| &*n == "p")
                    && words_of(&d.text()) >= STORY_PARAGRAPH_MIN_WORDS
                    && !d.ancestors_it(None).any(|x| x.id == node.id)
            })
            .take(2)
            .count()
            >= 2
    })
}

/// The subscription teasers of `doc` ([`is_subscription_teaser`]): boxes a few levels above
/// a text that holds a subscription cue.
fn subscription_teasers<'a>(doc: &'a dom_query::Document) -> Vec<dom_query::NodeRef<'a>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in doc.root().descendants_it() {
        if !t.is_text()
            || t.parent()
                .and_then(|p| p.node_name())
                .is_some_and(|name| UNSHOWN.contains(&&*name))
            || subscription_cues(&t.text()) == 0
        {
            continue;
        }
        for a in t.ancestors_it(Some(TEASER_MAX_LEVELS)) {
            if a.node_name()
                .is_some_and(|n| matches!(&*n, "body" | "main" | "article" | "html"))
            {
                break;
            }
            if seen.insert(a.id) && is_subscription_teaser(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// Fewest words of a declared `articleBody` used instead of the shown text.
const DECLARED_BODY_MIN_WORDS: usize = 150;

/// How many times longer than the shown text a declared `articleBody` must be to replace it
/// (the two are usually the same text, give or take a caption or a heading).
const DECLARED_BODY_FACTOR: usize = 2;

/// How much longer (in tenths) than the shown text a declared `articleBody` that continues it
/// must be: the page shows the declared article's opening (a paywall's teaser) and then
/// stops, with a subscription box or a "read more" button after it.
const TEASER_FACTOR_TENTHS: usize = 13;

/// Words of a shown paragraph's opening looked for in the declared text.
const TEASER_PROBE_WORDS: usize = 10;

fn words_of(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The paragraphs of a JSON-LD `articleBody` (lines of plain text; markup, when a site puts
/// HTML in it, is dropped), when it holds at least [`DECLARED_BODY_MIN_WORDS`] words and
/// [`DECLARED_BODY_FACTOR`] times the `shown` words.
///
/// Or, from [`TEASER_FACTOR_TENTHS`] / 10 times, when the page shows the declared article's
/// opening: one of the first shown paragraphs opens with words the declared text holds.
fn declared_body(
    declared: &str,
    shown_body: &str,
    shown_paragraphs: &[Span],
) -> Option<(String, Vec<Span>)> {
    let n = words_of(declared);
    let shown = words_of(shown_body);
    let flat = |t: &str, k: usize| t.split_whitespace().take(k).collect::<Vec<_>>().join(" ");
    let teaser = 10 * n >= TEASER_FACTOR_TENTHS * shown && {
        let declared_flat = flat(declared, usize::MAX);
        shown_paragraphs.iter().take(3).any(|p| {
            let opening = flat(shown_body.get(p.range()).unwrap_or(""), TEASER_PROBE_WORDS);
            words_of(&opening) == TEASER_PROBE_WORDS && declared_flat.contains(&opening)
        })
    };
    if n < DECLARED_BODY_MIN_WORDS || n < DECLARED_BODY_FACTOR * shown && !teaser {
        return None;
    }
    let text = if declared.contains('<') && declared.contains('>') {
        strip_tags(declared)
    } else {
        declared.to_string()
    };
    let mut body = String::new();
    let mut paragraphs = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            push_paragraph(&mut body, &mut paragraphs, &line);
        }
    }
    (!paragraphs.is_empty()).then_some((body, paragraphs))
}

/// What the readability extractor (`dom_smoothie`, a port of Mozilla's Readability.js) picks
/// as the article: its cleaned HTML, title and byline. `None` when it finds no article.
fn readable(doc: dom_query::Document) -> Option<dom_smoothie::Article> {
    let config = dom_smoothie::Config {
        // Metadata comes from our own reading of the page (JSON-LD is parsed there too).
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(config)).ok()?;
    r.parse().ok()
}

pub fn extract(src: &str) -> Extracted {
    let (depth, attributes) = nesting(src);
    if depth > MAX_NESTING || attributes > MAX_ATTRIBUTES {
        let text = strip_tags(src);
        let (body, paragraphs) = super::text::extract(&text);
        return Extracted {
            body,
            paragraphs,
            meta: Meta::default(),
            note: Some(if depth > MAX_NESTING {
                super::WarningKind::MarkupTooComplex {
                    depth: Some(depth),
                    attributes: None,
                }
            } else {
                super::WarningKind::MarkupTooComplex {
                    depth: None,
                    attributes: Some(attributes),
                }
            }),
        };
    }
    let doc = dom_query::Document::from(src);
    let pm = page_meta(&doc);
    let kept = keep_fact_boxes(&doc);
    let cleaned = (remove_furniture(&doc) | kept).then(|| doc.html().to_string());
    let src = cleaned.as_deref().unwrap_or(src);
    let article = readable(doc);
    let mut picked = None;
    if let Some(a) = &article {
        let frag = Html::parse_fragment(&a.content);
        let (out, h1) = walk(frag.root_element(), false);
        if !out.paragraphs.is_empty() {
            picked = Some((out, h1));
        }
    }
    let (mut out, article_h1) = picked.unwrap_or_else(|| {
        let doc = Html::parse_document(src);
        walk(content_root(&doc), true)
    });

    let (clean_title, suffix) = match &pm.title {
        Some(t) => {
            let (h, s) = split_site_suffix(t);
            (Some(h), s)
        }
        None => (None, None),
    };
    let url = pm.canonical.or(pm.og_url).or(pm.ld.url);
    let source = pm
        .site
        .or(pm.ld.publisher)
        .or(pm.ld.site)
        .or(pm.app_name)
        .or(suffix)
        .or_else(|| url.as_deref().and_then(url_host));
    let headline = article_h1.clone().or(pm.first_h1.clone());
    let title = pm
        .ld
        .headline
        .or(pm.og_title.map(|t| split_site_suffix(&t).0))
        .or(article_h1)
        .or(clean_title)
        .or(pm.first_h1);
    let byline = article
        .and_then(|a| a.byline)
        .map(|b| clean_author(&b))
        .filter(|b| !b.is_empty() && b.split_whitespace().count() <= 12);
    let language = pm
        .lang
        .or(pm.ld.language)
        .or(pm.meta_lang)
        .map(|l| l.replace('_', "-"))
        .filter(|l| l.len() <= 35);
    let author = pm.ld.author.or(pm.author).or(byline);
    let (mut body, mut paragraphs) =
        super::boilerplate::filter(&out.body, &out.paragraphs, author.as_deref());
    // A page that shows a teaser (a paywall, a "Read full article" button, text the browser
    // renders from script) while its structured data carries the whole article: the
    // declared text, when it is much longer than what the page shows.
    if let Some((b, p)) = pm
        .ld
        .body
        .as_deref()
        .and_then(|declared| declared_body(declared, &body, &paragraphs))
    {
        (body, paragraphs) = super::boilerplate::filter(&b, &p, author.as_deref());
    }
    // The headline opens the body, as in the other formats (the extractor lifts it out of
    // the article as the title): it is compared across outlets like any passage.
    if let Some(h) = headline.filter(|h| h.chars().any(char::is_alphanumeric))
        && !paragraphs
            .iter()
            .take(3)
            .any(|p| body.get(p.range()).is_some_and(|t| t.contains(h.as_str())))
    {
        let shift = h.len() + 2;
        body = format!("{h}\n\n{body}");
        paragraphs = std::iter::once(Span::new(0, h.len()))
            .chain(
                paragraphs
                    .iter()
                    .map(|p| Span::new(p.start + shift, p.end + shift)),
            )
            .collect();
    }
    out.body = body;
    out.paragraphs = paragraphs;
    out.meta = Meta {
        title,
        source,
        date: pm.date.or(pm.ld.date).or(pm.time).map(|d| tidy_date(&d)),
        url,
        author,
        language,
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_class_names_a_button_or_share_link_not_a_flag_about_one() {
        for v in [
            "button primary",
            "button-wrapper",
            "btn-red",
            "share-email sd-button",
        ] {
            assert!(names_class(v, CONTROL_CLASSES), "{v}");
        }
        for v in [
            "no-share post-96709",
            "sharedaddy sd-sharing-enabled",
            "buttonshine",
            "shared",
        ] {
            assert!(!names_class(v, CONTROL_CLASSES), "{v}");
        }
        assert!(!furniture_class("no-newsletter"));
        assert!(furniture_class("newsletter-inline"));
    }

    #[test]
    fn a_teaser_page_reads_the_article_its_structured_data_declares() {
        let sentence = "The council voted on Tuesday to close the bridge for repairs after an inspection found cracks in two piers.";
        let full: Vec<String> = (1..=12)
            .map(|i| format!("{sentence} Paragraph {i} says more."))
            .collect();
        let ld = serde_json::json!({
            "@type": "NewsArticle",
            "headline": "Bridge closes",
            "articleBody": full.join("\n"),
        });
        let teaser = format!(
            "<html><head><script type=\"application/ld+json\">{ld}</script></head><body><article>\
<h1>Bridge closes</h1><p>{sentence}</p><p><a href=\"/sub\">READ FULL ARTICLE</a></p></article></body></html>"
        );
        let e = extract(&teaser);
        let paras: Vec<&str> = e.paragraphs.iter().map(|p| &e.body[p.range()]).collect();
        assert_eq!(
            paras.len(),
            13,
            "headline + the twelve declared paragraphs: {paras:#?}"
        );
        assert_eq!(paras[0], "Bridge closes");
        assert_eq!(paras[12], full[11]);
        // A page that shows the whole article keeps what it shows (its own paragraphs, not
        // the declared copy).
        let shown: String = full.iter().map(|p| format!("<p>{p}</p>")).collect();
        let whole = format!(
            "<html><head><script type=\"application/ld+json\">{ld}</script></head><body><article>\
<h1>Bridge closes</h1>{shown}<p>A caption the declared text lacks.</p></article></body></html>"
        );
        let e = extract(&whole);
        assert!(
            e.body.contains("A caption the declared text lacks."),
            "{}",
            e.body
        );
    }

    #[test]
    fn a_paywall_showing_the_declared_articles_opening_reads_the_whole_declared_article() {
        // The page shows four of six paragraphs, then a subscription box: the declared text
        // is only one and a half times what is shown, but it continues the shown opening.
        let full: Vec<String> = (1..=6)
            .map(|i| {
                format!(
                    "Paragraph {i} of the merger story: the two haulage groups agreed terms on Monday \
                     after months of talks over depots, drivers and the value of the combined fleet."
                )
            })
            .collect();
        let ld = serde_json::json!({
            "@type": "NewsArticle",
            "headline": "Hauliers agree merger",
            "articleBody": full.join("\n"),
        });
        let shown: String = full.iter().take(4).map(|p| format!("<p>{p}</p>")).collect();
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{ld}</script></head><body>\
<div class=\"story\"><h1>Hauliers agree merger</h1>{shown}<div class=\"paywall\"><p>Subscribe to \
continue reading. Get unlimited access to award-winning journalism for just one pound a \
month, cancel at any time.</p></div></div></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body.contains(&full[5]),
            "the last declared paragraph: {}",
            e.body
        );
        assert!(!e.body.contains("unlimited access"), "{}", e.body);
        // A declared text that does not continue what the page shows (another article's
        // structured data) replaces nothing short of twice the length.
        let other = serde_json::json!({
            "@type": "NewsArticle",
            "articleBody": full.iter().map(|p| p.replace("merger", "strike")).collect::<Vec<_>>().join("\n"),
        });
        let page = page.replace(&ld.to_string(), &other.to_string());
        let e = extract(&page);
        assert!(!e.body.contains("strike"), "{}", e.body);
    }

    #[test]
    fn furniture_classes_are_words_of_a_class_or_id() {
        for yes in [
            "wp-block-group newsletter-inline",
            "subscription-widget-wrap",
            "wp-block-pullquote",
            "pull_quote",
            "author-bio",
            "ad-slot",
            "trending-now",
            "footnote-anchor",
            "most-read",
        ] {
            assert!(furniture_class(yes), "{yes}");
        }
        for no in [
            "article-body__section",
            "subscriber-content",
            "adventure",
            "readmore-author",
            "key-points",
            "headline",
            "pullout",
        ] {
            assert!(!furniture_class(no), "{no}");
        }
    }

    #[test]
    fn subscription_cues_in_several_languages_not_in_a_company_name() {
        for (text, n) in [
            (
                "Vous avez lu 2 articles gratuits. Abonnez-vous ! Déjà abonné ?",
                3,
            ),
            ("Jetzt abonnieren: das Abo für 1 Euro", 2),
            ("Suscríbete y accede a contenido premium", 2),
            ("Already a subscriber? Log in", 2),
            ("Assine já e leia sem limites", 1),
            ("ABO Wind bringt erstes Projekt ans Netz", 0),
            ("The council approved the bridge repairs on Tuesday", 0),
        ] {
            assert_eq!(subscription_cues(text), n, "{text}");
        }
    }

    #[test]
    fn a_fact_box_beside_the_story_is_kept_a_paid_box_is_not() {
        let story = "<p>The council voted on Tuesday to close the bridge for repairs, the mayor said, after an inspection.</p>\
<p>The repairs will take two years and cost more than the bridge did when it was first built.</p>";
        let src = format!(
            "<html><body><article><h1>Bridge closes</h1>{story}\
<aside class=\"key-figures\"><h3>In figures</h3><ul><li>£4.1m repair bill</li><li>2 piers cracked</li></ul></aside>\
<aside class=\"factbox sponsored\"><p>Sponsored: switch your energy supplier today</p></aside>\
<p>Traffic will use the ferry until then, officials said on Tuesday evening after the vote.</p></article></body></html>"
        );
        let e = extract(&src);
        assert!(e.body.contains("£4.1m repair bill"), "{}", e.body);
        assert!(!e.body.contains("energy supplier"), "{}", e.body);
    }

    #[test]
    fn furniture_inside_the_article_goes_but_never_the_story_itself() {
        let story = "<p>The council voted on Tuesday to close the bridge for repairs, the mayor said, after an inspection found cracks in two of its piers.</p>\
<p>The repairs will take two years and cost more than the bridge did.<a href=\"#fn1\" class=\"ref\">1</a></p>";
        let src = format!(
            "<html><body><article><h1>Bridge closes</h1>{story}\
<div class=\"newsletter-box\"><h3>Get the Morning Brief</h3><p>Every weekday, free.</p></div>\
<blockquote class=\"pullquote\"><p>Cracks in two of its piers.</p></blockquote>\
<p>Traffic will use the ferry until then, officials said.</p></article></body></html>"
        );
        let e = extract(&src);
        let paras: Vec<&str> = e.paragraphs.iter().map(|p| &e.body[p.range()]).collect();
        assert_eq!(
            paras,
            vec![
                "Bridge closes",
                "The council voted on Tuesday to close the bridge for repairs, the mayor said, after an inspection found cracks in two of its piers.",
                "The repairs will take two years and cost more than the bridge did.",
                "Traffic will use the ferry until then, officials said.",
            ]
        );
        // A class word naming the story's own container (a newsletter platform's post) does
        // not remove the story.
        let src = format!(
            "<html><body><article class=\"newsletter-post\"><h1>Bridge closes</h1>{story}</article></body></html>"
        );
        let e = extract(&src);
        assert!(e.body.contains("cracks in two of its piers"), "{}", e.body);
    }

    #[test]
    fn readable_text_and_metadata() {
        let src = r#"<!doctype html><html><head><title>Kremlin cool on talks | Example News</title>
<meta property="article:published_time" content="2024-12-23T10:00:00Z">
<link rel="canonical" href="https://news.example/kremlin">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><header><nav>Home | World</nav></header>
<article><h1>Kremlin   cool on talks</h1>
<p>Peskov said &ldquo;no plans&rdquo; &amp; no <b>date</b>.<p>Second<br>third
<div hidden>secret</div><table><tr><td>a</td><td>b</td></tr></table>
</article><aside>Related</aside><footer>© 2024</footer></body></html>"#;
        let e = extract(src);
        let paras: Vec<&str> = e.paragraphs.iter().map(|p| &e.body[p.range()]).collect();
        assert_eq!(
            paras,
            vec![
                "Kremlin cool on talks",
                "Peskov said “no plans” & no date.",
                "Second",
                "third",
                "a · b"
            ]
        );
        assert_eq!(e.meta.title.as_deref(), Some("Kremlin cool on talks"));
        assert_eq!(e.meta.source.as_deref(), Some("Example News"));
        assert_eq!(e.meta.date.as_deref(), Some("2024-12-23"));
        assert_eq!(e.meta.url.as_deref(), Some("https://news.example/kremlin"));
    }

    #[test]
    fn deep_nesting_is_read_as_text() {
        let src = format!(
            "{}deep &amp; text<script>x</script>{}<p>next",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let e = extract(&src);
        let paras: Vec<&str> = e.paragraphs.iter().map(|p| &e.body[p.range()]).collect();
        assert_eq!(paras, vec!["deep & text", "next"]);
        assert!(e.note.is_some());
    }

    #[test]
    fn nesting_depth_ignores_unclosed_paragraphs() {
        assert_eq!(nesting_depth(&"<p>para ".repeat(5000)), 0);
        assert_eq!(nesting_depth("<div><div><br></div><img src=x></div>"), 2);
        assert_eq!(nesting_depth("<!-- <div><div> --><br/>"), 0);
        // What html5ever builds: `<div/>` opens a div, `--!>` ends a comment, a stray end tag
        // closes nothing, SVG elements close themselves.
        assert_eq!(nesting_depth("<div/><div/><div/>"), 3);
        assert_eq!(nesting_depth("<!-- x --!><div><div>"), 2);
        assert_eq!(nesting_depth("<div></span><div></span>"), 2);
        assert_eq!(nesting_depth("<svg><path/><path/></svg>"), 1);
        assert_eq!(nesting_depth("<svg><foreignObject><x/><x/>"), 4);
        assert_eq!(nesting_depth("<a b='>' <!--='' <div><div>-->"), 2);
    }
}
