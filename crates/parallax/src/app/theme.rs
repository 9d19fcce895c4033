//! Colours of the viewer for light and dark themes: the two-tone difference colours, the
//! unmatched-cell hatching, framing category colours, and the labels/explanations of framing
//! categories shown in the legend and tooltips.

use egui::Color32;

/// Colours that depend on the theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub dark: bool,
    /// Light tint on the left / right cell of a changed pair.
    pub changed_left: Color32,
    pub changed_right: Color32,
    /// Strong background + text of removed (left) and added (right) words.
    pub delete_bg: Color32,
    pub delete_fg: Color32,
    pub insert_bg: Color32,
    pub insert_fg: Color32,
    /// A character-level refinement inside a changed word.
    pub refine_delete: Color32,
    pub refine_insert: Color32,
    /// Text differing only in an ignored way (case, punctuation).
    pub ignored_fg: Color32,
    /// Tint of a passage only one side reports.
    pub only_left: Color32,
    pub only_right: Color32,
    pub hatch: Color32,
    pub moved: Color32,
    pub current_row: Color32,
    pub search_bg: Color32,
    pub search_current_bg: Color32,
    /// Text colour of quoted speech.
    pub quote_fg: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub heading_text: Color32,
    pub grid: Color32,
    pub gutter_bg: Color32,
}

impl Palette {
    pub fn new(dark: bool) -> Self {
        if dark {
            Palette {
                dark,
                changed_left: Color32::from_rgb(58, 38, 41),
                changed_right: Color32::from_rgb(33, 58, 41),
                delete_bg: Color32::from_rgb(130, 42, 48),
                delete_fg: Color32::from_rgb(255, 222, 222),
                insert_bg: Color32::from_rgb(34, 110, 60),
                insert_fg: Color32::from_rgb(220, 255, 226),
                refine_delete: Color32::from_rgb(190, 60, 70),
                refine_insert: Color32::from_rgb(50, 160, 85),
                ignored_fg: Color32::from_rgb(120, 120, 120),
                only_left: Color32::from_rgb(45, 33, 35),
                only_right: Color32::from_rgb(29, 44, 34),
                hatch: Color32::from_rgb(72, 72, 76),
                moved: Color32::from_rgb(186, 140, 255),
                current_row: Color32::from_rgb(255, 196, 0),
                search_bg: Color32::from_rgb(120, 100, 10),
                search_current_bg: Color32::from_rgb(190, 140, 0),
                quote_fg: Color32::from_rgb(150, 200, 255),
                text: Color32::from_rgb(222, 222, 222),
                weak_text: Color32::from_rgb(150, 150, 150),
                heading_text: Color32::from_rgb(255, 255, 255),
                grid: Color32::from_rgb(60, 60, 64),
                gutter_bg: Color32::from_rgb(36, 36, 40),
            }
        } else {
            Palette {
                dark,
                changed_left: Color32::from_rgb(255, 234, 234),
                changed_right: Color32::from_rgb(228, 247, 231),
                delete_bg: Color32::from_rgb(255, 190, 190),
                delete_fg: Color32::from_rgb(120, 0, 10),
                insert_bg: Color32::from_rgb(176, 234, 184),
                insert_fg: Color32::from_rgb(0, 80, 20),
                refine_delete: Color32::from_rgb(240, 120, 120),
                refine_insert: Color32::from_rgb(100, 200, 115),
                ignored_fg: Color32::from_rgb(150, 150, 150),
                only_left: Color32::from_rgb(255, 244, 244),
                only_right: Color32::from_rgb(240, 251, 242),
                hatch: Color32::from_rgb(210, 210, 214),
                moved: Color32::from_rgb(130, 70, 210),
                current_row: Color32::from_rgb(230, 150, 0),
                search_bg: Color32::from_rgb(255, 236, 130),
                search_current_bg: Color32::from_rgb(255, 190, 40),
                quote_fg: Color32::from_rgb(20, 70, 150),
                text: Color32::from_rgb(30, 30, 30),
                weak_text: Color32::from_rgb(110, 110, 110),
                heading_text: Color32::from_rgb(0, 0, 0),
                grid: Color32::from_rgb(222, 222, 226),
                gutter_bg: Color32::from_rgb(246, 246, 248),
            }
        }
    }
}

