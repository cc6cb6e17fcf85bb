//! `wasm-split INPUT.wasm OUT_DIR MAIN_MODULE`: splits the compiler's wasm
//! (linked with `--emit-relocs`) at the split points Leptos's `#[lazy_route]`
//! leaves, into `OUT_DIR/main.wasm` (for wasm-bindgen, which must keep the
//! linker's exports the chunks import), one `.wasm` per chunk, and
//! `OUT_DIR/__wasm_split.js`, which loads a chunk when its route is first
//! opened. MAIN_MODULE is how `__wasm_split.js` imports wasm-bindgen's
//! JavaScript (`./app.js`).
//!
//! Prints one line per chunk: its file name and the split points in it
//! (`__wasm_split_manifest` in Leptos's terms), so the build can name the
//! files by content and list them for the service worker.

use std::path::PathBuf;
use std::process::ExitCode;

/// The name of the loader module the main wasm imports; the build renames it
/// by content afterwards.
const LINK_NAME: &str = "./__wasm_split.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_module] = args.as_slice() else {
        eprintln!("usage: wasm-split INPUT.wasm OUT_DIR MAIN_MODULE");
        return ExitCode::from(2);
    };
    match split(input, &PathBuf::from(out_dir), main_module) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wasm-split: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &str, out_dir: &std::path::Path, main_module: &str) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let main_out = out_dir.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out_dir;
    options.main_out_path = &main_out;
    options.main_module = main_module;
    options.link_name = LINK_NAME;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("{e:#}"))?;
    let mut lines: Vec<String> = split
        .prefetch_map
        .iter()
        .map(|(point, chunks)| format!("{point} {}", chunks.join(" ")))
        .collect();
    lines.sort();
    for line in lines {
        println!("{line}");
    }
    Ok(())
}
