//! printf format strings: parsed at compile time, applied by the consumer.

/// A parsed printf format string.
#[derive(Debug, Clone, PartialEq)]
pub struct Format {
    pub text: Vec<u8>,
}
