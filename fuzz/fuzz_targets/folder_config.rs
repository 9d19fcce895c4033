//! Fuzzes `parallax.toml` parsing and lookups.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::corpus::FolderConfig;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = FolderConfig::parse(text) {
        let _ = config.is_empty();
        for id in ["a.txt", "sub/b.md", "", "é.html"] {
            let _ = config.lookup(id);
        }
        let _ = config.unused_keys(&["a.txt", "sub/b.md"]);
    }
});
