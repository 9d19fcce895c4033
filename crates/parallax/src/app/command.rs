//! The one list of user actions. Each [`Command`] knows its label, tooltip and keyboard
//! shortcuts; the menus, the key handling and Help ▸ Keyboard shortcuts all read them from
//! here. Views never change shared state directly: they push commands, which the app applies
//! once per frame (like rerun's `SystemCommand`).

use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

use super::View;
use super::state::{Filter, ThemePref};
use crate::align::PassageRef;

/// Declares [`Command`] from its two kinds of variants, so that the list of fixed commands
/// ([`Command::FIXED`], what menus, key handling and Help ▸ Keyboard shortcuts read) is derived
/// from the declaration and can never miss one.
macro_rules! commands {
    (
        fixed { $( $(#[$fm:meta])* $fixed:ident, )* }
        data { $($data:tt)* }
    ) => {
        /// Every action of the viewer: the fixed ones (no data: a menu item, a shortcut), then
        /// the ones that carry data (which passage, which file, which value), which views
        /// build as they are used (rerun's `UICommand` / `SystemCommand` split, in one enum so
        /// there is one queue and one place that applies them).
        #[derive(Debug, Clone, PartialEq)]
        pub enum Command {
            $( $(#[$fm])* $fixed, )*
            $($data)*
        }

        impl Command {
            /// Every command without data, in declaration order (derived by the macro).
            pub const FIXED: &'static [Command] = &[$(Command::$fixed),*];
        }
    };
}

commands! {
    fixed {
        OpenFolder,
        OpenFolderByPath,
        OpenSeeds,
        Reload,
        CancelJob,
        Quit,
        NextDifference,
        PrevDifference,
        FirstDifference,
        LastDifference,
        Find,
        FindNext,
        FindPrev,
        SwapSides,
        NextLeftSource,
        PrevLeftSource,
        NextRightSource,
        PrevRightSource,
        ZoomIn,
        ZoomOut,
        ZoomReset,
        ToggleSettings,
        ToggleWarnings,
        ShowShortcuts,
        ShowAbout,
        /// Copy the selected side-by-side row, with its source names, as plain text.
        Copy,
        ExportReport,
        /// Show the event of the selected side-by-side row across every source.
        OpenSelectedEvent,
        /// Take back the last hand correction.
        UndoCorrection,
        /// Show or hide the list of hand corrections.
        ToggleCorrections,
        /// Show the list of sources with their names (Edit ▸ Rename sources…).
        ShowSources,
    }
    data {
        /// Open a folder (from the path field, Open recent, a drop or a test).
        OpenPath(PathBuf),
        /// Open individual files (dropped on the window).
        OpenFiles(Vec<PathBuf>),
        /// Show articles `left` and `right` (indices into the corpus) side by side.
        SelectPair {
            left: usize,
            right: usize,
        },
        /// Scroll the side-by-side table to the row holding this passage of `article`.
        RevealPassage {
            article: usize,
            passage: usize,
        },
        SetFilter(Filter),
        /// Re-align the open set with this minimum similarity.
        SetMinScore(f32),
        SetIgnoreCase(bool),
        SetIgnorePunctuation(bool),
        /// Show (false) or hide (true) one framing category.
        SetCategoryHidden(String, bool),
        SetTheme(ThemePref),
        ShowView(View),
        /// Show passage `passage` of `article` side by side (pair `left`, `right`) and scroll
        /// to it.
        ShowPassage {
            left: usize,
            right: usize,
            article: usize,
            passage: usize,
        },
        /// Show one event (index into the events) across every source.
        OpenEvent(usize),
        /// Build and write the report to this file.
        ExportReportTo(PathBuf),
        /// Link two passages of different articles by hand (a correction).
        LinkPassages(PassageRef, PassageRef),
        /// Remove the links between these pairs of passages by hand (one correction per pair).
        UnlinkPassages(Vec<(PassageRef, PassageRef)>),
        /// Take back one hand correction (index into the open set's list).
        RemoveCorrection(usize),
        /// Put this text on the clipboard (`what` names it in the status bar).
        CopyText {
            what: String,
            text: String,
        },
        /// Write the open set's hand corrections to this file (one `align --corrections FILE`
        /// and `report --corrections FILE` read).
        SaveCorrectionsTo(PathBuf),
        /// Open the file an article was read from (`web`: its web address, when known) with the
        /// system's default application.
        OpenOriginal {
            article: usize,
            web: bool,
        },
        /// Use the framing lexicon in this file (None: the built-in one) and re-align the set.
        SetLexicon(Option<PathBuf>),
        /// Open Rename sources… on this article's name, ready to type.
        EditSourceName(usize),
        /// Give article `article`'s source the name `name` in this set (empty: back to the name
        /// the set gives it). Kept in the app's settings, never in the article folder.
        RenameSource {
            article: usize,
            name: String,
        },
    }
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const ALT: Modifiers = Modifiers::ALT;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT_SHIFT: Modifiers = Modifiers {
    alt: true,
    shift: true,
    ..Modifiers::NONE
};

impl Command {
    /// The commands with a fixed meaning, in the order Help ▸ Keyboard shortcuts lists them.
    pub fn catalogue() -> Vec<Command> {
        use Command::*;
        let mut v = Self::FIXED.to_vec();
        v.extend(Filter::ALL.map(SetFilter));
        v.extend(ThemePref::ALL.map(SetTheme));
        v.extend(View::ALL.map(ShowView));
        v
    }

    /// Menu and help label, sentence case.
    pub fn label(&self) -> String {
        use Command::*;
        match self {
            OpenFolder => "Open folder…".into(),
            OpenFolderByPath => "Open folder by path…".into(),
            OpenSeeds => "Open sample articles".into(),
            OpenPath(p) => format!("Open {}", p.display()),
            OpenFiles(fs) => format!("Open {} files", fs.len()),
            Reload => "Reload".into(),
            CancelJob => "Cancel the running job".into(),
            Quit => "Quit".into(),
            NextDifference => "Next difference".into(),
            PrevDifference => "Previous difference".into(),
            FirstDifference => "First difference".into(),
            LastDifference => "Last difference".into(),
            Find => "Find…".into(),
            FindNext => "Find next".into(),
            FindPrev => "Find previous".into(),
            SwapSides => "Swap sides".into(),
            NextLeftSource => "Next left source".into(),
            PrevLeftSource => "Previous left source".into(),
            NextRightSource => "Next right source".into(),
            PrevRightSource => "Previous right source".into(),
            SelectPair { .. } => "Compare sources".into(),
            RevealPassage { .. } => "Show passage".into(),
            SetFilter(f) => f.label().into(),
            SetMinScore(v) => format!("Minimum match {}", crate::compare::percent(*v)),
            SetIgnoreCase(_) => "Ignore case".into(),
            SetIgnorePunctuation(_) => "Ignore punctuation".into(),
            SetCategoryHidden(c, _) => format!("Show {c}"),
            ZoomIn => "Zoom in".into(),
            ZoomOut => "Zoom out".into(),
            ZoomReset => "Reset zoom".into(),
            SetTheme(t) => format!("Theme: {}", t.label().to_lowercase()),
            ToggleSettings => "Settings panel".into(),
            ToggleWarnings => "Warnings panel".into(),
            ShowShortcuts => "Keyboard shortcuts".into(),
            ShowAbout => "About Parallax".into(),
            ShowView(v) => v.label().into(),
            ShowPassage { .. } => "Show side by side".into(),
            OpenEvent(_) => "Show event across sources".into(),
            OpenSelectedEvent => "Selected row across every source".into(),
            ExportReport => "Export report…".into(),
            ExportReportTo(p) => format!("Export report to {}", p.display()),
            LinkPassages(..) => "Link these passages".into(),
            UnlinkPassages(_) => "Unlink these passages".into(),
            UndoCorrection => "Undo correction".into(),
            RemoveCorrection(_) => "Remove correction".into(),
            ToggleCorrections => "Corrections…".into(),
            Copy => "Copy".into(),
            CopyText { what, .. } => format!("Copy {what}"),
            SaveCorrectionsTo(p) => format!("Save corrections to {}", p.display()),
            OpenOriginal { web: false, .. } => "Open the original file".into(),
            OpenOriginal { web: true, .. } => "Open the web page".into(),
            SetLexicon(None) => "Use the built-in lexicon".into(),
            SetLexicon(Some(p)) => format!("Use the lexicon {}", p.display()),
            ShowSources => "Rename sources…".into(),
            EditSourceName(_) => "Rename source…".into(),
            RenameSource { name, .. } if name.trim().is_empty() => "Reset source name".into(),
            RenameSource { name, .. } => format!("Rename source to {}", name.trim()),
        }
    }

    /// One-line explanation shown as a tooltip.
    pub fn tooltip(&self) -> &'static str {
        use Command::*;
        match self {
            OpenFolder => "Choose a folder of articles (.txt, .md, .html) with the system dialog",
            OpenFolderByPath => "Type the path of a folder of articles, with completion",
            OpenSeeds => "Open the five sample articles bundled with Parallax",
            OpenPath(_) => "Open this folder",
            OpenFiles(_) => "Open these files as one article set",
            Reload => "Load the current set again from disk and re-align it",
            CancelJob => {
                "Stop the running export, or the loading or aligning; the current set stays open"
            }
            Quit => "Close Parallax",
            NextDifference => "Go to the next changed or unmatched passage",
            PrevDifference => "Go to the previous changed or unmatched passage",
            FirstDifference => "Go to the first difference",
            LastDifference => "Go to the last difference",
            Find => "Search the text of either side",
            FindNext => "Go to the next search match",
            FindPrev => "Go to the previous search match",
            SwapSides => "Exchange the left and right sources",
            NextLeftSource => "Show the next article on the left",
            PrevLeftSource => "Show the previous article on the left",
            NextRightSource => "Show the next article on the right",
            PrevRightSource => "Show the previous article on the right",
            SelectPair { .. } => "Show these two sources side by side",
            RevealPassage { .. } => "Scroll to this passage",
            SetFilter(Filter::All) => "Show every row",
            SetFilter(Filter::Differences) => "Show only changed pairs and unmatched passages",
            SetFilter(Filter::Unmatched) => "Show only passages the other source does not report",
            SetFilter(Filter::Framing) => "Show only rows with framing marks",
            SetMinScore(_) => "Re-align the set: weaker links are dropped",
            SetIgnoreCase(_) => "Treat upper and lower case as the same",
            SetIgnorePunctuation(_) => "Treat punctuation differences as the same",
            SetCategoryHidden(..) => "Show or hide this framing category",
            ZoomIn => "Make text and controls larger",
            ZoomOut => "Make text and controls smaller",
            ZoomReset => "Back to 100 %",
            SetTheme(ThemePref::System) => "Follow the system's light or dark setting",
            SetTheme(ThemePref::Light) => "Dark text on a light background",
            SetTheme(ThemePref::Dark) => "Light text on a dark background",
            ToggleSettings => "Show or hide similarity, diff, framing and display settings",
            ToggleWarnings => "Show or hide skipped files and errors",
            ShowShortcuts => "List every keyboard shortcut",
            ShowAbout => "Version and what Parallax does",
            ShowView(_) => "Switch to this view",
            ShowPassage { .. } => "Show this passage side by side",
            OpenEvent(_) => "Read this event in every source that reports it",
            OpenSelectedEvent => "Read the selected row's event in every source that reports it",
            ExportReport => {
                "Write the story map, framing tables and differences as an HTML, JSON or Markdown report"
            }
            ExportReportTo(_) => "Write the report to this file",
            LinkPassages(..) => {
                "They report the same claim: pair them (kept for this set, listed in Edit > Corrections…)"
            }
            UnlinkPassages(_) => {
                "They do not report the same claim: remove the link (kept for this set, undo with Ctrl+Z)"
            }
            UndoCorrection => "Take back the last link or unlink made by hand",
            RemoveCorrection(_) => "Take back this correction",
            ToggleCorrections => "List the links and unlinks made by hand in this set",
            Copy => "Copy the selected row with its source names (plain text)",
            CopyText { .. } => "Put this on the clipboard",
            SaveCorrectionsTo(_) => {
                "Write these corrections to a file: `parallax align --corrections FILE` applies them"
            }
            OpenOriginal { web: false, .. } => {
                "Open the article's file with the system's default application"
            }
            OpenOriginal { web: true, .. } => {
                "Open the address the article was saved from in the browser"
            }
            SetLexicon(_) => {
                "Mark framing with the categories and terms of this lexicon (re-aligns the set)"
            }
            ShowSources | EditSourceName(_) => {
                "Give a source the name it should go by in this set (kept in the app's settings, not in the folder)"
            }
            RenameSource { .. } => "Change the name this source goes by in this set",
        }
    }

    /// Keyboard shortcuts; the first one is shown in menus.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        use Command::*;
        match self {
            OpenFolder => vec![sc(CTRL, Key::O)],
            OpenFolderByPath => vec![sc(CTRL, Key::L)],
            Reload => vec![sc(NONE, Key::F5), sc(CTRL, Key::R)],
            CancelJob => vec![sc(NONE, Key::Escape)],
            Quit => vec![sc(CTRL, Key::Q)],
            NextDifference => vec![sc(ALT, Key::ArrowDown), sc(NONE, Key::N)],
            PrevDifference => vec![sc(ALT, Key::ArrowUp), sc(NONE, Key::P)],
            FirstDifference => vec![sc(ALT, Key::Home)],
            LastDifference => vec![sc(ALT, Key::End)],
            Find => vec![sc(CTRL, Key::F)],
            FindNext => vec![sc(NONE, Key::F3)],
            FindPrev => vec![sc(SHIFT, Key::F3)],
            SwapSides => vec![sc(NONE, Key::S)],
            NextRightSource => vec![sc(ALT, Key::ArrowRight)],
            PrevRightSource => vec![sc(ALT, Key::ArrowLeft)],
            NextLeftSource => vec![sc(ALT_SHIFT, Key::ArrowRight)],
            PrevLeftSource => vec![sc(ALT_SHIFT, Key::ArrowLeft)],
            SetFilter(Filter::All) => vec![sc(NONE, Key::Num1)],
            SetFilter(Filter::Differences) => vec![sc(NONE, Key::Num2)],
            SetFilter(Filter::Unmatched) => vec![sc(NONE, Key::Num3)],
            SetFilter(Filter::Framing) => vec![sc(NONE, Key::Num4)],
            ZoomIn => vec![sc(CTRL, Key::Plus), sc(CTRL, Key::Equals)],
            ZoomOut => vec![sc(CTRL, Key::Minus)],
            ZoomReset => vec![sc(CTRL, Key::Num0)],
            ToggleSettings => vec![sc(CTRL, Key::Comma)],
            ShowShortcuts => vec![sc(NONE, Key::F1)],
            ShowView(v) => v.shortcut().into_iter().collect(),
            ExportReport => vec![sc(CTRL, Key::E)],
            OpenSelectedEvent => vec![sc(NONE, Key::E)],
            UndoCorrection => vec![sc(CTRL, Key::Z)],
            Copy => vec![sc(CTRL, Key::C)],
            _ => vec![],
        }
    }

    /// A shortcut without Ctrl, Alt or a function key would type into a text field, so it is
    /// only active while no text field has keyboard focus.
    fn is_plain(s: &KeyboardShortcut) -> bool {
        let fkey = matches!(
            s.logical_key,
            Key::F1 | Key::F2 | Key::F3 | Key::F4 | Key::F5 | Key::F6 | Key::F7 | Key::Escape
        );
        !s.modifiers.command && !s.modifiers.ctrl && !s.modifiers.alt && !fkey
    }

    /// Text for menus and help, as people write key names: "Alt+Down", "Ctrl++", "Ctrl+,".
    pub fn shortcut_text(&self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts()
            .first()
            .map(|s| shortcut_label(&ctx.format_modifiers(s.modifiers), s.logical_key))
    }

    /// Consumes this frame's key presses that match a command's shortcut and returns the
    /// commands. While a text field has focus only Ctrl/Alt/function-key shortcuts count, and
    /// Escape is left to the field. Modifiers must match exactly (so `n` is not Alt+N), except
    /// that Shift is ignored for `+`.
    pub fn from_keys(ctx: &egui::Context) -> Vec<Command> {
        let text_focused = ctx.egui_wants_keyboard_input();
        let table: Vec<(Command, KeyboardShortcut)> = Self::catalogue()
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c.clone(), s)))
            // Escape, Ctrl+Z and Ctrl+C belong to a focused text field (closing it, its own
            // undo and copy).
            .filter(|(_, s)| {
                !text_focused
                    || (!Self::is_plain(s)
                        && !matches!(s.logical_key, Key::Escape | Key::Z | Key::C))
            })
            .collect();
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            i.events.retain(|ev| {
                let egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } = ev
                else {
                    return true;
                };
                let hit = table.iter().find(|(_, s)| {
                    s.logical_key == *key
                        && (modifiers.matches_exact(s.modifiers)
                            || (*key == Key::Plus && modifiers.matches_logically(s.modifiers)))
                });
                match hit {
                    Some((c, _)) => {
                        out.push(c.clone());
                        false
                    }
                    None => true,
                }
            });
        });
        out
    }
}

