#[test]
fn glyphs() {
    let ctx = egui::Context::default();
    let mut out = vec![];
    let mut o = ctx.run_ui(Default::default(), |ui| {
        for c in "×−•·‘’≈%▸ºⁿ⁄½".chars() {
            let has = ui.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), c));
            out.push(format!("{c} {has}"));
        }
    });
    o.textures_delta.clear();
    println!("{}", out.join(" | "));
}
