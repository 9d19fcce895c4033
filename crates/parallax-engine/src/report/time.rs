//! Dates printed in reports.

/// "YYYY-MM-DD HH:MM UTC" for now, or for `SOURCE_DATE_EPOCH` when set (reproducible builds).
pub fn generated_now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    format_utc(secs)
}

/// Formats Unix seconds as a UTC date and time ("YYYY-MM-DD HH:MM UTC"), with `jiff`; seconds
/// outside jiff's range (years −9999..=9999) are clamped to its ends.
pub fn format_utc(secs: i64) -> String {
    let ts = jiff::Timestamp::from_second(secs).unwrap_or(if secs < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    ts.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::format_utc;

    #[test]
    fn utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34 UTC (leap day).
        assert_eq!(format_utc(951_827_640), "2000-02-29 12:34 UTC");
        // 2026-11-21 20:50 UTC.
        assert_eq!(format_utc(1_795_294_200), "2026-11-21 20:50 UTC");
        // Past jiff's range: clamped, never a panic.
        assert!(format_utc(i64::MAX).starts_with("9999-12-"));
        assert!(
            format_utc(i64::MIN).starts_with("-009999-01-")
                || format_utc(i64::MIN).starts_with("-9999-01-")
        );
    }
}
