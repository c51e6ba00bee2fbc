#![no_std]

use cts_error_codes::ErrorCode;

/// The HTTP status of a code, or 0: the enum, its tables and `from_code` work without std.
#[no_mangle]
pub extern "C" fn cts_status(code: *const u8, len: usize) -> u16 {
    // SAFETY: the caller passes a valid byte range (this crate exists only to be compiled).
    let bytes = unsafe { core::slice::from_raw_parts(code, len) };
    core::str::from_utf8(bytes)
        .ok()
        .and_then(ErrorCode::from_code)
        .map_or(0, ErrorCode::status)
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
