//! The framing legend every front end shows: label, explanation and colour index of each
//! category, built from the lexicon in use (the set's [`Framing`], so a `--lexicon` file's own
//! wording), never from a table kept in a front end. The viewer's theme, the HTML report and
//! the terminal only map [`LegendCategory::colour`] to a colour of [`COLOURS`].

use serde::Serialize;
use std::collections::BTreeSet;

use crate::framing::{Family, Framing, Lexicon};

/// Id of the legend entry that stands for every naming family.
pub const NAMING: &str = "naming";

/// The category colours, `(light, dark)` as `0xRRGGBB`, all different: index `i` of the
/// legend is `COLOURS[i % COLOURS.len()]` in every front end. There are more than the built-in
/// legend has entries (its categories, the scorer's evaluative words, naming), so each of them
/// has its own colour; only a user lexicon of more than 24 categories cycles.
pub const COLOURS: &[(u32, u32)] = &[
    (0x1f6fd1, 0x6fa8ff),
    (0xc2410c, 0xff9b5e),
    (0x7c3aed, 0xb794ff),
    (0x0f8a6a, 0x4fd1a5),
    (0xb91c7c, 0xff7ac6),
    (0xa16207, 0xf2c14e),
    (0x0e7490, 0x5ad3eb),
    (0x6b7280, 0xb3b9c4),
    (0x9f1239, 0xff8fa3),
    (0x3f6212, 0xa3d65c),
    (0x4338ca, 0xa5b4fc),
    (0xbe123c, 0xfda4af),
    (0x047857, 0x6ee7b7),
    (0x92400e, 0xfcd34d),
    (0xc026d3, 0xf0abfc),
    (0x15803d, 0x86efac),
    (0x1e3a8a, 0x93c5fd),
    (0xea580c, 0xfdba74),
    (0x0d9488, 0x5eead4),
    (0x9333ea, 0xd8b4fe),
    (0x57534e, 0xd6d3d1),
    (0xca8a04, 0xfde047),
    (0xdb2777, 0xf9a8d4),
    (0x0369a1, 0x7dd3fc),
];

/// The colour (`0xRRGGBB`) of legend colour index `colour` on a light or dark background.
pub fn colour_rgb(colour: usize, dark: bool) -> u32 {
    let (light, dk) = COLOURS
        .get(colour % COLOURS.len())
        .copied()
        .unwrap_or((0x6b7280, 0xb3b9c4));
    if dark { dk } else { light }
}

/// Colours and meanings of the framing categories.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Legend {
    /// The lexicon's categories in its order, then "naming" (every naming family), then any
    /// other category seen in a mark.
    pub categories: Vec<LegendCategory>,
    /// Naming families (`naming.<family>`), all drawn in the "naming" colour.
    pub families: Vec<LegendCategory>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendCategory {
    pub id: String,
    pub label: String,
    pub explanation: String,
    /// Index of the colour (see [`COLOURS`]; the HTML class `cat-N`).
    pub colour: usize,
}

/// The group a category is switched on and off with, and shown under in a legend: every naming
/// family (`naming.<family>`) is one group; any other category is its own group.
pub fn group_of(id: &str) -> &str {
    if id == NAMING || id.starts_with("naming.") {
        NAMING
    } else {
        id
    }
}

impl Legend {
    /// The legend of a set: the categories of its framing's lexicon (the built-in lexicon when
    /// the set has no framing), the naming entry when there are families, then every other
    /// category a mark of the set carries.
    pub fn of(analysis: &crate::model::Analysis) -> Legend {
        let seen: BTreeSet<&str> = analysis
            .framing
            .iter()
            .flat_map(|f| &f.articles)
            .flat_map(|a| &a.marks)
            .map(|m| m.category.as_str())
            .collect();
        Legend::new(analysis.framing.as_ref(), seen)
    }

