//! `precompress FILE…`: writes `FILE.br` and `FILE.gz` next to each file, at
//! the highest settings (brotli quality 11 with the largest window browsers
//! accept; gzip by Zopfli), and prints one line per file: its name and the
//! raw, gzip and brotli sizes in bytes. Each copy is decompressed again and
//! compared with the file before it is written.
//!
//! The server sends these siblings as they are (tower-http's `ServeDir`
//! with `precompressed_br`/`precompressed_gzip`), so compressing once at
//! build time can afford the slowest settings.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flate2::read::GzDecoder;

/// The largest brotli window a browser must accept (RFC 7932 allows 24).
const BROTLI_WINDOW_BITS: i32 = 24;

fn main() -> ExitCode {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        eprintln!("usage: precompress FILE…");
        return ExitCode::from(2);
    }
    for file in &files {
        match precompress(file) {
            Ok(sizes) => println!(
                "{} {} {} {}",
                file.display(),
                sizes.raw,
                sizes.gzip,
                sizes.brotli
            ),
            Err(error) => {
                eprintln!("precompress: {}: {error}", file.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// A file's size as it is and in each encoding.
struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// Writes `file.gz` and `file.br`.
fn precompress(file: &Path) -> io::Result<Sizes> {
    let raw = fs::read(file)?;
    let gzip = gzip(&raw)?;
    let brotli = brotli(&raw)?;
    // Cheap next to compressing, and a broken sibling would break the app
    // only for the browsers that ask for that encoding.
    if gunzip(&gzip)? != raw || unbrotli(&brotli)? != raw {
        return Err(io::Error::other(
            "a compressed copy does not decompress to the file",
        ));
    }
    fs::write(sibling(file, "gz"), &gzip)?;
    fs::write(sibling(file, "br"), &brotli)?;
    Ok(Sizes {
        raw: raw.len(),
        gzip: gzip.len(),
        brotli: brotli.len(),
    })
}

/// `name.ext` → `name.ext.suffix`.
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Gzip by Zopfli, which searches much longer than `gzip -9` for the same
/// format (the app's wasm: about 4% smaller, in a few seconds).
fn gzip(raw: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        raw,
        &mut out,
    )?;
    Ok(out)
}

/// Brotli at quality 11.
fn brotli(raw: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: BROTLI_WINDOW_BITS,
        size_hint: raw.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

fn gunzip(compressed: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    GzDecoder::new(compressed).read_to_end(&mut out)?;
    Ok(out)
}

fn unbrotli(compressed: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut out)?;
    Ok(out)
}
