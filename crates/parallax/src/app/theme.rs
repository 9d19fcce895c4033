//! Colours of the viewer for light and dark themes: the two-tone difference colours, the
//! unmatched-cell hatching, and the framing category colours (a legend colour index mapped to a
//! colour; labels and explanations come from the engine's [`crate::legend::Legend`]).

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

/// The group a category is switched on and off with (the engine's rule).
pub use crate::legend::group_of;

/// Underline colour of a framing category: its legend colour index
/// ([`crate::legend::LegendCategory::colour`], built by the engine from the lexicon in use)
/// mapped to the engine's colour table, the same colours as the HTML report's.
pub fn category_color(colour: usize, dark: bool) -> Color32 {
    let rgb = crate::legend::colour_rgb(colour, dark);
    Color32::from_rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

/// Widget colours of the light theme that egui's defaults leave too faint: an unchecked
/// checkbox or radio button is a light grey box on a light grey panel, nearly invisible. Their
/// boxes (and every idle widget's frame) get a visible outline.
pub fn tune_light_style(style: &mut egui::Style) {
    let w = &mut style.visuals.widgets.inactive;
    w.bg_fill = Color32::from_gray(226);
    w.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(140));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_colours_are_the_legend_index_mapped_to_the_engine_table() {
        assert_eq!(
            category_color(0, false),
            Color32::from_rgb(0x1f, 0x6f, 0xd1)
        );
        assert_ne!(category_color(0, false), category_color(1, false));
        assert_ne!(category_color(0, false), category_color(0, true));
        assert_eq!(
            category_color(crate::legend::COLOURS.len(), false),
            category_color(0, false),
            "indices past the table cycle"
        );
    }
}
