//! Abbreviations that end in a full stop without ending the sentence ("Mr.", "U.S.", "Jan.",
//! "J. R. R. Tolkien"), shared by the sentence splitter and the tokenizer's sentence-start test.
//!
//! Each abbreviation has a class that says when the stop after it may still end a sentence:
//! titles never do ("Mr. Trump"), number prefixes do unless a number follows ("No. 10"), and the
//! rest ("U.S.", "Inc.", "a.m.", months, initials) end a sentence only when the next word is a
//! capitalised function word ("… in the U.S. He said" splits; "U.S. President" does not).

/// How the full stop after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Never ends a sentence: titles before a name, `vs.`, `e.g.`, `i.e.`.
    Never,
    /// Ends a sentence unless a number follows: `No. 10`, `Vol. 3`, `Art. 5`.
    BeforeNumber,
    /// Ends a sentence only when a capitalised function word follows ("He", "The", "But").
    MayEnd,
    /// A clock time, "a.m." / "p.m.": ends a sentence unless a day, month or time zone follows
    /// ("at 4 p.m. Friday" continues; "at 4 p.m. Police said" is a new sentence).
    Time,
}

/// Words that continue a sentence after "a.m." / "p.m.".
pub const AFTER_TIME: &[&str] = &[
    "apr",
    "april",
    "aug",
    "august",
    "bst",
    "cdt",
    "cet",
    "cst",
    "ct",
    "dec",
    "december",
    "edt",
    "est",
    "et",
    "feb",
    "february",
    "fri",
    "friday",
    "gmt",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "local",
    "mar",
    "march",
    "may",
    "mdt",
    "mon",
    "monday",
    "mst",
    "mt",
    "nov",
    "november",
    "oct",
    "october",
    "pdt",
    "pst",
    "pt",
    "sat",
    "saturday",
    "sep",
    "sept",
    "september",
    "sun",
    "sunday",
    "thu",
    "thursday",
    "today",
    "tomorrow",
    "tonight",
    "tue",
    "tuesday",
    "utc",
    "wed",
    "wednesday",
    "yesterday",
];

/// Case-sensitive titles and words that are always followed by more of the sentence.
const NEVER: &[&str] = &[
    "Adm", "Asst", "Atty", "Capt", "Cmdr", "Col", "Const", "Cpl", "Dep", "Det", "Dist", "Dr", "Fr",
    "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Pres",
    "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt", "Supt", "cf", "e.g", "i.e", "vs", "viz",
];

/// Case-sensitive prefixes of a number.
const BEFORE_NUMBER: &[&str] = &["Art", "Fig", "No", "Nos", "Vol", "no", "nos", "p", "pp"];

/// Abbreviations that usually continue the sentence but can end it.
const MAY_END: &[&str] = &[
    // US states in AP style, only those that are not also words ("Miss.", "Wash.", "Ill.").
    "Ala", "Ariz", "Calif", "Colo", "Conn", "Fla", "Kan", "Mich", "Minn", "Neb", "Nev", "Okla",
    "Tenn", "Wis", "Wyo", //
    // Months, weekdays, companies, streets ("St." is Saint or Street), Latin.
    "Apr", "Assn", "Aug", "Ave", "Blvd", "Bros", "Co", "Corp", "Dec", "Dept", "Feb", "Fri", "Inc",
    "Jan", "Jr", "Jul", "Jun", "Ltd", "Mar", "Mon", "Nov", "Oct", "Plc", "Rd", "Sat", "Sep",
    "Sept", "Sr", "St", "Sun", "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Wed", "al",
    "approx", "ca", "est", "etc", "govt",
];

/// The class of `word` (the text before a full stop, without the stop), or `None` when the stop
/// after it is an ordinary sentence end candidate.
///
/// Besides the lists, a single letter ("J" in "J. R. R. Tolkien", "U" in the spaced "U. S.") and
/// any dotted form ("U.S", "U.N", "Ph.D") are [`AbbrevClass::MayEnd`]; "a.m." and "p.m." are
/// [`AbbrevClass::Time`].
pub fn classify(word: &str) -> Option<AbbrevClass> {
    if word.is_empty() {
        return None;
    }
    let found = classify_exact(word);
    if found.is_some() {
        return found;
    }
    // "Aoraki-Mt", "then-No", "Aoraki/Mt": the part after the last hyphen or slash.
    if let Some((_, tail)) = word.rsplit_once(['-', '/'])
        && !tail.is_empty()
    {
        return classify_exact(tail);
    }
    // Datelines in capitals: "MAR. 14", "FEB. 2".
    if word.len() <= 5 && word.chars().all(|c| c.is_ascii_uppercase()) && word.len() >= 2 {
        let title: String = word
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() })
            .collect();
        if MAY_END.contains(&title.as_str()) {
            return Some(AbbrevClass::MayEnd);
        }
    }
    None
}

fn classify_exact(word: &str) -> Option<AbbrevClass> {
    if matches!(word, "a.m" | "p.m" | "A.M" | "P.M") {
        return Some(AbbrevClass::Time);
    }
    if NEVER.contains(&word) {
        return Some(AbbrevClass::Never);
    }
    if BEFORE_NUMBER.contains(&word) {
        return Some(AbbrevClass::BeforeNumber);
    }
    if MAY_END.contains(&word) {
        return Some(AbbrevClass::MayEnd);
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return Some(AbbrevClass::MayEnd);
    }
    // Dotted forms: letters separated by single dots, "U.S", "a.m", "Ph.D".
    if word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
    {
        return Some(AbbrevClass::MayEnd);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("Mr"), Some(AbbrevClass::Never));
        assert_eq!(classify("No"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(classify("U.S"), Some(AbbrevClass::MayEnd));
        assert_eq!(classify("J"), Some(AbbrevClass::MayEnd));
        assert_eq!(classify("Jan"), Some(AbbrevClass::MayEnd));
        assert_eq!(classify("war"), None);
        assert_eq!(classify("now"), None);
        assert_eq!(classify("3.5"), None);
    }
}