/// "Ctrl" + `key` as written in manuals: punctuation as its character ("Ctrl++", "Ctrl+,",
/// "Ctrl+-"; egui's own names say "Plus", "Comma" and a typographic minus), other keys by name.
pub fn shortcut_label(modifiers: &str, key: Key) -> String {
    let key = match key {
        Key::Minus => "-",
        Key::Plus
        | Key::Equals
        | Key::Comma
        | Key::Period
        | Key::Colon
        | Key::Semicolon
        | Key::Slash
        | Key::Backslash
        | Key::Questionmark
        | Key::OpenBracket
        | Key::CloseBracket => key.symbol_or_name(),
        other => other.name(),
    };
    if modifiers.is_empty() {
        key.to_owned()
    } else {
        format!("{modifiers}+{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_are_written_as_people_write_them() {
        assert_eq!(shortcut_label("Ctrl", Key::Plus), "Ctrl++");
        assert_eq!(shortcut_label("Ctrl", Key::Comma), "Ctrl+,");
        assert_eq!(shortcut_label("Ctrl", Key::Minus), "Ctrl+-");
        assert_eq!(shortcut_label("Alt", Key::ArrowDown), "Alt+Down");
        assert_eq!(shortcut_label("", Key::F3), "F3");
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, String)> = Vec::new();
        for c in Command::catalogue() {
            for s in c.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| *t == s) {
                    panic!("{} and {} share a shortcut", other, c.label());
                }
                seen.push((s, c.label()));
            }
        }
    }

    #[test]
    fn every_command_has_a_label_and_tooltip() {
        for c in Command::catalogue() {
            assert!(!c.label().is_empty());
            assert!(!c.tooltip().is_empty());
        }
    }
}
