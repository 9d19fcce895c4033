fn main() {
    let e = parallax_engine::align::default_embedder().expect("model");
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let c = parallax_engine::embed::cosine(&e.embed(a), &e.embed(b));
        println!("{a:>15} {b:<15} {c:.3}");
    }
}
