//! Look up CTS error codes as an API client would: `cargo run --example lookup -- CTS.0214`.
//! Without arguments it lists every documented code.

use cts_error_codes::ErrorCode;
use std::process::ExitCode;

fn main() -> ExitCode {
    let codes: Vec<String> = std::env::args().skip(1).collect();
    if codes.is_empty() {
        for code in ErrorCode::ALL {
            println!(
                "{}  {}  {:?}  {}",
                code.code(),
                code.status(),
                code,
                code.message()
            );
        }
        return ExitCode::SUCCESS;
    }
    let mut status = ExitCode::SUCCESS;
    for raw in &codes {
        match raw.parse::<ErrorCode>() {
            Ok(code) => {
                println!("{code}");
                println!("  variant:     ErrorCode::{code:?}");
                println!("  description: {}", code.description());
                println!("  solution:    {}", code.solution());
            }
            Err(unknown) => {
                eprintln!("error: {unknown}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