/// The framing categories the viewer knows by name, with label and explanation (the ids and
/// wording of `assets/framing.toml`). Unknown ids still show, with a label made from the id.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "attribution.neutral",
        "Neutral attribution",
        "Reports speech without judging it (said, told, according to).",
    ),
    (
        "attribution.doubt",
        "Doubt-casting attribution",
        "Reports a statement while signalling it may be untrue (claimed, alleged).",
    ),
    (
        "attribution.endorsing",
        "Endorsing attribution",
        "Reports a statement as established fact (noted, revealed, confirmed).",
    ),
    (
        "attribution.conceding",
        "Conceding attribution",
        "Presents the speaker as giving ground reluctantly (admitted, conceded).",
    ),
    (
        "attribution.denying",
        "Denying attribution",
        "Reports a rejection (denied, dismissed, rejected, disputed).",
    ),
    (
        "attribution.insisting",
        "Insisting attribution",
        "Presents the speaker as holding a position against doubt (insisted, maintained).",
    ),
    (
        "attribution.manner",
        "Evaluative manner of speaking",
        "Describes how something was said in a way that judges it (slammed, boasted, dangled).",
    ),
    (
        "hedge",
        "Hedges",
        "Words that soften certainty (may, might, reportedly, apparently).",
    ),
    (
        "booster",
        "Boosters",
        "Words that present a claim as certain or strong (clearly, decisively, undoubtedly).",
    ),
    (
        "doubt_marker",
        "Doubt markers",
        "Signals that a label should not be taken at face value (so-called, purported, scare quotes).",
    ),
    (
        "loaded",
        "Loaded and evaluative words",
        "Words that carry the outlet's judgement or emotion (enthusiastically, aloof, bloody).",
    ),
    (
        "vague_attribution",
        "Vague attribution",
        "Claims credited to unnamed people (analysts say, critics, sources said, it is believed).",
    ),
    (
        "naming",
        "Naming choices",
        "Words outlets choose between for the same thing (war / conflict, Zelensky / Zelenskiy).",
    ),
];

/// The group a category is switched on and off with, and shown under in the legend: every
/// naming family (`naming.<family>`) is one group; other categories are their own group.
pub fn group_of(id: &str) -> &str {
    if id == "naming" || id.starts_with("naming.") {
        "naming"
    } else {
        id
    }
}

/// Human label of a category id.
pub fn category_label(id: &str) -> String {
    if let Some((_, l, _)) = lookup(id) {
        return (*l).to_owned();
    }
    let mut s: String = id.replace(['.', '_', '-'], " ");
    if s.is_empty() {
        return s;
    }
    if let Some(first) = s.get(..1) {
        let up = first.to_uppercase();
        s.replace_range(..1, &up);
    }
    s
}

/// One-line explanation of a category id.
pub fn category_explanation(id: &str) -> String {
    lookup(id)
        .map(|(_, _, e)| (*e).to_owned())
        .unwrap_or_else(|| format!("Framing category “{id}” of the lexicon."))
}

fn lookup(id: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    KNOWN.iter().find(|(k, _, _)| *k == id).or_else(|| {
        // "hedge.epistemic" → "hedge"; "attribution.doubt_casting" → "attribution.doubt".
        KNOWN
            .iter()
            .filter(|(k, _, _)| id.starts_with(k))
            .max_by_key(|(k, _, _)| k.len())
    })
}

/// Underline colour of a category: fixed for the known families, otherwise a stable colour
/// picked from the id (FNV hash; deterministic across runs).
pub fn category_color(id: &str, dark: bool) -> Color32 {
    let family = id.split(['.', '_']).next().unwrap_or(id);
    let rgb = match (family, id) {
        (_, i) if i.starts_with("attribution.doubt") => (230, 120, 0),
        (_, i) if i.starts_with("attribution.manner") => (200, 40, 140),
        (_, i) if i.starts_with("attribution.endors") => (0, 150, 140),
        (_, i) if i.starts_with("attribution.deny") || i.starts_with("attribution.denying") => {
            (170, 60, 60)
        }
        (_, i) if i.starts_with("attribution.neutral") => (150, 160, 175),
        ("attribution", _) => (90, 120, 160),
        ("hedge", _) => (0, 140, 220),
        ("booster", _) => (220, 0, 200),
        ("doubt", _) => (240, 150, 0),
        ("loaded", _) => (210, 30, 60),
        ("vague", _) => (140, 100, 50),
        ("naming", _) => (60, 90, 255),
        _ => {
            let mut h: u32 = 0x811c_9dc5;
            for b in id.bytes() {
                h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
            }
            let hue = (h % 360) as f32 / 360.0;
            let c = egui::ecolor::Hsva::new(hue, 0.75, 0.8, 1.0);
            let c: Color32 = c.into();
            (c.r(), c.g(), c.b())
        }
    };
    let c = Color32::from_rgb(rgb.0, rgb.1, rgb.2);
    if dark {
        // Lift dark colours so they stay visible on a dark background.
        c.lerp_to_gamma(Color32::WHITE, 0.25)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_for_known_and_unknown_categories() {
        assert_eq!(category_label("hedge"), "Hedges");
        assert_eq!(
            category_label(group_of("naming.conflict")),
            "Naming choices"
        );
        assert_eq!(
            category_label("attribution.doubt"),
            "Doubt-casting attribution"
        );
        assert_eq!(category_label("weird_thing"), "Weird thing");
        assert_eq!(
            category_color("x.y", false),
            category_color("x.y", false),
            "colours are deterministic"
        );
        assert_ne!(
            category_color("loaded", false),
            category_color("hedge", false)
        );
    }
}
