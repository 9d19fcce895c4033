//! The viewer's actions, in two kinds (rerun's `UICommand` / `SystemCommand` split):
//! [`UiCommand`]s are what a user invokes from a menu, a button or a shortcut — each knows its
//! label, tooltip and keyboard shortcuts, and their list ([`UiCommand::catalogue`]) is derived
//! from the declaration, so menus, key handling and Help ▸ Keyboard shortcuts can never miss
//! one; [`SystemCommand`]s carry data a view builds as it is used (which passage, which file,
//! which value). Views never change shared state directly: they push either kind into one
//! [`Commands`] queue, which the app applies once per frame.

use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

use super::View;
use super::file_dialog::DialogRequest;
use super::state::{Filter, ThemePref};
use crate::align::PassageRef;

/// Declares [`UiCommand`] from its fieldless variants and the ones that choose one value of a
/// small closed set (a filter, a theme, a view), so that [`UiCommand::FIXED`] is derived from
/// the declaration.
macro_rules! ui_commands {
    (
        fixed { $( $(#[$fm:meta])* $fixed:ident, )* }
        choice { $($choice:tt)* }
    ) => {
        /// An action a user invokes from a menu, a button or a keyboard shortcut.
        #[derive(Debug, Clone, PartialEq)]
        pub enum UiCommand {
            $( $(#[$fm])* $fixed, )*
            $($choice)*
        }

        impl UiCommand {
            /// Every fieldless command, in declaration order (derived by the macro).
            pub const FIXED: &'static [UiCommand] = &[$(UiCommand::$fixed),*];
        }
    };
}

ui_commands! {
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
    choice {
        /// Show the rows this filter keeps (one value of [`Filter::ALL`]).
        SetFilter(Filter),
        /// Use this theme (one value of [`ThemePref::ALL`]).
        SetTheme(ThemePref),
        /// Switch to this view (one value of [`View::ALL`]).
        ShowView(View),
    }
}

/// An action that carries data a view built as it was used: which folder, which passages,
/// which value. It has a label and a tooltip (for the button or menu item that sends it) but
/// no shortcut.
#[derive(Debug, Clone, PartialEq)]
pub enum SystemCommand {
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
    /// Re-align the open set with this minimum similarity.
    SetMinScore(f32),
    SetIgnoreCase(bool),
    SetIgnorePunctuation(bool),
    /// Show (false) or hide (true) one framing category.
    SetCategoryHidden(String, bool),
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
    /// Show the system's file or folder dialog for this request; its answer comes back to the
    /// window that asked ([`super::file_dialog::DialogFor`]).
    ShowDialog(DialogRequest),
}

/// One entry of the app's command queue: either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    System(SystemCommand),
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}

impl From<SystemCommand> for Command {
    fn from(c: SystemCommand) -> Self {
        Command::System(c)
    }
}

impl Command {
    /// Menu and help label, sentence case.
    pub fn label(&self) -> String {
        match self {
            Command::Ui(c) => c.label(),
            Command::System(c) => c.label(),
        }
    }

    /// One-line explanation shown as a tooltip.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::Ui(c) => c.tooltip(),
            Command::System(c) => c.tooltip(),
        }
    }
}

/// The queue views push commands into during a frame; the app applies them at its end.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Queues a command of either kind.
    pub fn push(&mut self, c: impl Into<Command>) {
        self.0.push(c.into());
    }

    /// Queues every command of `cs`.
    pub fn extend<C: Into<Command>>(&mut self, cs: impl IntoIterator<Item = C>) {
        self.0.extend(cs.into_iter().map(Into::into));
    }

    /// Takes the queued commands, in order, leaving the queue empty.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
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

impl UiCommand {
    /// The commands with a fixed meaning, in the order Help ▸ Keyboard shortcuts lists them.
    pub fn catalogue() -> Vec<UiCommand> {
        use UiCommand::*;
        let mut v = Self::FIXED.to_vec();
        v.extend(Filter::ALL.map(SetFilter));
        v.extend(ThemePref::ALL.map(SetTheme));
        v.extend(View::ALL.map(ShowView));
        v
    }

    /// Menu and help label, sentence case.
    pub fn label(&self) -> String {
        use UiCommand::*;
        match self {
            OpenFolder => "Open folder…".into(),
            OpenFolderByPath => "Open folder by path…".into(),
            OpenSeeds => "Open sample articles".into(),
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
            SetFilter(f) => f.label().into(),
            ZoomIn => "Zoom in".into(),
            ZoomOut => "Zoom out".into(),
            ZoomReset => "Reset zoom".into(),
            SetTheme(t) => format!("Theme: {}", t.label().to_lowercase()),
            ToggleSettings => "Settings panel".into(),
            ToggleWarnings => "Warnings panel".into(),
            ShowShortcuts => "Keyboard shortcuts".into(),
            ShowAbout => "About Parallax".into(),
            ShowView(v) => v.label().into(),
            OpenSelectedEvent => "Selected row across every source".into(),
            ExportReport => "Export report…".into(),
            UndoCorrection => "Undo correction".into(),
            ToggleCorrections => "Corrections…".into(),
            Copy => "Copy".into(),
            ShowSources => "Rename sources…".into(),
        }
    }

    /// One-line explanation shown as a tooltip.
    pub fn tooltip(&self) -> &'static str {
        use UiCommand::*;
        match self {
            OpenFolder => {
                "Choose a folder of articles (.txt, .md, .html, .mhtml, .docx, .pdf) with the system dialog"
            }
            OpenFolderByPath => "Type the path of a folder of articles, with completion",
            OpenSeeds => "Open the five sample articles bundled with Parallax",
            Reload => "Load the current set again from disk and re-align it",
            CancelJob => {
                "Stop the running export, the loading or aligning, or the building of the view shown; the current set stays open"
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
            SetFilter(Filter::All) => "Show every row",
            SetFilter(Filter::Differences) => "Show only changed pairs and unmatched passages",
            SetFilter(Filter::Unmatched) => "Show only passages the other source does not report",
            SetFilter(Filter::Framing) => "Show only rows with framing marks",
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
            OpenSelectedEvent => "Read the selected row's event in every source that reports it",
            ExportReport => {
                "Write the story map, framing tables and differences as an HTML, JSON or Markdown report"
            }
            UndoCorrection => "Take back the last link or unlink made by hand",
            ToggleCorrections => "List the links and unlinks made by hand in this set",
            Copy => "Copy the selected row with its source names (plain text)",
            ShowSources => {
                "Give a source the name it should go by in this set (kept in the app's settings, not in the folder)"
            }
        }
    }

    /// Keyboard shortcuts; the first one is shown in menus.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        use UiCommand::*;
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
    pub fn from_keys(ctx: &egui::Context) -> Vec<UiCommand> {
        let text_focused = ctx.egui_wants_keyboard_input();
        let table: Vec<(UiCommand, KeyboardShortcut)> = Self::catalogue()
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

impl SystemCommand {
    pub fn label(&self) -> String {
        use SystemCommand::*;
        match self {
            OpenPath(p) => format!("Open {}", p.display()),
            OpenFiles(fs) => format!("Open {} files", fs.len()),
            SelectPair { .. } => "Compare sources".into(),
            RevealPassage { .. } => "Show passage".into(),
            SetMinScore(v) => format!("Minimum match {}", crate::compare::percent(*v)),
            SetIgnoreCase(_) => "Ignore case".into(),
            SetIgnorePunctuation(_) => "Ignore punctuation".into(),
            SetCategoryHidden(c, _) => format!("Show {c}"),
            ShowPassage { .. } => "Show side by side".into(),
            OpenEvent(_) => "Show event across sources".into(),
            ExportReportTo(p) => format!("Export report to {}", p.display()),
            LinkPassages(..) => "Link these passages".into(),
            UnlinkPassages(_) => "Unlink these passages".into(),
            RemoveCorrection(_) => "Remove correction".into(),
            CopyText { what, .. } => format!("Copy {what}"),
            SaveCorrectionsTo(p) => format!("Save corrections to {}", p.display()),
            OpenOriginal { web: false, .. } => "Open the original file".into(),
            OpenOriginal { web: true, .. } => "Open the web page".into(),
            SetLexicon(None) => "Use the built-in lexicon".into(),
            SetLexicon(Some(p)) => format!("Use the lexicon {}", p.display()),
            EditSourceName(_) => "Rename source…".into(),
            RenameSource { name, .. } if name.trim().is_empty() => "Reset source name".into(),
            RenameSource { name, .. } => format!("Rename source to {}", name.trim()),
            ShowDialog(r) => r.title.to_owned(),
        }
    }

    pub fn tooltip(&self) -> &'static str {
        use SystemCommand::*;
        match self {
            OpenPath(_) => "Open this folder",
            OpenFiles(_) => "Open these files as one article set",
            SelectPair { .. } => "Show these two sources side by side",
            RevealPassage { .. } => "Scroll to this passage",
            SetMinScore(_) => "Re-align the set: weaker links are dropped",
            SetIgnoreCase(_) => "Treat upper and lower case as the same",
            SetIgnorePunctuation(_) => "Treat punctuation differences as the same",
            SetCategoryHidden(..) => "Show or hide this framing category",
            ShowPassage { .. } => "Show this passage side by side",
            OpenEvent(_) => "Read this event in every source that reports it",
            ExportReportTo(_) => "Write the report to this file",
            LinkPassages(..) => {
                "They report the same claim: pair them (kept for this set, listed in Edit > Corrections…)"
            }
            UnlinkPassages(_) => {
                "They do not report the same claim: remove the link (kept for this set, undo with Ctrl+Z)"
            }
            RemoveCorrection(_) => "Take back this correction",
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
            EditSourceName(_) => {
                "Give a source the name it should go by in this set (kept in the app's settings, not in the folder)"
            }
            RenameSource { .. } => "Change the name this source goes by in this set",
            ShowDialog(_) => "Choose with the system's file dialog",
        }
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
        for c in UiCommand::catalogue() {
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
        for c in UiCommand::catalogue() {
            assert!(!c.label().is_empty());
            assert!(!c.tooltip().is_empty());
        }
    }
}
