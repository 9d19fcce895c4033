//! Reports: the story map, framing tables and side-by-side differences as one self-contained
//! HTML file, JSON or Markdown.

pub mod align_json;

pub use align_json::align_json;
