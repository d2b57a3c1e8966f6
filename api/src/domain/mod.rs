//! Pure domain rules: identity numbers, enumerations, field validators and masking. No I/O.
pub mod enums;
pub mod idcard;
pub mod money;
pub mod page;
pub mod text;
pub mod time;
pub mod validate;