    /// The legend of `framing` (the built-in lexicon when `None`) plus the categories `seen`
    /// in marks that the lexicon does not name (sorted by id, labelled by their id).
    pub fn new<'a>(framing: Option<&Framing>, seen: impl IntoIterator<Item = &'a str>) -> Legend {
        let entry = |id: &str, label: &str, explanation: &str| LegendCategory {
            id: id.to_string(),
            label: label.to_string(),
            explanation: explanation.to_string(),
            colour: 0,
        };
        let (mut categories, families, lexicon): (Vec<LegendCategory>, &[Family], &Lexicon) =
            match framing {
                Some(f) => (
                    f.categories
                        .iter()
                        .map(|c| entry(&c.id, &c.label, &c.explanation))
                        .collect(),
                    &f.families,
                    &f.lexicon,
                ),
                None => {
                    let builtin = Lexicon::builtin_ref();
                    (
                        builtin
                            .categories
                            .iter()
                            .map(|c| entry(&c.id, &c.label, &c.explanation))
                            .collect(),
                        &builtin.families,
                        builtin,
                    )
                }
            };
        let families: Vec<LegendCategory> = families
            .iter()
            .map(|fam| {
                let id = format!("naming.{}", fam.id);
                let (label, explanation) = lexicon
                    .describe(&id)
                    .unwrap_or_else(|| (fam.label.clone(), String::new()));
                entry(&id, &label, &explanation)
            })
            .collect();
        if !families.is_empty() {
            categories.push(entry(
                NAMING,
                "Naming choices",
                "Words outlets choose between for the same thing (war / conflict, Zelensky / \
                 Zelenskiy).",
            ));
        }
        let mut legend = Legend {
            categories,
            families,
        };
        let extra: BTreeSet<&str> = seen
            .into_iter()
            .filter(|id| legend.find(id).is_none())
            .collect();
        legend
            .categories
            .extend(extra.iter().map(|id| entry(id, &humanise(id), "")));
        for (i, c) in legend.categories.iter_mut().enumerate() {
            c.colour = i;
        }
        let naming_colour = legend
            .categories
            .iter()
            .find(|c| c.id == NAMING)
            .map_or(0, |c| c.colour);
        for f in &mut legend.families {
            f.colour = naming_colour;
        }
        legend
    }

    /// The legend entry of a mark's category: the category itself, its naming family, or the
    /// naming entry for any `naming.*` id.
    pub fn find(&self, id: &str) -> Option<&LegendCategory> {
        self.categories
            .iter()
            .chain(&self.families)
            .find(|c| c.id == id)
            .or_else(|| {
                id.starts_with("naming.")
                    .then(|| self.categories.iter().find(|c| c.id == NAMING))
                    .flatten()
            })
    }

    /// The label of category `id` (made from the id when the legend does not know it).
    pub fn label(&self, id: &str) -> String {
        self.find(id)
            .map_or_else(|| humanise(id), |c| c.label.clone())
    }

    /// The one-line explanation of category `id`.
    pub fn explanation(&self, id: &str) -> String {
        self.find(id)
            .map(|c| c.explanation.clone())
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| format!("Framing category “{id}” of the lexicon."))
    }

    /// The colour index of category `id` (0 when the legend does not know it).
    pub fn colour(&self, id: &str) -> usize {
        self.find(id).map_or(0, |c| c.colour)
    }
}

/// "loaded.label" → "Loaded label".
fn humanise(id: &str) -> String {
    let s: String = id.replace(['.', '_', '-'], " ");
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_legend_follows_the_lexicon_and_colours_naming_families_alike() {
        let lex = Lexicon::builtin();
        let legend = Legend::new(None, ["weird_thing"]);
        let first = lex
            .categories
            .first()
            .expect("the built-in lexicon has categories");
        assert_eq!(legend.categories[0].id, first.id);
        assert_eq!(legend.label(&first.id), first.label);
        assert_eq!(legend.colour(&first.id), 0);
        let naming = legend.colour(NAMING);
        let fam = lex
            .families
            .first()
            .expect("the built-in lexicon has families");
        assert_eq!(legend.colour(&format!("naming.{}", fam.id)), naming);
        assert_eq!(legend.colour("naming.not-a-family"), naming);
        assert_eq!(legend.label("weird_thing"), "Weird thing");
        assert_eq!(group_of("naming.conflict"), NAMING);
        assert_eq!(group_of("hedge"), "hedge");
        let ids: BTreeSet<usize> = legend.categories.iter().map(|c| c.colour).collect();
        assert_eq!(
            ids.len(),
            legend.categories.len(),
            "one colour index per category"
        );
        assert_ne!(colour_rgb(0, false), colour_rgb(1, false));
        let light: BTreeSet<(u32, u32)> = COLOURS.iter().copied().collect();
        assert_eq!(
            light.len(),
            COLOURS.len(),
            "the table has no repeated colour"
        );
        assert_eq!(
            colour_rgb(COLOURS.len(), true),
            colour_rgb(0, true),
            "cycled"
        );
    }

    /// Every category of the built-in legend has a colour of its own, on light and dark
    /// backgrounds: the scorer's evaluative words are not drawn like neutral attribution (the
    /// index used to wrap past the table), and naming is unlike both.
    #[test]
    fn every_builtin_category_has_a_distinct_colour() {
        let legend = Legend::new(None, [crate::framing::score::EVALUATIVE, "doubt_marker"]);
        assert!(legend.find(crate::framing::score::EVALUATIVE).is_some());
        assert!(legend.find(NAMING).is_some());
        for dark in [false, true] {
            let mut seen = std::collections::BTreeMap::new();
            for c in &legend.categories {
                if let Some(other) = seen.insert(colour_rgb(c.colour, dark), &c.id) {
                    panic!("{} and {} share a colour (dark: {dark})", other, c.id);
                }
            }
        }
    }
}
